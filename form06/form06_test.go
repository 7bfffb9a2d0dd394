package form06_test

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua/form06"
	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/scorecard"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

var ict = time.FixedZone("ICT", 7*3600)

func day(m time.Month, d int) time.Time { return time.Date(2026, m, d, 9, 0, 0, 0, ict) }

// March 2026 at xã Thạch Hà (residence, sector cư trú) and the Department
// of Justice (criminal records, lý lịch tư pháp):
//
//	R1 residence, online, received 2/3, decided 4/3, due 10/3: early
//	R2 residence, at the counter, received 5/3, decided 10/3, due 10/3 (later that day): on time
//	R3 residence, online, received 6/3, decided 20/3, due 12/3: late
//	R4 residence, at the counter, received 25/2, still open, due 5/3: carried over, overdue
//	R5 residence, online, received 28/3, open, due 8/4: in progress in time
//	J1 criminal record, online, received 20/2, decided 3/3, due 5/3: carried over, resolved early
//	J2 criminal record, online, received 1/2, decided 25/2: before the period, not counted
func TestBieu06ByHand(t *testing.T) {
	ctx := context.Background()
	st := storetest.SQLite(t)
	yes, no := true, false
	mk := func(code, agency, proc string, ch procedures.Channel, rec, dec, due time.Time, onTime *bool) model.Projection {
		p := model.Projection{Code: code, Procedure: procedures.Ref{Code: proc, Version: 1}, Agency: agency, Channel: ch,
			Applicant: "042090001234", Received: rec, Due: due, OriginalDue: due, Decided: dec, OnTime: onTime, Stage: "processing"}
		if !dec.IsZero() {
			p.Stage, p.Outcome, p.Returned = "closed", "returned", dec
		}
		return p
	}
	all := []model.Projection{
		mk("R1", "ubnd-xa-thach-ha", "1.004194", procedures.Online, day(3, 2), day(3, 4), day(3, 10), &yes),
		mk("R2", "ubnd-xa-thach-ha", "1.004194", procedures.Counter, day(3, 5), day(3, 10), day(3, 10).Add(6*time.Hour), &yes),
		mk("R3", "ubnd-xa-thach-ha", "1.004194", procedures.Online, day(3, 6), day(3, 20), day(3, 12), &no),
		mk("R4", "ubnd-xa-thach-ha", "1.004194", procedures.Counter, day(2, 25), time.Time{}, day(3, 5), nil),
		mk("R5", "ubnd-xa-thach-ha", "1.004194", procedures.Online, day(3, 28), time.Time{}, day(4, 8), nil),
		mk("J1", "so-tu-phap-ha-tinh", "2.000488", procedures.Online, day(2, 20), day(3, 3), day(3, 5), &yes),
		mk("J2", "so-tu-phap-ha-tinh", "2.000488", procedures.Online, day(2, 1), day(2, 25), day(2, 27), &yes),
	}
	if _, err := st.Import(ctx, slices.Values(all)); err != nil {
		t.Fatal(err)
	}
	cat, err := procedures.Default()
	if err != nil {
		t.Fatal(err)
	}
	period, _ := reports.ParsePeriod("2026-03-01", "2026-03-31")
	f, err := form06.Build(ctx, st, cat, period, "")
	if err != nil {
		t.Fatal(err)
	}
	row := func(rows []form06.Row, code string) store.Form06Counts {
		for _, r := range rows {
			if r.Code == code {
				return r.Form06Counts
			}
		}
		t.Fatalf("no row %s in %+v", code, rows)
		return store.Form06Counts{}
	}
	cuTru := row(f.BySector, "cu-tru")
	want := store.Form06Counts{Received: 4, Online: 3, Offline: 1, CarriedOver: 1, Resolved: 3, Early: 1, OnTime: 1, Late: 1,
		InProgress: 2, InTime: 1, Overdue: 1}
	if cuTru != want {
		t.Errorf("cư trú: %+v\nwant      %+v", cuTru, want)
	}
	llTp := row(f.BySector, "ly-lich-tu-phap")
	if want := (store.Form06Counts{CarriedOver: 1, Resolved: 1, Early: 1}); llTp != want {
		t.Errorf("lý lịch tư pháp: %+v, want %+v", llTp, want)
	}
	if xa := row(f.ByUnit, "ubnd-xa-thach-ha"); xa != cuTru {
		t.Errorf("the commune's row %+v is not its sector's", xa)
	}

	// It reconciles with the scorecard: received in the period, decided in it.
	card, err := scorecard.Build(ctx, st, cat, scorecard.Default(), scorecard.Request{Period: period, Now: day(4, 1)})
	if err != nil {
		t.Fatal(err)
	}
	var received, decided int
	for _, u := range card.Units {
		if u.Unit == "ubnd-xa-thach-ha" || u.Unit == "so-tu-phap-ha-tinh" {
			for _, l := range u.Lines {
				switch l.Measure {
				case "synced":
					received += l.Den
				case "on_time":
					decided += l.Den
				}
			}
		}
	}
	if received != f.Total.Received || decided != f.Total.Resolved {
		t.Errorf("the scorecard counts %d received, %d decided; the form %d and %d", received, decided, f.Total.Received, f.Total.Resolved)
	}

	var b bytes.Buffer
	if err := f.WriteXLSX(&b); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("Biểu 06")
	var total []string
	for _, r := range rows {
		if len(r) > 1 && r[1] == "Tổng cộng" {
			total = r
		}
	}
	// Received 4 + carried over 2 = 6; online 3; counter 1; carried 2; resolved 4 (2 early, 1 on time, 1 late);
	// in progress 2 (1 in time, 1 overdue).
	if !slices.Equal(total, []string{"", "Tổng cộng", "6", "3", "1", "2", "4", "2", "1", "1", "2", "1", "1"}) {
		t.Errorf("the total row: %v", total)
	}
}
