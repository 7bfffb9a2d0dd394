package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/embedded"
	"github.com/motcua/motcua/service"
)

func freePort(t *testing.T) int {
	t.Helper()
	port, err := embedded.FreePort("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	return port
}

// Two instances with their own data directory and ports run side by side,
// both become ready, and both stop cleanly when asked.
func TestTwoInstancesSideBySide(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two Temporal servers")
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 2)
	var urls []string
	for range 2 {
		cfg := service.Config{DataDir: t.TempDir(), HTTPAddr: fmt.Sprintf("127.0.0.1:%d", freePort(t)),
			TemporalPort: freePort(t), Namespace: "default", Retention: 30 * 24 * time.Hour, Simulator: true,
			LogLevel: "info", LogFormat: "text"}
		urls = append(urls, "http://"+cfg.HTTPAddr)
		go func() { done <- serve(ctx, cfg, roles{embedded: true, worker: true, api: true}, quiet) }()
	}
	for _, u := range urls {
		deadline := time.Now().Add(90 * time.Second)
		for {
			res, err := http.Get(u + "/readyz")
			if err == nil {
				res.Body.Close()
				if res.StatusCode == 200 {
					break
				}
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s never became ready: %v", u, err)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	cancel()
	for range 2 {
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("stopped with %v", err)
			}
		case <-time.After(60 * time.Second):
			t.Fatal("an instance did not stop")
		}
	}
}

func TestBadConfigurationStopsTheStart(t *testing.T) {
	t.Setenv("MOTCUA_TEMPORAL_PORT", "seventy")
	var stderr strings.Builder
	if code := run([]string{"serve"}, io.Discard, &stderr); code != 1 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(stderr.String(), `MOTCUA_TEMPORAL_PORT=\"seventy\"`) && !strings.Contains(stderr.String(), `MOTCUA_TEMPORAL_PORT="seventy"`) {
		t.Errorf("stderr: %s", stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"worker"}, io.Discard, &stderr); code != 2 || !strings.Contains(stderr.String(), "--temporal-address") {
		t.Errorf("worker without a cluster: exit %d, %s", code, stderr.String())
	}
}
