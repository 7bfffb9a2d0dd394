package store_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/printables"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// A paper is kept as first issued: a retried milestone that carries other
// bytes changes nothing, and a paper never issued is not found.
func TestPapersAreKeptAsFirstIssued(t *testing.T) {
	for name, s := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			m := milestone("P1", 1, "in_review", t0.Add(72*time.Hour))
			issued := []byte("%PDF-1.3 first\x00\xff binary")
			m.Paper = &model.Paper{Kind: model.PaperReceipt, Number: 1,
				Receipt: &printables.Receipt{About: printables.About{Dossier: "P1", Received: t0}}, PDF: issued}
			if err := s.Record(ctx, m); err != nil {
				t.Fatal(err)
			}
			m.Paper = &model.Paper{Kind: model.PaperReceipt, Number: 1,
				Receipt: &printables.Receipt{About: printables.About{Dossier: "P1", Received: t0}}, PDF: []byte("%PDF-1.3 second")}
			if err := s.Record(ctx, m); err != nil {
				t.Fatal(err)
			}
			got, err := s.Paper(ctx, "P1", model.PaperReceipt, 1)
			if err != nil || !bytes.Equal(got, issued) {
				t.Errorf("paper = %q, %v; want the bytes first issued", got, err)
			}
			if _, err := s.Paper(ctx, "P1", model.PaperApology, 1); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("a letter never issued: %v", err)
			}
			list, err := s.Papers(ctx, "P1")
			if err != nil || len(list) != 1 || list[0].Kind != "receipt" || !list[0].Issued.Equal(t0) {
				t.Errorf("papers = %+v, %v", list, err)
			}
		})
	}
}
