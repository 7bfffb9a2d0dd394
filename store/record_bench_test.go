package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/store/storetest"
)

// BenchmarkRecord writes the milestones of a dossier's life, seven per
// dossier, as the workflow does: the store's share of every action.
func BenchmarkRecord(b *testing.B) {
	s := storetest.SQLite(b)
	ctx := context.Background()
	stages := []string{"in_review", "accepted", "awaiting_payment", "processing", "processing", "decided", "closed"}
	due := t0.Add(72 * time.Hour)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		code := fmt.Sprintf("B%d", i/len(stages))
		m := milestone(code, i%len(stages)+1, stages[i%len(stages)], due)
		m.Files = []model.File{{Component: "to_khai", Document: "doc-" + code, SHA256: "00", Media: "application/pdf", Size: 10, How: "uploaded"}}
		if err := s.Record(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
}
