package model

import (
	"testing"

	"github.com/motcua/motcua/procedures"
)

// TestFullOnline is the definition of toàn trình: filed online, any fee
// paid online, the result returned electronically or by public post.
func TestFullOnline(t *testing.T) {
	base := Projection{Channel: procedures.Online, Outcome: string(Returned), Fee: 10000, PaidOnline: true, ResultVia: "online"}
	cases := []struct {
		name string
		edit func(*Projection)
		want bool
	}{
		{"online throughout", func(*Projection) {}, true},
		{"result by public post", func(p *Projection) { p.ResultVia = "postal" }, true},
		{"no fee, nothing to pay", func(p *Projection) { p.Fee, p.PaidOnline = 0, false }, true},
		{"filed at a counter", func(p *Projection) { p.Channel = procedures.Counter }, false},
		{"filed by post", func(p *Projection) { p.Channel = procedures.Postal }, false},
		{"paid at the counter", func(p *Projection) { p.PaidOnline = false }, false},
		{"result handed over at the counter", func(p *Projection) { p.ResultVia = "counter" }, false},
		{"not yet returned", func(p *Projection) { p.Outcome, p.ResultVia = "", "" }, false},
		{"refused", func(p *Projection) { p.Outcome = string(Refused) }, false},
	}
	for _, tc := range cases {
		p := base
		tc.edit(&p)
		if got := p.FullOnline(); got != tc.want {
			t.Errorf("%s: full online = %v, want %v", tc.name, got, tc.want)
		}
	}
}
