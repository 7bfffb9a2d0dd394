package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

var ict = time.FixedZone("ICT", 7*3600)

func vn(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 17, 0, 0, ict) }

// life writes a dossier's milestones as a workflow would, moving it
// through the rollups at every step.
func rollLife(t *testing.T, s *store.Store, code, agency string, ch procedures.Channel, received time.Time, steps int) {
	t.Helper()
	ctx := context.Background()
	yes := true
	p := model.Projection{Code: code, Procedure: procedures.Ref{Code: "1.004194", Version: 1}, Agency: agency,
		Level: procedures.Commune, Channel: ch, Applicant: "001", Stage: "in_review", Received: received,
		Due: received.Add(5 * 24 * time.Hour), OriginalDue: received.Add(5 * 24 * time.Hour), Fee: 10000}
	m := model.Milestone{Dossier: p, Event: model.Event{Seq: 1, At: received, Action: "received"},
		Files: []model.File{{Component: "to_khai", Document: code + "-tk", How: "uploaded"}}}
	for seq := 1; seq <= steps; seq++ {
		m.Event = model.Event{Seq: seq, At: received.Add(time.Duration(seq) * time.Hour), Action: "step"}
		switch seq {
		case 2:
			m.Dossier.Stage, m.Dossier.PaidOnline = "paid", true
		case 3:
			m.Dossier.Stage, m.Dossier.Decided, m.Dossier.OnTime, m.Dossier.ResultDigitized = "ready_to_return", received.Add(3*time.Hour), &yes, true
			m.Files = append(m.Files, model.File{Component: "result", Document: code + "-kq", How: "result"})
		case 4:
			m.Dossier.Stage, m.Dossier.Outcome, m.Dossier.Returned, m.Dossier.ResultVia = "closed", "returned", received.Add(4*time.Hour), "online"
		}
		if err := s.Record(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
}

// The rollups kept by every kind of write add up to what the dossiers
// themselves do, over periods of days and of whole months and partial
// ones, and to what a rebuild from the dossiers gives.
func TestTheRollupsAgreeWithTheDossiers(t *testing.T) {
	for name, s := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			rollLife(t, s, "R1", "ubnd-xa-a", procedures.Online, vn(3, 3, 10), 4)
			rollLife(t, s, "R2", "ubnd-xa-a", procedures.Counter, vn(3, 31, 22), 3) // decided on 1 April, Vietnam's time
			rollLife(t, s, "R3", "ubnd-xa-b", procedures.Online, vn(4, 20, 9), 2)
			// A milestone written again with other content moves the counts.
			again := model.Milestone{Dossier: model.Projection{Code: "R3", Procedure: procedures.Ref{Code: "1.004194", Version: 1},
				Agency: "ubnd-xa-b", Level: procedures.Commune, Channel: procedures.Counter, Applicant: "001", Stage: "paid",
				Received: vn(4, 20, 9), Fee: 0}, Event: model.Event{Seq: 2, At: vn(4, 20, 11), Action: "other"}}
			if err := s.Record(ctx, again); err != nil {
				t.Fatal(err)
			}
			if err := s.PortalDone(ctx, "R1", 1, store.PortalSent, vn(3, 3, 11)); err != nil {
				t.Fatal(err)
			}
			no := false
			imported := []model.Projection{
				{Code: "I1", Procedure: procedures.Ref{Code: "1.004194", Version: 1}, Agency: "ubnd-xa-b", Level: procedures.Commune,
					Channel: procedures.Online, Applicant: "002", Stage: "closed", Outcome: "returned", Received: vn(2, 20, 8),
					Decided: vn(3, 2, 8), OnTime: &no, Fee: money.VND(5000), Supplements: 2},
				{Code: "I2", Procedure: procedures.Ref{Code: "1.004194", Version: 1}, Agency: "ubnd-xa-a", Level: procedures.Commune,
					Channel: procedures.Counter, Applicant: "003", Stage: "processing", Received: vn(3, 15, 8), Due: vn(3, 20, 8)},
				{Code: "R1", Procedure: procedures.Ref{Code: "1.004194", Version: 1}, Agency: "ubnd-xa-a", Level: procedures.Commune,
					Channel: procedures.Counter, Applicant: "004", Stage: "closed", Received: vn(3, 3, 10)}, // recorded already: skipped
			}
			if _, err := s.Import(ctx, slices.Values(imported)); err != nil {
				t.Fatal(err)
			}
			if err := s.CloseOrphan(ctx, "I2", "no workflow", "closed", vn(3, 25, 8)); err != nil {
				t.Fatal(err)
			}
			check := func(when string) {
				for _, per := range [][2]time.Time{
					{day(3, 1), day(4, 1)}, {day(2, 15), day(5, 10)}, {day(1, 1), day(7, 1)}, {day(3, 31), day(4, 2)},
				} {
					rolled, err := s.Counts(ctx, per[0], per[1], store.Filter{})
					if err != nil {
						t.Fatal(err)
					}
					scanned, err := store.ScannedCounts(s, ctx, per[0].Add(time.Millisecond), per[1].Add(time.Millisecond), store.Filter{})
					if err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(sorted(rolled), sorted(scanned)) {
						t.Errorf("%s, %s–%s: rollups %+v\ndossiers %+v", when, per[0], per[1], rolled, scanned)
					}
					now := vn(6, 1, 0)
					rs, err := s.ScoreCountsByUnit(ctx, per[0], per[1], now, nil)
					if err != nil {
						t.Fatal(err)
					}
					ss, err := store.ScannedScoreCounts(s, ctx, per[0].Add(time.Millisecond), per[1].Add(time.Millisecond), now, nil)
					if err != nil {
						t.Fatal(err)
					}
					for a, c := range ss {
						if rs[a] != c {
							t.Errorf("%s, %s–%s, %s: rollups %+v\ndossiers %+v", when, per[0], per[1], a, rs[a], c)
						}
					}
					if len(rs) != len(ss) {
						t.Errorf("%s: units %v against %v", when, rs, ss)
					}
				}
			}
			check("as written")
			if err := s.RebuildRollups(ctx); err != nil {
				t.Fatal(err)
			}
			check("rebuilt")
		})
	}
}

func day(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, ict) }

func sorted(cs []store.Count) []store.Count {
	out := slices.Clone(cs)
	slices.SortFunc(out, func(a, b store.Count) int {
		if a.Agency != b.Agency {
			if a.Agency < b.Agency {
				return -1
			}
			return 1
		}
		return a.Version - b.Version
	})
	return out
}
