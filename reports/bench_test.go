package reports_test

import (
	"context"
	"fmt"
	"iter"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/scorecard"
	"github.com/motcua/motcua/store"
)

// A province's year: 1,000,000 dossiers over 2025 at 20 departments, 13
// districts and 200 communes, each on a procedure of its level. 4% are
// still open, their due instants spread around the benchmark's "now".
const (
	benchDossiers = 1_000_000
	benchOpen     = 25 // one in benchOpen is open
)

var benchNow = time.Date(2025, 12, 15, 3, 0, 0, 0, time.UTC)

func benchUnits(cat *procedures.Catalogue) map[procedures.Level][2][]string {
	units := map[procedures.Level][2][]string{}
	counts := map[procedures.Level]int{procedures.Province: 20, procedures.District: 13, procedures.Commune: 200}
	for level, n := range counts {
		var agencies, procs []string
		for i := range n {
			agencies = append(agencies, fmt.Sprintf("%s-%03d", level, i))
		}
		for _, code := range cat.Codes() {
			if vs := cat.Versions(code); vs[0].Level == level {
				procs = append(procs, code)
			}
		}
		units[level] = [2][]string{agencies, procs}
	}
	return units
}

func benchYear(cat *procedures.Catalogue) iter.Seq[model.Projection] {
	return func(yield func(model.Projection) bool) {
		rng := rand.New(rand.NewPCG(2025, 12))
		units := benchUnits(cat)
		levels := []procedures.Level{procedures.Province, procedures.District, procedures.Commune, procedures.Commune}
		yes, no := true, false
		start := time.Date(2025, 1, 1, 1, 0, 0, 0, time.UTC)
		for i := range benchDossiers {
			level := levels[rng.IntN(len(levels))]
			u := units[level]
			received := start.Add(time.Duration(rng.Int64N(int64(348 * 24 * time.Hour))))
			due := received.Add(time.Duration(3+rng.IntN(15)) * 24 * time.Hour)
			p := model.Projection{Code: fmt.Sprintf("HS-%07d", i), Agency: u[0][rng.IntN(len(u[0]))],
				Procedure: procedures.Ref{Code: u[1][rng.IntN(len(u[1]))], Version: 1}, Level: level,
				Channel: procedures.Counter, Applicant: fmt.Sprintf("0420%08d", rng.IntN(1e8)), Received: received,
				Due: due, OriginalDue: due, Stage: "closed", Outcome: "returned"}
			if rng.IntN(3) > 0 {
				p.Channel = procedures.Online
			}
			if rng.IntN(2) == 0 {
				p.Fee, p.PaidOnline = money.VND(50000), rng.IntN(2) == 0
			}
			if i%benchOpen == 0 {
				p.Stage, p.Outcome = "processing", ""
				p.Due = benchNow.Add(time.Duration(rng.Int64N(int64(20*24*time.Hour))) - 10*24*time.Hour)
			} else {
				p.Decided = received.Add(time.Duration(rng.Int64N(int64(18 * 24 * time.Hour))))
				p.ResultDigitized = rng.IntN(10) < 8
				p.OnTime = &yes
				if p.Decided.After(due) {
					p.OnTime = &no
				}
			}
			if !yield(p) {
				return
			}
		}
	}
}

var (
	benchOnce  sync.Once
	benchStore *store.Store
	benchErr   error
)

// millionDossiers opens the benchmark's store, filling it the first time.
// MOTCUA_BENCH_DB keeps the file between runs (it takes a minute to fill).
func millionDossiers(b *testing.B, cat *procedures.Catalogue) *store.Store {
	b.Helper()
	benchOnce.Do(func() {
		path := os.Getenv("MOTCUA_BENCH_DB")
		if path == "" {
			dir, err := os.MkdirTemp("", "motcua-bench-")
			if err != nil {
				benchErr = err
				return
			}
			path = filepath.Join(dir, "motcua.db")
		}
		_, statErr := os.Stat(path)
		benchStore, benchErr = store.Open(context.Background(), path)
		if benchErr != nil || statErr == nil {
			return
		}
		t0 := time.Now()
		_, benchErr = benchStore.Import(context.Background(), benchYear(cat))
		fmt.Fprintf(os.Stderr, "filled %s with %d dossiers in %s\n", path, benchDossiers, time.Since(t0).Round(time.Second))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore
}

// BenchmarkMillionDossiers times what supervisors run against a year of a
// province: the overdue list, by unit or for all (p99 reported), one
// month's rates and the year's over every unit, and the year's scorecard.
func BenchmarkMillionDossiers(b *testing.B) {
	cat, err := procedures.Default()
	if err != nil {
		b.Fatal(err)
	}
	s := millionDossiers(b, cat)
	ctx := context.Background()
	units := benchUnits(cat)
	filters := []store.Filter{{}, {Level: "commune"}, {Level: "province"}}
	for _, level := range []procedures.Level{procedures.Province, procedures.District, procedures.Commune} {
		for _, a := range units[level][0][:10] {
			filters = append(filters, store.Filter{Agency: a})
		}
	}

	b.Run("overdue", func(b *testing.B) {
		var took []time.Duration
		for i := 0; b.Loop(); i++ {
			t0 := time.Now()
			rows, err := s.Late(ctx, filters[i%len(filters)], benchNow, 200)
			took = append(took, time.Since(t0))
			if err != nil || len(rows) == 0 {
				b.Fatalf("overdue: %d rows, %v", len(rows), err)
			}
		}
		slices.Sort(took)
		b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
	})

	b.Run("rates-month", func(b *testing.B) {
		period, _ := reports.ParsePeriod("2025-06-01", "2025-06-30")
		for b.Loop() {
			rep, err := reports.Build(ctx, s, cat, reports.DefaultTargets(), reports.Request{Period: period})
			if err != nil || rep.Total.Rates[reports.FiledOnline].Den < 50000 {
				b.Fatalf("rates: %v %+v", err, rep)
			}
		}
	})

	year, _ := reports.ParsePeriod("2025-01-01", "2025-12-31")
	b.Run("rates-year", func(b *testing.B) {
		for b.Loop() {
			rep, err := reports.Build(ctx, s, cat, reports.DefaultTargets(), reports.Request{Period: year})
			if err != nil || rep.Total.Rates[reports.FiledOnline].Den < 900_000 {
				b.Fatalf("rates: %v %+v", err, rep)
			}
		}
	})

	// The same counts added up from the dossiers, as before the rollups:
	// a period a millisecond off whole days is read that way.
	b.Run("rates-year-dossiers", func(b *testing.B) {
		from, to := year.Bounds()
		for b.Loop() {
			counts, err := s.Counts(ctx, from.Add(time.Millisecond), to.Add(time.Millisecond), store.Filter{})
			if err != nil || len(counts) == 0 {
				b.Fatalf("counts: %v", err)
			}
		}
	})

	b.Run("index-year", func(b *testing.B) {
		for b.Loop() {
			card, err := scorecard.Build(ctx, s, cat, scorecard.Default(), scorecard.Request{Period: year, Now: benchNow})
			if err != nil || len(card.Units) < 200 || len(card.AtRisk) == 0 {
				b.Fatalf("scorecard: %v, %d units", err, len(card.Units))
			}
		}
	})
}
