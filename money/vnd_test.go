package money

import "testing"

func TestString(t *testing.T) {
	cases := map[VND]string{0: "0 ₫", 5000: "5.000 ₫", 200000: "200.000 ₫", 1234567: "1.234.567 ₫", -1500: "-1.500 ₫", 999: "999 ₫"}
	for v, want := range cases {
		if got := v.String(); got != want {
			t.Errorf("%d formats as %q, want %q", int64(v), got, want)
		}
	}
}

func TestParse(t *testing.T) {
	good := map[string]VND{"200000": 200000, "200.000 ₫": 200000, "5,000 VND": 5000, "100.000đ": 100000}
	for s, want := range good {
		if got, err := Parse(s); err != nil || got != want {
			t.Errorf("Parse(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"", "abc", "1.5e3", "12k"} {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) accepted", s)
		}
	}
}
