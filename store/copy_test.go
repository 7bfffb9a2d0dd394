package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/printables"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// filled is an embedded default's store as a province would move it:
// dossiers open and closed, with files, payments, refunds, papers, notices,
// register numbers and idempotency keys, and the rollups they keep.
func filled(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	s := storetest.SQLite(t)
	for i := range 30 {
		code := fmt.Sprintf("XA-2026-%03d", i)
		m := milestone(code, 1, "in_review", t0.Add(72*time.Hour))
		m.Files = []model.File{{Component: "don", Document: "sha256:aa", SHA256: "aa", Media: "application/pdf", Size: 10, How: "uploaded"}}
		m.Paper = &model.Paper{Kind: model.PaperReceipt, Number: 1,
			Receipt: &printables.Receipt{About: printables.About{Dossier: code, Received: t0}}, PDF: []byte("%PDF-1.3\x00\xff " + code)}
		if err := s.Record(ctx, m); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Register(ctx, "ubnd-xa-a", 2026, "receipt", code, 0); err != nil {
			t.Fatal(err)
		}
		if i%3 == 0 {
			continue // still open
		}
		m2 := milestone(code, 2, "closed", time.Time{})
		m2.Dossier.Outcome, m2.Dossier.Decided, m2.Dossier.Returned = "returned", t0.Add(24*time.Hour), t0.Add(25*time.Hour)
		m2.Files = m.Files
		m2.Payments = []model.Payment{{TxID: "BL-" + code, Amount: 75000, By: "officer", At: t0}}
		if i%5 == 0 {
			m2.Refunds = []model.Refund{{Reference: "counter:BL-" + code, TxID: "BL-" + code, Amount: 75000, At: t0.Add(time.Hour)}}
		}
		if err := s.Record(ctx, m2); err != nil {
			t.Fatal(err)
		}
		if err := s.Notify(ctx, model.Notice{Key: "closed/" + code, Dossier: code, To: "001", Kind: "closed_returned", Text: "Hồ sơ " + code}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.ClaimKey(ctx, "dossiers", "k-1", "h", "XA-2026-001", t0, time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := s.CompleteKey(ctx, "dossiers", "k-1", `{"code":"XA-2026-001"}`); err != nil {
		t.Fatal(err)
	}
	return s
}

// The embedded default's records land whole in the cluster's store: every
// row of every table, the bytes of every paper, and the rollups the
// reports read, on each engine.
func TestAStoreIsCopiedWhole(t *testing.T) {
	ctx := context.Background()
	src := filled(t)
	want, err := src.Rows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range []string{"dossiers", "timeline", "papers", "payments", "refunds", "notices", "register", "idempotency_keys", "daily_counts", "monthly_counts", "portal_outbox"} {
		if len(want[tb]) == 0 {
			t.Fatalf("the source holds no %s: the test would prove nothing of them", tb)
		}
	}
	for name, dst := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			var seen []string
			copied, err := src.CopyInto(ctx, dst, func(c store.TableCopied) { seen = append(seen, c.Table) })
			if err != nil {
				t.Fatal(err)
			}
			if len(copied) != len(want) || len(seen) != len(copied) {
				t.Errorf("%d tables copied, %d reported, %d in the source", len(copied), len(seen), len(want))
			}
			for _, c := range copied {
				if c.Source != c.Copied || c.Source != int64(len(want[c.Table])) {
					t.Errorf("%s: %+v, the source holds %d", c.Table, c, len(want[c.Table]))
				}
			}
			got, err := dst.Rows(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for tb, rows := range want {
				if strings.Join(got[tb], "\n") != strings.Join(rows, "\n") {
					t.Errorf("%s differs after the copy:\n got %q\nwant %q", tb, got[tb], rows)
				}
			}
			// Read through the store, as the pages and reports do.
			pdf, err := dst.Paper(ctx, "XA-2026-004", model.PaperReceipt, 1)
			if err != nil || string(pdf) != "%PDF-1.3\x00\xff XA-2026-004" {
				t.Errorf("the paper reads %q, %v", pdf, err)
			}
			if n, err := dst.Register(ctx, "ubnd-xa-a", 2026, "receipt", "XA-2026-030", 0); err != nil || n != 31 {
				t.Errorf("the register goes on at %d (%v), want 31: numbers would be given twice", n, err)
			}
			// A second copy finds the destination full and writes nothing.
			_, err = src.CopyInto(ctx, dst, nil)
			if err == nil || !strings.Contains(err.Error(), "already holds") {
				t.Errorf("a copy into a store with records: %v", err)
			}
		})
	}
}

// A copy taken while motcua still writes to the source would miss what
// was written: it is rolled back, and says why.
func TestACopyOfAStoreInUseIsRolledBack(t *testing.T) {
	ctx := context.Background()
	src := filled(t)
	dst := storetest.SQLite(t)
	wrote := false
	_, err := src.CopyInto(ctx, dst, func(c store.TableCopied) {
		if !wrote {
			wrote = true
			if err := src.Record(ctx, milestone("XA-2026-999", 1, "in_review", t0.Add(72*time.Hour))); err != nil {
				t.Error(err)
			}
		}
	})
	if !errors.Is(err, store.ErrSourceChanged) {
		t.Fatalf("copying a store in use: %v", err)
	}
	rows, err := dst.Rows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for tb, r := range rows {
		if len(r) > 0 {
			t.Errorf("the rolled-back copy left %d rows in %s", len(r), tb)
		}
	}
}
