package embedded

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/log/tag"
	"go.temporal.io/server/service/history/shard"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func dial(t *testing.T, s *Server) client.Client {
	t.Helper()
	c, err := client.Dial(client.Options{HostPort: s.Address(), Namespace: "motcua", Logger: log.NewStructuredLogger(quiet)})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestFilePersistsAcrossRestarts starts the server on a SQLite file, sets
// the namespace up twice (idempotently), restarts on the same file, and
// finds the retention and the search attributes still there.
func TestFilePersistsAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	attrs := map[string]enums.IndexedValueType{"MotcuaStage": enums.INDEXED_VALUE_TYPE_KEYWORD, "MotcuaDue": enums.INDEXED_VALUE_TYPE_DATETIME}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	retention := 3650 * 24 * time.Hour

	s, err := Start(Options{DataDir: dir, Namespace: "motcua", Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	// One server to a directory: a second is refused, and a move waits.
	if _, err := Start(Options{DataDir: dir, Namespace: "motcua", Logger: quiet}); !errors.Is(err, ErrInUse) {
		t.Errorf("a second server on the same directory: %v", err)
	}
	if in, err := InUse(dir); !in || err != nil {
		t.Errorf("in use while running: %v %v", in, err)
	}
	c := dial(t, s)
	for range 2 {
		if err := Prepare(ctx, c, "motcua", retention, attrs); err != nil {
			t.Fatal(err)
		}
	}
	c.Close()
	s.Stop()
	if _, err := os.Stat(filepath.Join(dir, "temporal.db")); err != nil {
		t.Fatalf("no SQLite file: %v", err)
	}
	if in, err := InUse(dir); in || err != nil {
		t.Errorf("in use once stopped: %v %v", in, err)
	}

	s, err = Start(Options{DataDir: dir, Namespace: "motcua", Logger: quiet})
	if err != nil {
		t.Fatalf("restart on the same file: %v", err)
	}
	defer s.Stop()
	c = dial(t, s)
	defer c.Close()
	desc, err := c.WorkflowService().DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: "motcua"})
	if err != nil {
		t.Fatal(err)
	}
	if got := desc.GetConfig().GetWorkflowExecutionRetentionTtl().AsDuration(); got != retention {
		t.Errorf("retention %s after restart, want %s", got, retention)
	}
	list, err := c.OperatorService().ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: "motcua"})
	if err != nil {
		t.Fatal(err)
	}
	for name, typ := range attrs {
		if list.GetCustomAttributes()[name] != typ {
			t.Errorf("search attribute %s: %v, want %v", name, list.GetCustomAttributes()[name], typ)
		}
	}
}

// A fresh cluster has no namespace for motcua: Prepare registers it, with
// the retention, and adds the search attributes once Temporal knows it.
func TestPrepareRegistersAMissingNamespace(t *testing.T) {
	s, err := Start(Options{Namespace: "motcua", Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	c := dial(t, s)
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	attrs := map[string]enums.IndexedValueType{"MotcuaStage": enums.INDEXED_VALUE_TYPE_KEYWORD}
	for {
		err := Prepare(ctx, c, "tinh-ha-tinh", 30*24*time.Hour, attrs)
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("the namespace never became ready: %v", err)
		}
		time.Sleep(time.Second) // the namespace cache learns of the new namespace
	}
	desc, err := c.WorkflowService().DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: "tinh-ha-tinh"})
	if err != nil || desc.GetConfig().GetWorkflowExecutionRetentionTtl().AsDuration() != 30*24*time.Hour {
		t.Fatalf("%v, %v", desc.GetConfig(), err)
	}
	list, err := c.OperatorService().ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: "tinh-ha-tinh"})
	if err != nil || list.GetCustomAttributes()["MotcuaStage"] != enums.INDEXED_VALUE_TYPE_KEYWORD {
		t.Fatalf("%v, %v", list.GetCustomAttributes(), err)
	}
}

// The read a shard's queue retries before the shard is acquired is a
// warning; any other error the server logs stays an error.
func TestShardNotYetAcquiredIsAWarning(t *testing.T) {
	if got := errorLevel([]tag.Tag{tag.Error(fmt.Errorf("select: %w", shard.ErrShardStatusUnknown))}); got != slog.LevelWarn {
		t.Errorf("shard status unknown: %v", got)
	}
	if got := errorLevel([]tag.Tag{tag.Error(errors.New("disk full"))}); got != slog.LevelError {
		t.Errorf("disk full: %v", got)
	}
}

// At info, the server's own information and the warnings of a first
// start stay out of the log, and so does whatever it says while stopping;
// a warning that needs a look is kept. At debug, everything is there.
func TestTheServersLogAtInfo(t *testing.T) {
	var buf strings.Builder
	l := serverLogger{log: slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo})), stopping: new(atomic.Bool)}
	l.Info("Membership heartbeat upserted successfully")
	l.Warn("Search attribute MotcuaStage already exists.")
	l.Warn("Cluster Id in Cluster Metadata config is not a valid uuid. Generating a new Cluster Id")
	l.Warn("persistence is slow")
	l.stopping.Store(true)
	l.Warn("Failed to poll for task.")
	l.Error("Error closing gRPC connection on shutdown")
	if got := strings.Count(buf.String(), "\n"); got != 1 || !strings.Contains(buf.String(), "persistence is slow") {
		t.Errorf("at info the log holds %d lines, want the one warning:\n%s", got, buf.String())
	}
	buf.Reset()
	l = serverLogger{log: slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})), stopping: new(atomic.Bool)}
	l.Info("Membership heartbeat upserted successfully")
	if !strings.Contains(buf.String(), "Membership heartbeat") {
		t.Errorf("at debug the server's information is missing: %q", buf.String())
	}
}

// The transfer queue of the one shard reads as often as a task may come,
// not at Temporal's 20 reads a second meant for many shards; the speed
// this buys is measured by motcua bench (README, Speed).
func TestTheOneShardReadsItsTransferQueueOften(t *testing.T) {
	got := dynamicConfig(Options{})[dynamicconfig.TransferProcessorMaxPollRPS.Key()]
	if got != transferReadsPerSecond || transferReadsPerSecond < 200 {
		t.Errorf("history.transferProcessorMaxPollRPS = %v", got)
	}
}
