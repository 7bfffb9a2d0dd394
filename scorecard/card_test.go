package scorecard_test

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/scorecard"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

var ict = time.FixedZone("ICT", 7*3600)

func at(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, ict) }

// dossier is one dossier of the example, as its last milestone records it.
type dossier struct {
	code, agency string
	channel      procedures.Channel
	received     time.Time
	due          time.Time
	decided      time.Time // zero while open
	outcome      string
	via          string
	fee          money.VND
	paidOnline   bool
	digitized    bool // the result
	onTime       bool
	supplements  int
	files        []string // how each component's copy came: uploaded, scanned, reused
	synced       bool
}

func (d dossier) milestone() model.Milestone {
	p := model.Projection{Code: d.code, Procedure: procedures.Ref{Code: "1.004194", Version: 1}, Agency: d.agency,
		Level: procedures.Commune, Channel: d.channel, Applicant: "042090001234", Received: d.received, Due: d.due,
		OriginalDue: d.due, Decided: d.decided, Fee: d.fee, PaidOnline: d.paidOnline, ResultDigitized: d.digitized,
		Supplements: d.supplements, Stage: "processing"}
	if !d.decided.IsZero() {
		p.Stage, p.Outcome, p.OnTime = "closed", d.outcome, &d.onTime
		if d.outcome == "returned" {
			p.Returned, p.ResultVia = d.decided, d.via
		}
	}
	m := model.Milestone{Dossier: p, Event: model.Event{Seq: 1, At: d.received, Actor: "officer", Action: "received"}}
	for i, how := range d.files {
		m.Files = append(m.Files, model.File{Component: string(rune('a' + i)), Document: d.code + "-" + how, How: how})
	}
	if d.digitized {
		m.Files = append(m.Files, model.File{Component: "result", Document: d.code + "-result", How: "result"})
	}
	return m
}

// The example, computed by hand. Xã Thạch Hà, March 2026, seen on the
// 20th at noon:
//
//	D1 online, returned online, on time, fee paid online, result digitized, uploaded, synced
//	D2 online, returned at the counter, on time but asked to supplement twice, no fee,
//	   result digitized, a reused document, not synced
//	D3 at the counter, returned at the counter, late, fee paid at the counter, result not
//	   digitized, scanned, synced
//	D4 online, returned online, on time, no fee, result digitized, no files, synced
//	D5 online, still open, due on the 10th (overdue), uploaded, not synced
//
// received 5: synced 3/5 = 60% (1.4: 6 × 60/80 = 4.5); digitized 4/5 =
// 80% (4.2: 4); reused 1/5 = 20% (4.3: 2 × 20/80 = 0.5).
// decided 4: on time 2/4 = 50%, D2 late for its second supplement (2.1:
// 20 × 50/80 = 12.5); online 2/4 = 50%, D2 not for its paper result (3.1:
// 12, at its 50% target); paid online 1/2 = 50% of those with a fee (3.2:
// 10 × 50/80 = 6.25); electronic results 3/4 = 75% (4.1: 6 × 75/80 = 5.625).
// Total 45.375 of 60 = 75.625%.
//
// Xã Cẩm Xuyên has one dossier, perfect but for reuse and with no fee:
// 48 of the 50 points it can be scored on (paid online is left out), 96%.
var example = []dossier{
	{"D1", "ubnd-xa-thach-ha", procedures.Online, at(2, 9), at(9, 9), at(5, 9), "returned", "online", 10000, true, true, true, 0, []string{"uploaded"}, true},
	{"D2", "ubnd-xa-thach-ha", procedures.Online, at(3, 9), at(10, 9), at(9, 9), "returned", "counter", 0, false, true, true, 2, []string{"reused"}, false},
	{"D3", "ubnd-xa-thach-ha", procedures.Counter, at(4, 9), at(11, 9), at(16, 9), "returned", "counter", 20000, false, false, false, 1, []string{"scanned"}, true},
	{"D4", "ubnd-xa-thach-ha", procedures.Online, at(5, 9), at(12, 9), at(6, 9), "returned", "online", 0, false, true, true, 0, nil, true},
	{"D5", "ubnd-xa-thach-ha", procedures.Online, at(5, 10), at(10, 10), time.Time{}, "", "", 0, false, false, false, 0, []string{"uploaded"}, false},
	{"C1", "ubnd-xa-cam-xuyen", procedures.Online, at(2, 9), at(9, 9), at(4, 9), "returned", "online", 0, false, true, true, 0, []string{"uploaded"}, true},
}

func build(t *testing.T) *scorecard.Card {
	t.Helper()
	ctx := context.Background()
	st := storetest.SQLite(t)
	for _, d := range example {
		if err := st.Record(ctx, d.milestone()); err != nil {
			t.Fatal(err)
		}
		if d.synced {
			if err := st.PortalDone(ctx, d.code, 1, store.PortalSent, d.received); err != nil {
				t.Fatal(err)
			}
		}
	}
	cat, err := procedures.Default()
	if err != nil {
		t.Fatal(err)
	}
	period, _ := reports.ParsePeriod("2026-03-01", "2026-03-31")
	card, err := scorecard.Build(ctx, st, cat, scorecard.Default(), scorecard.Request{Period: period, Now: at(20, 12)})
	if err != nil {
		t.Fatal(err)
	}
	return card
}

func unit(t *testing.T, c *scorecard.Card, code string) scorecard.Score {
	t.Helper()
	for _, u := range c.Units {
		if u.Unit == code {
			return u
		}
	}
	t.Fatalf("no unit %s in %+v", code, c.Units)
	return scorecard.Score{}
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.0001 }

