module github.com/gridnotify/gridnotify/bench

go 1.26

replace github.com/gridnotify/gridnotify => ../
