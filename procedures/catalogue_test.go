package procedures

import (
	"testing"
	"time"

	"github.com/motcua/motcua/money"
)

func defaultCatalogue(t testing.TB) *Catalogue {
	t.Helper()
	c, err := Default()
	if err != nil {
		t.Fatalf("the shipped catalogue does not load:\n%v", err)
	}
	return c
}

// TestCatalogueCoverage holds the shipped catalogue to what a province needs
// on day one: real procedures at every level, full-online services, pilots,
// and examples that pin each rule.
func TestCatalogueCoverage(t *testing.T) {
	c := defaultCatalogue(t)
	levels := map[Level]int{}
	fullOnline, pilots := 0, 0
	for _, code := range c.Codes() {
		vs := c.Versions(code)
		latest := vs[len(vs)-1]
		if latest.Service.Level == FullOnline {
			fullOnline++
		}
		pilot := false
		for _, p := range vs {
			levels[p.Level]++ // the district level lives on in versions before 1 July 2025
			pilot = pilot || len(p.Service.PaperlessPilots) > 0
			if len(p.Examples) < 3 {
				t.Errorf("%s version %d has %d examples, want at least 3", p.Code, p.Version, len(p.Examples))
			}
		}
		if pilot {
			pilots++
		}
	}
	if n := len(c.Codes()); n < 12 {
		t.Errorf("%d procedures, want at least 12", n)
	}
	for _, l := range Levels {
		if levels[l] == 0 {
			t.Errorf("no procedure at %s level", l)
		}
	}
	if fullOnline < 4 {
		t.Errorf("%d full-online procedures, want at least 4", fullOnline)
	}
	if pilots < 2 {
		t.Errorf("%d procedures with a paperless pilot, want at least 2", pilots)
	}
}

func quoteOf(t *testing.T, c *Catalogue, code string, inputs map[string]any, ch Channel, at string) *Quote {
	t.Helper()
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	when, err := time.ParseInLocation("2006-01-02 15:04", at, loc)
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Lookup(code, when)
	if err != nil {
		t.Fatal(err)
	}
	q, err := p.Quote(inputs, ch, Individual, when)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// TestCertifiedCopyFee pins Circular 226/2016/TT-BTC: 2.000 đ a page for the
// first two pages, 1.000 đ from the third, at most 200.000 đ a copy.
func TestCertifiedCopyFee(t *testing.T) {
	c := defaultCatalogue(t)
	cases := []struct {
		pages, copies int64
		want          money.VND
	}{
		{1, 1, 2000}, {2, 1, 4000}, {3, 1, 5000}, {10, 1, 12000}, {10, 2, 24000},
		{198, 1, 200000}, {199, 1, 200000}, {1000, 1, 200000}, {500, 3, 600000}, {2, 5, 20000},
	}
	for _, tc := range cases {
		q := quoteOf(t, c, "2.000815", map[string]any{"pages": tc.pages, "copies": tc.copies}, Counter, "2026-03-02 09:00")
		if q.Total != tc.want {
			t.Errorf("%d pages, %d copies: %s, want %s", tc.pages, tc.copies, q.Total, tc.want)
		}
	}
}

// TestCriminalRecordFee pins Circular 244/2016/TT-BTC: 200.000 đ, 100.000 đ for
// students and people with merit, plus 5.000 đ a certificate beyond the second.
func TestCriminalRecordFee(t *testing.T) {
	c := defaultCatalogue(t)
	cases := []struct {
		group        string
		certificates int64
		want         money.VND
	}{
		{"general", 1, 200000}, {"general", 2, 200000}, {"general", 3, 205000}, {"general", 10, 240000},
		{"student", 1, 100000}, {"student", 3, 105000}, {"merit", 2, 100000}, {"merit", 5, 115000},
	}
	for _, tc := range cases {
		q := quoteOf(t, c, "2.000488", map[string]any{"applicant_group": tc.group, "certificates": tc.certificates}, Online, "2026-03-02 09:00")
		if q.Total != tc.want {
			t.Errorf("%s, %d certificates: %s, want %s", tc.group, tc.certificates, q.Total, tc.want)
		}
	}
}

// TestOnlineDiscount pins Hà Tĩnh's Resolution 101/2023/NQ-HĐND: half the
// provincial fee when filed online.
func TestOnlineDiscount(t *testing.T) {
	c := defaultCatalogue(t)
	online := quoteOf(t, c, "1.009994", map[string]any{"floors": int64(3)}, Online, "2026-03-02 09:00")
	counter := quoteOf(t, c, "1.009994", map[string]any{"floors": int64(3)}, Counter, "2026-03-02 09:00")
	if counter.Total != 75000 || online.Total != 37500 || online.Fees[0].Discount == "" {
		t.Fatalf("construction permit: counter %s, online %s (%q)", counter.Total, online.Total, online.Fees[0].Discount)
	}
}

// TestAuthorisationLetter: the letter is required only when the filer is not
// the applicant.
func TestAuthorisationLetter(t *testing.T) {
	c := defaultCatalogue(t)
	for _, byProxy := range []bool{false, true} {
		q := quoteOf(t, c, "2.000488", map[string]any{"certificates": 1, "by_proxy": byProxy}, Online, "2026-03-02 09:00")
		got := false
		for _, n := range q.Components {
			if n.Code == "uy_quyen" {
				got = n.Required
			}
		}
		if got != byProxy {
			t.Errorf("by proxy %v: letter required %v", byProxy, got)
		}
	}
}