func TestTheScorecardByHand(t *testing.T) {
	card := build(t)
	xa := unit(t, card, "ubnd-xa-thach-ha")
	want := map[string]struct {
		num, den      int
		ratio, points float64
	}{
		"1.4": {3, 5, 60, 4.5}, "2.1": {2, 4, 50, 12.5}, "3.1": {2, 4, 50, 12}, "3.2": {1, 2, 50, 6.25},
		"4.1": {3, 4, 75, 5.625}, "4.2": {4, 5, 80, 4}, "4.3": {1, 5, 20, 0.5},
	}
	for _, l := range xa.Lines {
		w, ok := want[l.Code]
		if !ok {
			t.Errorf("an indicator not in the example: %s", l.Code)
			continue
		}
		if l.Num != w.num || l.Den != w.den || !near(l.Ratio, w.ratio) || !near(l.Earned, w.points) || !l.Scored {
			t.Errorf("%s %s: %d/%d = %.2f%%, %.4f points; want %d/%d = %.2f%%, %.4f", l.Code, l.Name, l.Num, l.Den, l.Ratio, l.Earned,
				w.num, w.den, w.ratio, w.points)
		}
	}
	if !near(xa.Points, 45.375) || xa.Max != 60 || math.Abs(xa.Score-75.63) > 0.006 {
		t.Errorf("xã Thạch Hà: %.4f of %.0f = %.2f%%, want 45.375 of 60 = 75.63%%", xa.Points, xa.Max, xa.Score)
	}
	cx := unit(t, card, "ubnd-xa-cam-xuyen")
	if cx.Points != 48 || cx.Max != 50 || cx.Score != 96 {
		t.Errorf("xã Cẩm Xuyên: %.4f of %.0f = %.2f%%, want 48 of 50 = 96%%", cx.Points, cx.Max, cx.Score)
	}
	for _, l := range cx.Lines {
		if l.Code == "3.2" && l.Scored {
			t.Error("paid online is scored for a unit with no fees")
		}
	}
	if cx.Rank != 1 || xa.Rank != 2 || xa.Peers != 2 {
		t.Errorf("ranks: Cẩm Xuyên %d, Thạch Hà %d of %d", cx.Rank, xa.Rank, xa.Peers)
	}
	// The province's figures are its communes' together.
	tinh := unit(t, card, "ubnd-tinh-ha-tinh")
	for _, l := range tinh.Lines {
		if l.Code == "1.4" && (l.Num != 4 || l.Den != 6) {
			t.Errorf("the province's 1.4: %d/%d, want 4/6", l.Num, l.Den)
		}
	}
	if tinh.Rank != 1 || tinh.Peers != 1 || tinh.Level != procedures.Province {
		t.Errorf("the province: %+v", tinh)
	}
}

func TestWhatCostsPointsNow(t *testing.T) {
	card := build(t)
	got := map[string][]string{}
	var order []string
	for _, r := range card.AtRisk {
		got[r.Code] = r.Reasons
		order = append(order, r.Code)
	}
	want := map[string][]string{
		"D2": {"second_supplement", "not_synced"},
		"D3": {"late", "result_not_digitized"},
		"D5": {"late", "not_synced"},
	}
	for code, reasons := range want {
		if !slices.Equal(got[code], reasons) {
			t.Errorf("%s: %v, want %v", code, got[code], reasons)
		}
	}
	if len(got) != len(want) || !slices.Equal(order, []string{"D2", "D3", "D5"}) {
		t.Errorf("at risk: %v", order)
	}
}

// The forecast of being on time counts what is known: D5, open past its
// appointment, will be late; the rest of the month is decided at today's
// pace and on time at today's share.
func TestTheForecast(t *testing.T) {
	card := build(t)
	xa := unit(t, card, "ubnd-xa-thach-ha")
	elapsed := at(20, 12).Sub(at(1, 0)).Hours() / (31 * 24)
	decided := 4 / elapsed
	onTime := 100 * (2 + 0.5*(decided-4-1)) / decided
	fc := xa.Forecast
	if !slices.Contains(fc.Misses, "2.1") || !slices.Contains(fc.Misses, "1.4") || slices.Contains(fc.Misses, "3.1") {
		t.Errorf("misses %v", fc.Misses)
	}
	wantPoints := 45.375 - 12.5 + 20*math.Round(onTime*100)/100/80
	if math.Abs(fc.Points-wantPoints) > 0.001 {
		t.Errorf("forecast %.4f points, want %.4f (on time %.2f%%)", fc.Points, wantPoints, onTime)
	}
	if card.Watch[0] != "ubnd-tinh-ha-tinh" && card.Watch[0] != "ubnd-xa-thach-ha" {
		t.Errorf("watch first %v", card.Watch)
	}
	if card.Watch[len(card.Watch)-1] != "ubnd-xa-cam-xuyen" {
		t.Errorf("the unit that meets most targets is not last: %v", card.Watch)
	}
}

// A province's scorecard file is checked like the rest, every problem at
// its line.
func TestABrokenScorecardNamesEveryProblem(t *testing.T) {
	_, err := scorecard.Parse("s.yaml", []byte(`kind: Scorecard
rule: proportional
indicators:
  - {code: "1.4", name: Đồng bộ, measure: synced, points: 6, target: 80}
  - {code: "1.4", name: Lại, measure: synced_twice, points: 0, target: 180}
`))
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{"s.yaml:5: indicators[1].code: 1.4 is listed twice", "indicators[1].measure: must be one of",
		"indicators[1].points: must be more than 0", "indicators[1].target: must be a percentage"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("no %q in:\n%s", want, err)
		}
	}
}
