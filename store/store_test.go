package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

var t0 = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

func milestone(code string, seq int, stage string, due time.Time) model.Milestone {
	return model.Milestone{
		Dossier: model.Projection{Code: code, Agency: "ubnd-xa-a", Level: "commune", Channel: "online",
			Applicant: "001", Stage: stage, Received: t0, Due: due},
		Event: model.Event{Seq: seq, At: t0.Add(time.Duration(seq) * time.Minute), Actor: "officer", Action: stage},
	}
}

func TestRecordIsIdempotentAndKeepsTheNewest(t *testing.T) {
	for name, s := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			due := t0.Add(72 * time.Hour)
			for _, m := range []model.Milestone{
				milestone("D1", 1, "in_review", due),
				milestone("D1", 2, "accepted", due),
				milestone("D1", 2, "accepted", due),  // a retry
				milestone("D1", 1, "in_review", due), // a late retry of an older write
			} {
				if err := s.Record(ctx, m); err != nil {
					t.Fatal(err)
				}
			}
			p, err := s.Dossier(ctx, "D1")
			if err != nil {
				t.Fatal(err)
			}
			if p.Stage != "accepted" || !p.Due.Equal(due) {
				t.Errorf("projection = %s due %v, want accepted due %v", p.Stage, p.Due, due)
			}
			tl, err := s.Timeline(ctx, "D1")
			if err != nil {
				t.Fatal(err)
			}
			if len(tl) != 2 || tl[0].Action != "in_review" || tl[1].Action != "accepted" {
				t.Errorf("timeline = %+v", tl)
			}
			// An older milestone written late never overwrites a newer one.
			if err := s.Record(ctx, milestone("D1", 1, "in_review", time.Time{})); err != nil {
				t.Fatal(err)
			}
			if p, _ := s.Dossier(ctx, "D1"); p.Stage != "accepted" {
				t.Errorf("a late write overwrote the stage: %s", p.Stage)
			}
			if _, err := s.Dossier(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("missing dossier: %v", err)
			}
		})
	}
}

func TestListPagesNewestFirstWithFilters(t *testing.T) {
	for name, s := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			for i := range 7 {
				m := milestone(fmt.Sprintf("D%d", i), 1, "in_review", t0.Add(time.Hour))
				m.Dossier.Received = t0.Add(time.Duration(i/2) * time.Minute) // pairs share an instant
				if i%3 == 0 {
					m.Dossier.Agency = "ubnd-xa-b"
				}
				if err := s.Record(ctx, m); err != nil {
					t.Fatal(err)
				}
			}
			var got []string
			cursor := ""
			for {
				page, err := s.List(ctx, store.Filter{}, cursor, 3)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range page.Dossiers {
					got = append(got, p.Code)
				}
				if cursor = page.Next; cursor == "" {
					break
				}
			}
			if fmt.Sprint(got) != "[D6 D5 D4 D3 D2 D1 D0]" {
				t.Errorf("pages = %v", got)
			}
			page, err := s.List(ctx, store.Filter{Agency: "ubnd-xa-b"}, "", 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(page.Dossiers) != 3 || page.Next != "" {
				t.Errorf("agency b: %d dossiers, next %q", len(page.Dossiers), page.Next)
			}
			if _, err := s.List(ctx, store.Filter{}, "garbage!", 3); !errors.Is(err, store.ErrBadCursor) {
				t.Errorf("bad cursor: %v", err)
			}
		})
	}
}

func TestLateListsRunningClocksLatestFirst(t *testing.T) {
	for name, s := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			now := t0.Add(100 * time.Hour)
			for _, m := range []model.Milestone{
				milestone("late-2h", 1, "processing", now.Add(-2*time.Hour)),
				milestone("late-9h", 1, "processing", now.Add(-9*time.Hour)),
				milestone("soon", 1, "processing", now.Add(time.Hour)),
				milestone("later", 1, "processing", now.Add(90*time.Hour)),
				milestone("paused", 1, "awaiting_supplement", now.Add(-5*time.Hour)),
				milestone("closed", 1, "closed", now.Add(-5*time.Hour)),
			} {
				if err := s.Record(ctx, m); err != nil {
					t.Fatal(err)
				}
			}
			codes := func(ps []model.Projection) (out []string) {
				for _, p := range ps {
					out = append(out, p.Code)
				}
				return out
			}
			overdue, err := s.Late(ctx, store.Filter{}, now, 10)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(codes(overdue)) != "[late-9h late-2h]" {
				t.Errorf("overdue = %v", codes(overdue))
			}
			soon, err := s.Late(ctx, store.Filter{Level: "commune"}, now.Add(8*time.Hour), 10)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(codes(soon)) != "[late-9h late-2h soon]" {
				t.Errorf("overdue and due soon = %v", codes(soon))
			}
		})
	}
}

