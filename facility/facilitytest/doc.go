// Package facilitytest checks implementations of [facility.Lookup], in the
// spirit of testing/fstest.TestFS and golang.org/x/net/nettest.TestConn: an
// adapter to a grid company's system runs [TestLookup] in its own tests and
// so proves it keeps the contract the rest of gridnotify relies on — the
// errors to branch on, identity numbers withheld, no shared memory,
// cancellation and concurrency.
package facilitytest
