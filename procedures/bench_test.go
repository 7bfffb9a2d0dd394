package procedures

import (
	"testing"
	"time"
)

type filing struct {
	p       *Procedure
	inputs  map[string]any
	channel Channel
	kind    ApplicantKind
	at      time.Time
}

// acceptedFilings are the catalogue's examples that are not refused: each
// is a full quote, with every fee, discount, component and the deadline.
func acceptedFilings(b *testing.B) []filing {
	c := defaultCatalogue(b)
	var out []filing
	for _, p := range c.All() {
		for _, ex := range p.Examples {
			if ex.Expect.Refused != "" {
				continue
			}
			raw := map[string]any{}
			if ex.Inputs.Kind != 0 {
				if err := ex.Inputs.Decode(&raw); err != nil {
					b.Fatal(err)
				}
			}
			at, err := ParseMoment(ex.At.Text, p.Calendar())
			if err != nil {
				b.Fatal(err)
			}
			out = append(out, filing{p, raw, ex.Channel, ex.Applicant, at})
		}
	}
	return out
}

// BenchmarkQuote quotes every accepted example of the catalogue in turn; one
// op is one full quote, evaluated with the runtime cost limit on.
func BenchmarkQuote(b *testing.B) {
	fs := acceptedFilings(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f := &fs[i%len(fs)]
		if _, err := f.p.Quote(f.inputs, f.channel, f.kind, f.at); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadCatalogue loads and checks the whole shipped catalogue:
// parsing, compiling every rule, and running every example.
func BenchmarkLoadCatalogue(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}
