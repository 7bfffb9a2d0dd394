package reports_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/store/storetest"
)

// across2025 is a year of Hà Tĩnh dossiers on both sides of 1 July 2025:
// a district and one of its communes before, the commune that absorbed it
// after, and a department throughout.
func across2025() []model.Projection {
	d := func(code, agency, proc string, level procedures.Level, month time.Month, ch procedures.Channel) model.Projection {
		return model.Projection{Code: code, Procedure: procedures.Ref{Code: proc, Version: 1}, Agency: agency,
			Level: level, Channel: ch, Applicant: "001", Stage: "processing", Received: time.Date(2025, month, 10, 2, 0, 0, 0, time.UTC)}
	}
	return []model.Projection{
		d("H-1", "ubnd-huyen-thach-ha", "1.009994", procedures.District, time.March, procedures.Online),
		d("H-2", "ubnd-huyen-thach-ha", "1.009994", procedures.District, time.April, procedures.Counter),
		d("TS-1", "ubnd-xa-tuong-son", "1.001193", procedures.Commune, time.May, procedures.Online),
		d("TL-1", "ubnd-xa-thach-lac-2025", "1.001193", procedures.Commune, time.August, procedures.Online),
		d("TL-2", "ubnd-xa-thach-lac-2025", "1.001193", procedures.Commune, time.September, procedures.Counter),
		d("TP-1", "so-tu-phap-ha-tinh", "2.000488", procedures.Province, time.October, procedures.Online),
	}
}

// find returns the unit tree's row of a unit, and the path of rows down to it.
func find(r *reports.Row, code string) (*reports.Row, []string) {
	if r.Scope == reports.Unit && r.Agency == code {
		return r, []string{r.Agency}
	}
	for _, c := range r.Children {
		if f, path := find(c, code); f != nil {
			return f, append([]string{r.Agency}, path...)
		}
	}
	return nil, nil
}

func received(r *reports.Row) int64 { return r.Rates[reports.FiledOnline].Den }

// TestHierarchyBothWays shows one period across the reform under the units
// that received each dossier, and under today's units through successors;
// a unit's figures include its descendants either way.
func TestHierarchyBothWays(t *testing.T) {
	cat, err := procedures.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := storetest.SQLite(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, slices.Values(across2025())); err != nil {
		t.Fatal(err)
	}
	year, _ := reports.ParsePeriod("2025-01-01", "2025-12-31")
	build := func(req reports.Request) *reports.Report {
		t.Helper()
		req.Period = year
		rep, err := reports.Build(ctx, s, cat, reports.DefaultTargets(), req)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}

	hist := build(reports.Request{})
	province, _ := find(hist.Units, "ubnd-tinh-ha-tinh")
	district, path := find(hist.Units, "ubnd-huyen-thach-ha")
	tuongSon, tsPath := find(hist.Units, "ubnd-xa-tuong-son")
	if province == nil || district == nil || tuongSon == nil {
		t.Fatal("missing unit rows")
	}
	if received(province) != 6 || received(district) != 3 || received(tuongSon) != 1 {
		t.Errorf("historical: province %d, district %d (with Tượng Sơn), Tượng Sơn %d", received(province), received(district), received(tuongSon))
	}
	if len(tsPath) != 4 || tsPath[1] != "ubnd-tinh-ha-tinh" || tsPath[2] != "ubnd-huyen-thach-ha" || len(path) != 3 {
		t.Errorf("Tượng Sơn sits at %v", tsPath)
	}
	if district.Name != "Ủy ban nhân dân huyện Thạch Hà" {
		t.Errorf("the district is named %q", district.Name)
	}
	if idle, _ := find(hist.Units, "ubnd-xa-cam-binh"); idle == nil || received(idle) != 0 {
		t.Error("a unit in force without dossiers has no row")
	}

	today := build(reports.Request{Map: reports.Today})
	if d, _ := find(today.Units, "ubnd-huyen-thach-ha"); d != nil {
		t.Error("today's map still shows the district")
	}
	thachLac, _ := find(today.Units, "ubnd-xa-thach-lac-2025")
	if thachLac == nil || received(thachLac) != 3 {
		t.Errorf("today, xã Thạch Lạc holds Tượng Sơn's dossier and its own: %v", thachLac)
	}
	if p, _ := find(today.Units, "ubnd-tinh-ha-tinh"); received(p) != 6 {
		t.Errorf("today the province still holds all 6, got %d", received(p))
	}

	// A report on a subtree reads only it.
	sub := build(reports.Request{Unit: "ubnd-huyen-thach-ha"})
	if received(sub.Total) != 3 || len(sub.Units.Children) != 1 || sub.Units.Children[0].Agency != "ubnd-huyen-thach-ha" {
		t.Errorf("the district's subtree: %d dossiers, top %v", received(sub.Total), sub.Units.Children)
	}
	subToday := build(reports.Request{Unit: "ubnd-xa-thach-lac-2025", Map: reports.Today})
	if received(subToday.Total) != 3 {
		t.Errorf("xã Thạch Lạc's subtree today: %d dossiers, want 3", received(subToday.Total))
	}
}

