package bench

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/embedded"
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

// With --ceiling-at, the ceiling of another Temporal frontend is measured
// with the same client: here a second embedded server, in memory.
func TestCeilingAtAnotherServer(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two Temporal servers")
	}
	other, err := embedded.Start(embedded.Options{Namespace: "default",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// Rate 0 is -rate auto: half the ceiling measured.
	r, err := Run(ctx, Options{Dossiers: 4, Concurrency: 2, Paced: time.Second, CeilingAt: other.Address()})
	if err != nil {
		t.Fatal(err)
	}
	if r.OtherCeiling <= 0 || r.CeilingPerSec <= 0 || r.PacedRate != r.CeilingPerSec/2 || r.PacedSubmits == 0 {
		t.Errorf("report = %+v", r)
	}
	if _, err := Run(ctx, Options{Dossiers: 2, Concurrency: 1, Rate: 10, CeilingAt: "127.0.0.1:1"}); err == nil ||
		!strings.Contains(err.Error(), "the ceiling at 127.0.0.1:1") {
		t.Errorf("an unreachable frontend: %v", err)
	}
}
