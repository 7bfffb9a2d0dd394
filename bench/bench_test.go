package bench

import (
	"context"
	"testing"
	"time"
)

// TestRunSmall runs the load generator on a few dossiers, so that CI keeps
// it working; the figures in the README come from motcua bench.
func TestRunSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Temporal server")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	r, err := Run(ctx, Options{Dossiers: 6, Concurrency: 3, Rate: 10, Paced: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if r.FlowPerSecond <= 0 || r.CeilingPerSec <= 0 || r.SubmitP99 <= 0 || r.PacedSubmits < 5 || r.HistoryEvents < 20 {
		t.Errorf("report = %+v", r)
	}
	t.Logf("%+v", r)
}