// TestFullOnlineBesideFiledOnline counts a dossier filed online but handed
// back at a counter as filed online and not full-online.
func TestFullOnlineBesideFiledOnline(t *testing.T) {
	cat, err := procedures.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := storetest.SQLite(t)
	ctx := context.Background()
	at := time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)
	d := func(code string, ch procedures.Channel, paidOnline bool, via string) model.Projection {
		return model.Projection{Code: code, Procedure: procedures.Ref{Code: "1.004194", Version: 1}, Agency: "ubnd-xa-thach-ha",
			Level: procedures.Commune, Channel: ch, Applicant: "001", Stage: "closed", Outcome: "returned", Received: at,
			Decided: at.Add(48 * time.Hour), Returned: at.Add(50 * time.Hour), Fee: 10000, PaidOnline: paidOnline, ResultVia: via}
	}
	all := []model.Projection{d("F-1", procedures.Online, true, "online"), d("F-2", procedures.Online, true, "counter"),
		d("F-3", procedures.Online, false, "online"), d("F-4", procedures.Counter, false, "counter")}
	if _, err := s.Import(ctx, slices.Values(all)); err != nil {
		t.Fatal(err)
	}
	period, _ := reports.ParsePeriod("2026-03-01", "2026-03-31")
	rep, err := reports.Build(ctx, s, cat, reports.DefaultTargets(), reports.Request{Period: period})
	if err != nil {
		t.Fatal(err)
	}
	expectRate(t, "filed online", rep.Total.Rates[reports.FiledOnline], 3, 4, "75.00%")
	expectRate(t, "full online", rep.Total.Rates[reports.FullOnline], 1, 4, "25.00%")
}

// TestTrendAndRanking gives a unit's rates month by month, and every unit
// its place on one rate, ties sharing a rank.
func TestTrendAndRanking(t *testing.T) {
	cat, err := procedures.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := storetest.SQLite(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, slices.Values(across2025())); err != nil {
		t.Fatal(err)
	}
	year, _ := reports.ParsePeriod("2025-01-15", "2025-12-31")
	months, err := reports.Trend(ctx, s, cat, reports.DefaultTargets(), reports.Request{Period: year, Unit: "ubnd-huyen-thach-ha"})
	if err != nil {
		t.Fatal(err)
	}
	if len(months) != 12 || months[0].Period.From.String() != "2025-01-15" || months[11].Period.To.String() != "2025-12-31" {
		t.Fatalf("months %v", months)
	}
	byMonth := map[string]int64{}
	for _, m := range months {
		byMonth[m.Period.From.String()[:7]] = m.Rates[reports.FiledOnline].Den
	}
	if byMonth["2025-03"] != 1 || byMonth["2025-04"] != 1 || byMonth["2025-05"] != 1 || byMonth["2025-08"] != 0 {
		t.Errorf("the district's dossiers by month: %v", byMonth)
	}
	rep, err := reports.Build(ctx, s, cat, reports.DefaultTargets(), reports.Request{Period: year})
	if err != nil {
		t.Fatal(err)
	}
	rank := rep.Ranking(reports.FiledOnline)
	got := map[string]int{}
	for _, r := range rank {
		got[r.Agency] = r.Rank
	}
	// Sở Tư pháp and Tượng Sơn filed all online (1/1), Thạch Lạc and the
	// district half (1/2).
	if got["so-tu-phap-ha-tinh"] != 1 || got["ubnd-xa-tuong-son"] != 1 || got["ubnd-xa-thach-lac-2025"] != 3 || got["ubnd-huyen-thach-ha"] != 3 {
		t.Errorf("ranks %v", got)
	}
}