func TestIdempotencyKeys(t *testing.T) {
	for name, s := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			lease := 30 * time.Second
			c, err := s.ClaimKey(ctx, "portal", "k1", "h1", "CODE-1", t0, lease)
			if err != nil || c.Dossier != "CODE-1" || c.Done {
				t.Fatalf("first claim = %+v, %v", c, err)
			}
			if _, err := s.ClaimKey(ctx, "portal", "k1", "h1", "CODE-2", t0.Add(time.Second), lease); !errors.Is(err, store.ErrKeyInFlight) {
				t.Errorf("retry in flight: %v", err)
			}
			if _, err := s.ClaimKey(ctx, "portal", "k1", "h2", "CODE-2", t0.Add(time.Second), lease); !errors.Is(err, store.ErrKeyReused) {
				t.Errorf("other body: %v", err)
			}
			// Another client may use the same key for itself.
			if c, err := s.ClaimKey(ctx, "citizen-9", "k1", "h9", "CODE-9", t0, lease); err != nil || c.Dossier != "CODE-9" {
				t.Errorf("other scope = %+v, %v", c, err)
			}
			// A request that died: the retry after the lease takes over the same code.
			c, err = s.ClaimKey(ctx, "portal", "k1", "h1", "CODE-3", t0.Add(time.Minute), lease)
			if err != nil || c.Dossier != "CODE-1" || c.Done {
				t.Fatalf("takeover = %+v, %v", c, err)
			}
			if err := s.CompleteKey(ctx, "portal", "k1", `{"code":"CODE-1"}`); err != nil {
				t.Fatal(err)
			}
			c, err = s.ClaimKey(ctx, "portal", "k1", "h1", "CODE-4", t0.Add(2*time.Minute), lease)
			if err != nil || !c.Done || c.Response != `{"code":"CODE-1"}` {
				t.Errorf("replay = %+v, %v", c, err)
			}
			// A released key is taken at once; a forgotten one is new again.
			s.ClaimKey(ctx, "portal", "k2", "h1", "CODE-5", t0, lease)
			if err := s.ReleaseKey(ctx, "portal", "k2"); err != nil {
				t.Fatal(err)
			}
			if c, err := s.ClaimKey(ctx, "portal", "k2", "h1", "CODE-6", t0.Add(time.Second), lease); err != nil || c.Dossier != "CODE-5" {
				t.Errorf("after release = %+v, %v", c, err)
			}
			if err := s.ForgetKey(ctx, "portal", "k2"); err != nil {
				t.Fatal(err)
			}
			if c, err := s.ClaimKey(ctx, "portal", "k2", "h3", "CODE-7", t0.Add(time.Second), lease); err != nil || c.Dossier != "CODE-7" {
				t.Errorf("after forget = %+v, %v", c, err)
			}
		})
	}
}

func TestDocumentsPaymentsAndNotices(t *testing.T) {
	for name, s := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			d := model.Document{ID: "doc-1", Owner: "001", Kind: "cccd", SHA256: "ab", Ref: "sha256/ab",
				Media: "application/pdf", Size: 10, ValidFrom: t0}
			for range 2 {
				if err := s.Put(ctx, d); err != nil {
					t.Fatal(err)
				}
			}
			got, err := s.Get(ctx, "doc-1")
			if err != nil || got != d {
				t.Errorf("get = %+v, %v", got, err)
			}
			if _, err := s.Get(ctx, "doc-2"); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("missing document: %v", err)
			}
			if err := s.CountReuse(ctx, "doc-1", "D1", "cccd"); err != nil {
				t.Fatal(err)
			}
			if err := s.CountReuse(ctx, "doc-1", "D1", "cccd"); err != nil {
				t.Fatal(err)
			}
			n := model.Notice{Key: "n1", Dossier: "D1", To: "001", Kind: "due_soon", Text: "x"}
			s.Notify(ctx, n)
			s.Notify(ctx, n)
			if ns, _ := s.Notices(ctx, "D1"); len(ns) != 1 {
				t.Errorf("notices = %+v", ns)
			}
		})
	}
}

