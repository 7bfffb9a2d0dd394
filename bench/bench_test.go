package bench

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

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
	var profile bytes.Buffer
	r, err := Run(ctx, Options{Dossiers: 6, Concurrency: 3, Rate: 10, Paced: time.Second, FlowProfile: &profile})
	if err != nil {
		t.Fatal(err)
	}
	if r.FlowPerSecond <= 0 || r.CeilingPerSec <= 0 || r.SubmitP99 <= 0 || r.PacedSubmits < 5 || r.HistoryEvents < 20 {
		t.Errorf("report = %+v", r)
	}
	if r.ShapePerSec <= 0 || r.ShapeRatio != r.ShapePerSec/r.CeilingPerSec {
		t.Errorf("the bare shape: %v workflows/s, ratio %v", r.ShapePerSec, r.ShapeRatio)
	}
	// A CPU profile is gzipped protobuf: it starts with gzip's magic.
	if b := profile.Bytes(); len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("the flow's profile is %d bytes, not a profile", len(b))
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

// The bare shape takes as many updates as the flow's dossier and ends with
// the last: one that ended early would refuse the last updates, and one
// that never ended would be running still.
func TestTheBareShapeTakesEveryAction(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Temporal server")
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := embedded.Start(embedded.Options{Namespace: "default", Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	c, err := client.Dial(client.Options{HostPort: srv.Address(), Namespace: "default", Logger: log.NewStructuredLogger(quiet)})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if n, err := shape(ctx, c, Options{Dossiers: 2, Concurrency: 2}); err != nil || n <= 0 {
		t.Fatalf("shape = %v, %v", n, err)
	}
	w := worker.New(c, "shape-test", worker.Options{})
	w.RegisterWorkflowWithOptions(bareDossier, workflow.RegisterOptions{Name: "BareDossier"})
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	if err := bareShape(ctx, c, "shape-test", "one"); err != nil {
		t.Fatal(err)
	}
	updates, last := 0, enums.EVENT_TYPE_UNSPECIFIED
	for iter := c.GetWorkflowHistory(ctx, "one", "", false, 0); iter.HasNext(); {
		e, err := iter.Next()
		if err != nil {
			t.Fatal(err)
		}
		if e.GetEventType() == enums.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED {
			updates++
		}
		last = e.GetEventType()
	}
	if updates != shapeActions || last != enums.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED {
		t.Errorf("%d updates, ending with %v; want %d, ending with completion", updates, last, shapeActions)
	}
}
