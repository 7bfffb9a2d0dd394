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

	"github.com/motcua/motcua/codec"
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
		// The same address serves the pages beside the API.
		res, err := http.Get(u + "/ui/login")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Errorf("%s/ui/login: %d %s", u, res.StatusCode, res.Header.Get("Content-Type"))
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
	t.Setenv("MOTCUA_TEMPORAL_PORT", "")
	for args, says := range map[string]string{
		"--payment-gateway=bank":                           "--payment-gateway",
		"--payment-gateway=paygov --payment-secret=s3cret": "--paygov-url",
		"--portal=ftp://dvcqg":                             "--portal",
	} {
		stderr.Reset()
		a := append([]string{"serve", "--data-dir", t.TempDir()}, strings.Fields(args)...)
		if code := run(a, io.Discard, &stderr); code == 0 || !strings.Contains(stderr.String(), says) {
			t.Errorf("%s: exit %d, %s", args, code, stderr.String())
		}
	}
}

// Instances of a cluster must share the key ring, so none may start
// without one, and a bad key is named.
func TestAClusterInstanceNeedsThePayloadKeys(t *testing.T) {
	var stderr strings.Builder
	if code := run([]string{"api", "--temporal-address", "temporal:7233", "--data-dir", t.TempDir()}, io.Discard, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "--payload-keys") {
		t.Errorf("api on a cluster without the payload keys: exit %d, %s", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"api", "--temporal-address", "temporal:7233", "--payload-keys", "k1=c2hvcnQ=", "--data-dir", t.TempDir()}, io.Discard, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "--payload-keys: key 1 (k1): 5 bytes") {
		t.Errorf("a short key: exit %d, %s", code, stderr.String())
	}
}

// The Temporal a province moves from, or to, is another one than its
// own, and an instance is on one side of the move.
func TestTheOtherTemporalIsAnotherOne(t *testing.T) {
	key := "k1=" + strings.Repeat("A", 43) + "="
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--moved-from", "old:7233", "--temporal-address", "old:7233"}, "--moved-from: old:7233 is --temporal-address too"},
		{[]string{"--moving-to", "new:7233", "--temporal-address", "new:7233"}, "--moving-to: new:7233 is --temporal-address too"},
		{[]string{"--moving-to", "new:7233", "--moved-from", "old:7233", "--temporal-address", "mid:7233"}, "--moved-from and --moving-to: give one"},
	} {
		var stderr strings.Builder
		args := append([]string{"worker", "--payload-keys", key, "--data-dir", t.TempDir()}, c.args...)
		if code := run(args, io.Discard, &stderr); code != 1 || !strings.Contains(stderr.String(), c.says) {
			t.Errorf("%v: exit %d, %s", c.args, code, stderr.String())
		}
	}
}

func TestKeysNewPrintsAKeyTheRingAccepts(t *testing.T) {
	var out, stderr strings.Builder
	if code := run([]string{"keys", "new", "2026-11"}, &out, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	k, err := codec.ParseKeys(out.String())
	if err != nil || k.Active() != "2026-11" {
		t.Fatalf("%q: %v", out.String(), err)
	}
	if code := run([]string{"keys"}, &out, &stderr); code != 2 {
		t.Errorf("keys alone: exit %d", code)
	}
}
