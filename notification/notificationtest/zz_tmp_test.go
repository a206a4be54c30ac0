package notificationtest_test
import ("testing";"strings";"github.com/gridnotify/gridnotify/notification")
func TestX(t *testing.T){
 for _, s := range []string{``, `{"gridCompanies": [`, `{"gridCompanies": [{"id":"a","name":"A","areas":"x"}]}`} {
  _, err := notification.LoadCatalog(strings.NewReader(s)); t.Log(err)
 }
}
