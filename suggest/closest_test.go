package suggest

import "testing"

func TestClosest(t *testing.T) {
	names := []string{"http-addr", "health-addr", "data-dir"}
	for got, want := range map[string]string{"http-adr": "http-addr", "data_dir": "data-dir", "portal": "", "": ""} {
		if c := Closest(got, names); c != want {
			t.Errorf("Closest(%q) = %q, want %q", got, c, want)
		}
	}
	// Two letters typed in the wrong order are one slip, nearer than two
	// letters missing: --form is --from, not --format.
	if c := Closest("form", []string{"format", "from", "to"}); c != "from" {
		t.Errorf("Closest(form) = %q, want from", c)
	}
}
