package suggest

import "testing"

func TestClosest(t *testing.T) {
	names := []string{"http-addr", "health-addr", "data-dir"}
	for got, want := range map[string]string{"http-adr": "http-addr", "data_dir": "data-dir", "portal": "", "": ""} {
		if c := Closest(got, names); c != want {
			t.Errorf("Closest(%q) = %q, want %q", got, c, want)
		}
	}
}