func TestMilestonesKeepFilesPaymentsAndRefunds(t *testing.T) {
	for name, s := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			scan := model.File{Component: "don", Document: "sha256:aa", SHA256: "aa", Media: "application/pdf", Size: 10, How: "scanned"}
			m := milestone("D1", 1, "in_review", time.Time{})
			m.Files = []model.File{scan}
			m2 := milestone("D1", 2, "processing", time.Time{})
			clearer := scan
			clearer.Document, clearer.SHA256, clearer.How = "sha256:bb", "bb", "uploaded"
			m2.Files = []model.File{clearer, {Component: "cccd", Document: "doc-9", How: "reused", ReusedFrom: "doc-9"}}
			m2.Payments = []model.Payment{{TxID: "BL-1", Amount: 75000, By: "officer", At: t0}}
			m3 := milestone("D1", 3, "closed", time.Time{})
			m3.Files, m3.Payments = m2.Files, m2.Payments
			m3.Refunds = []model.Refund{{Reference: "counter:BL-1", TxID: "BL-1", Amount: 75000, At: t0.Add(time.Hour)}}
			for _, x := range []model.Milestone{m, m2, m3, m3, m2} { // retried and late writes
				if err := s.Record(ctx, x); err != nil {
					t.Fatal(err)
				}
			}
			files, err := s.Files(ctx, "D1")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range files {
				got = append(got, f.Component+"="+f.Document+"/"+f.How)
			}
			if fmt.Sprint(got) != "[don=sha256:aa/scanned cccd=doc-9/reused don=sha256:bb/uploaded]" {
				t.Errorf("files %v", got)
			}
			pays, _ := s.Payments(ctx, "D1")
			if len(pays) != 1 || pays[0].TxID != "BL-1" || pays[0].Online || pays[0].Amount != 75000 || !pays[0].Success {
				t.Errorf("payments %+v", pays)
			}
			refunds, _ := s.Refunds(ctx, "D1")
			if len(refunds) != 1 || refunds[0].Reference != "counter:BL-1" || refunds[0].Amount != 75000 || !refunds[0].At.Equal(t0.Add(time.Hour)) {
				t.Errorf("refunds %+v", refunds)
			}
		})
	}
}

// API and worker replicas start together on a fresh PostgreSQL database:
// each opens the store, and the migrations run once, not once each.
func TestReplicasMigrateAFreshDatabaseTogether(t *testing.T) {
	url := storetest.PostgresURL(t)
	if url == "" {
		t.Skip("no PostgreSQL: set " + storetest.PostgresEnv)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			s, err := store.Open(context.Background(), url)
			if err == nil {
				err = s.Ping(context.Background())
				s.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatalf("a replica did not start: %v", err)
		}
	}
}

// A result published with its approval is in the applicant's store once
// the milestone is written, once however often the write is retried.
func TestAMilestonePublishesItsResultInTheSameWrite(t *testing.T) {
	for name, s := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			doc := model.Document{ID: "doc-result-P1", Owner: "001", Kind: "giay_xac_nhan", SHA256: "ab", Ref: "doc-result-P1",
				Media: "application/pdf", Size: 3, ValidFrom: t0}
			m := milestone("P1", 5, "ready_to_return", time.Time{})
			m.Publish = &doc
			for range 2 { // a retry publishes once
				if err := s.Record(ctx, m); err != nil {
					t.Fatal(err)
				}
			}
			got, err := s.Documents(ctx, "001")
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].ID != doc.ID || got[0].Kind != doc.Kind || !got[0].ValidFrom.Equal(t0) {
				t.Errorf("the applicant's documents = %+v, want the result once", got)
			}
		})
	}
}
