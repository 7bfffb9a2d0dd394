package reports_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/store/storetest"
)

// march2024 is a small month of dossiers whose every rate is worked out by
// hand in the test below.
func march2024() []model.Projection {
	at := func(day, hour int) time.Time { return time.Date(2024, 3, day, hour, 0, 0, 0, time.UTC) }
	yes, no := true, false
	d := func(code, agency, proc string, level procedures.Level, ch procedures.Channel) model.Projection {
		return model.Projection{Code: code, Procedure: procedures.Ref{Code: proc, Version: 1}, Agency: agency,
			Level: level, Channel: ch, Applicant: "001", Stage: "processing", Received: at(4, 2)}
	}
	var out []model.Projection
	// ubnd-xa-a: 4 births (full online, target 100%), 3 filed online; 2 carry
	// a fee and 1 of those was paid online.
	for i, ch := range []procedures.Channel{"online", "online", "online", "counter"} {
		p := d("A-KS-"+string(rune('1'+i)), "ubnd-xa-a", "1.001193", procedures.Commune, ch)
		if i < 2 {
			p.Fee = money.VND(8000)
			p.PaidOnline = i == 0
		}
		out = append(out, p)
	}
	// ubnd-xa-a: 6 residences (partial online, target 50%), 2 online; three
	// decided in March, two on time, all three digitized.
	for i := range 6 {
		ch := procedures.Counter
		if i < 2 {
			ch = procedures.Online
		}
		p := d("A-TT-"+string(rune('1'+i)), "ubnd-xa-a", "1.004194", procedures.Commune, ch)
		if i < 3 {
			p.Stage, p.Decided, p.ResultDigitized, p.OnTime = "closed", at(10+i, 3), true, &yes
			if i == 2 {
				p.OnTime = &no
			}
		}
		out = append(out, p)
	}
	// ubnd-xa-b: 2 residences, both online; and a filing refused at
	// receipt, which is not a receipt.
	out = append(out, d("B-TT-1", "ubnd-xa-b", "1.004194", procedures.Commune, "online"),
		d("B-TT-2", "ubnd-xa-b", "1.004194", procedures.Commune, "online"))
	refused := d("B-TT-3", "ubnd-xa-b", "1.004194", procedures.Commune, "counter")
	refused.Outcome, refused.Stage = "not_received", "closed"
	out = append(out, refused)
	// ubnd-xa-b: received in February, decided late in March, not digitized.
	feb := d("B-TT-0", "ubnd-xa-b", "1.004194", procedures.Commune, "counter")
	feb.Received, feb.Decided, feb.OnTime, feb.Stage = time.Date(2024, 2, 20, 2, 0, 0, 0, time.UTC), at(20, 2), &no, "closed"
	out = append(out, feb)
	// A district dossier, and a commune one received on 1 April at 06:00
	// Vietnam time: 31 March 23:00 UTC, which belongs to April.
	out = append(out, d("H-XD-1", "ubnd-huyen-x", "1.009994", procedures.District, "online"))
	april := d("A-KS-9", "ubnd-xa-a", "1.001193", procedures.Commune, "counter")
	april.Received = time.Date(2024, 3, 31, 23, 0, 0, 0, time.UTC)
	return append(out, april)
}

func TestRatesOfAMonth(t *testing.T) {
	cat, err := procedures.Default()
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			if _, err := s.Import(ctx, slices.Values(march2024())); err != nil {
				t.Fatal(err)
			}
			period, _ := reports.ParsePeriod("2024-03-01", "2024-03-31")
			rep, err := reports.Build(ctx, s, cat, reports.DefaultTargets(), reports.Request{Period: period, Level: procedures.Commune})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Total.Children) != 1 || rep.Total.Children[0].Level != procedures.Commune {
				t.Fatalf("a commune report has levels %+v", rep.Total.Children)
			}
			commune := rep.Total.Children[0]
			expectRate(t, "commune filed online", commune.Rates[reports.FiledOnline], 7, 12, "58.33%")
			agencies := map[string]*reports.Row{}
			for _, a := range commune.Children {
				agencies[a.Agency] = a
			}
			a, b := agencies["ubnd-xa-a"], agencies["ubnd-xa-b"]
			if a == nil || b == nil || len(agencies) != 2 {
				t.Fatalf("agencies %v", agencies)
			}
			// 4 births held to 100% and 6 residences to 50%: 70%.
			expectRate(t, "a filed online", a.Rates[reports.FiledOnline], 5, 10, "50.00%")
			if tg, _ := a.Rates[reports.FiledOnline].Target(); tg.String() != "70.00%" {
				t.Errorf("a's filed-online target %s, want 70.00%%", tg)
			}
			expectRate(t, "b filed online", b.Rates[reports.FiledOnline], 2, 2, "100.00%")
			expectRate(t, "a paid online", a.Rates[reports.PaidOnline], 1, 2, "50.00%")
			expectRate(t, "a digitized", a.Rates[reports.ResultsDigitized], 3, 3, "100.00%")
			expectRate(t, "a on time", a.Rates[reports.OnTime], 2, 3, "66.67%")
			expectRate(t, "b on time", b.Rates[reports.OnTime], 0, 1, "0.00%")
			expectRate(t, "b digitized", b.Rates[reports.ResultsDigitized], 0, 1, "0.00%")
			if _, judged := a.Rates[reports.OnTime].Meets(); judged {
				t.Error("on time is judged without a target")
			}
			// Births and residences both charge and offer online payment;
			// the commune level counts its five fee-bearing procedures.
			expectRate(t, "a offers online payment", a.Rates[reports.OnlinePaymentOffered], 2, 2, "100.00%")
			expectRate(t, "commune offers online payment", commune.Rates[reports.OnlinePaymentOffered], 5, 5, "100.00%")

			// b misses digitization by 75 points; a misses filing online by
			// 20 points; worst first.
			var got []string
			for _, m := range rep.Misses {
				got = append(got, m.Agency+" "+string(m.Rate))
			}
			want := []string{"ubnd-xa-b results_digitized", "ubnd-xa-a filed_online", " filed_online"}
			if !slices.Equal(got, want) {
				t.Errorf("misses %q, want %q", got, want)
			}

			// One agency alone.
			rep, err = reports.Build(ctx, s, cat, reports.DefaultTargets(), reports.Request{Period: period, Agency: "ubnd-xa-b"})
			if err != nil {
				t.Fatal(err)
			}
			expectRate(t, "b alone", rep.Total.Rates[reports.FiledOnline], 2, 2, "100.00%")
			expectRate(t, "b alone offers", rep.Total.Rates[reports.OnlinePaymentOffered], 1, 1, "100.00%")

			// The whole province: the district's dossier joins.
			rep, err = reports.Build(ctx, s, cat, reports.DefaultTargets(), reports.Request{Period: period})
			if err != nil {
				t.Fatal(err)
			}
			expectRate(t, "all filed online", rep.Total.Rates[reports.FiledOnline], 8, 13, "61.54%")
		})
	}
}
