package reports_test

import (
	"context"
	"iter"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/store/storetest"
)

// unit is an agency's share of its level's resolved and digitized dossiers.
type unit struct {
	agency, procedure string
	resolved, digits  int
}

// haTinh2024 are Hà Tĩnh's 2024 digitization counts from the domain notes,
// spread over agencies so that each level adds up to the reported figures:
// province 103,455 of 132,594; district 29,612 of 35,758; commune 98,922
// of 115,349.
var haTinh2024 = map[procedures.Level][]unit{
	procedures.Province: {
		{"so-tu-phap-ha-tinh", "2.000488", 61000, 40100},
		{"cong-an-tinh-ha-tinh", "1.002804", 45000, 41355},
		{"so-tai-chinh-ha-tinh", "2.001610", 26594, 22000},
	},
	procedures.District: {
		{"ubnd-huyen-thach-ha", "1.009994", 12000, 9012},
		{"ubnd-huyen-can-loc", "1.012797", 14000, 11600},
		{"ubnd-tx-hong-linh", "1.001612", 9758, 9000},
	},
	procedures.Commune: {
		{"ubnd-xa-thach-ha", "1.001193", 40000, 36000},
		{"ubnd-xa-thach-kenh", "2.000815", 45349, 37922},
		{"ubnd-xa-cam-binh", "1.004194", 30000, 25000},
	},
}

// resolvedIn2024 yields the dossiers: each decided in 2024, received a few
// working days earlier, some online, the digitized ones first.
func resolvedIn2024(units map[procedures.Level][]unit) iter.Seq[model.Projection] {
	return func(yield func(model.Projection) bool) {
		rng := rand.New(rand.NewPCG(2024, 1))
		start := time.Date(2024, 1, 2, 1, 0, 0, 0, time.UTC)
		n := 0
		for level, us := range units {
			for _, u := range us {
				for i := range u.resolved {
					n++
					decided := start.Add(time.Duration(rng.Int64N(int64(363 * 24 * time.Hour))))
					received := decided.Add(-time.Duration(1+rng.IntN(10)) * 24 * time.Hour)
					onTime := rng.IntN(10) > 0
					p := model.Projection{
						Code:      u.agency + "-" + itoa(n),
						Procedure: procedures.Ref{Code: u.procedure, Version: 1},
						Agency:    u.agency, Level: level, Channel: procedures.Counter,
						Applicant: "0420" + itoa(n), Stage: "closed", Outcome: "returned",
						Received: received, Due: decided.Add(48 * time.Hour), OriginalDue: decided.Add(48 * time.Hour),
						Decided: decided, Returned: decided.Add(time.Hour),
						ResultDigitized: i < u.digits, OnTime: &onTime,
					}
					if rng.IntN(3) == 0 {
						p.Channel = procedures.Online
					}
					if !yield(p) {
						return
					}
				}
			}
		}
	}
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

func TestHaTinh2024DigitizationFigures(t *testing.T) {
	cat, err := procedures.Default()
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			added, err := s.Import(ctx, resolvedIn2024(haTinh2024))
			if err != nil {
				t.Fatal(err)
			}
			if added != 283701 {
				t.Fatalf("imported %d dossiers, want 283701", added)
			}
			period, _ := reports.ParsePeriod("2024-01-01", "2024-12-31")
			rep, err := reports.Build(ctx, s, cat, reports.DefaultTargets(), reports.Request{Period: period})
			if err != nil {
				t.Fatal(err)
			}
			digitized := func(r *reports.Row) *reports.Ratio { return r.Rates[reports.ResultsDigitized] }
			expectRate(t, "overall", digitized(rep.Total), 231989, 283701, "81.77%")

			levels := map[procedures.Level]*reports.Row{}
			for _, l := range rep.Total.Children {
				levels[l.Level] = l
			}
			for _, c := range []struct {
				level     procedures.Level
				num, den  int64
				rate, tgt string
				meets     bool
			}{
				{procedures.Province, 103455, 132594, "78.02%", "90.00%", false},
				{procedures.District, 29612, 35758, "82.81%", "80.00%", true},
				{procedures.Commune, 98922, 115349, "85.76%", "75.00%", true},
			} {
				r := digitized(levels[c.level])
				expectRate(t, string(c.level), r, c.num, c.den, c.rate)
				if tg, _ := r.Target(); tg.String() != c.tgt {
					t.Errorf("%s target = %s, want %s", c.level, tg, c.tgt)
				}
				if meets, judged := r.Meets(); !judged || meets != c.meets {
					t.Errorf("%s meets = %v (judged %v), want %v", c.level, meets, judged, c.meets)
				}
			}

			// The province misses its 90% target and is listed; the
			// district and commune levels are not.
			listed := false
			for _, m := range rep.Misses {
				if m.Scope == reports.Level && m.Rate == reports.ResultsDigitized {
					if m.Level != "province" {
						t.Errorf("%s listed as missing its digitization target", m.Level)
					}
					listed = m.Gap == 11.98
				}
			}
			if !listed {
				t.Errorf("province not listed as 11.98 points short of 90%%: %+v", rep.Misses)
			}
			for i := 1; i < len(rep.Misses); i++ {
				if rep.Misses[i].Gap > rep.Misses[i-1].Gap {
					t.Fatalf("misses not worst first: %v before %v", rep.Misses[i-1].Gap, rep.Misses[i].Gap)
				}
			}

			// Drill down: the province's agencies add up to it, and each
			// agency's procedure rows to the agency.
			var sum int64
			for _, a := range levels[procedures.Province].Children {
				sum += digitized(a).Den
				var procs int64
				for _, p := range a.Children {
					procs += digitized(p).Den
				}
				if procs != digitized(a).Den {
					t.Errorf("%s: procedures add to %d, agency has %d", a.Agency, procs, digitized(a).Den)
				}
			}
			if sum != 132594 {
				t.Errorf("province agencies add to %d, want 132594", sum)
			}

			// Asking for one level reports it alone, with the same figures.
			rep, err = reports.Build(ctx, s, cat, reports.DefaultTargets(), reports.Request{Period: period, Level: procedures.Province})
			if err != nil {
				t.Fatal(err)
			}
			expectRate(t, "province alone", digitized(rep.Total), 103455, 132594, "78.02%")
			if len(rep.Total.Children) != 1 {
				t.Errorf("a level's report has %d levels", len(rep.Total.Children))
			}
		})
	}
}

func expectRate(t *testing.T, what string, r *reports.Ratio, num, den int64, rate string) {
	t.Helper()
	got, ok := r.Rate()
	if r.Num != num || r.Den != den || !ok || got.String() != rate {
		t.Errorf("%s: %d/%d = %s, want %d/%d = %s", what, r.Num, r.Den, got, num, den, rate)
	}
}
