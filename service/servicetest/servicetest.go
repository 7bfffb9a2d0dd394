// Package servicetest runs a whole motcua for tests: an embedded Temporal
// server, the worker, the store and everything served over real HTTP, in
// a directory of its own.
package servicetest

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"time"

	"github.com/motcua/motcua/embedded"
	"github.com/motcua/motcua/service"
)

// Start runs a service; adjust changes its configuration first. It returns
// the service, its base URL and the function that stops it and removes its
// directory. It panics when anything fails to start, since it runs in
// TestMain, before any test can report.
func Start(adjust func(*service.Config)) (*service.Service, string, func()) {
	dir, err := os.MkdirTemp("", "motcua-test-")
	if err != nil {
		panic(err)
	}
	port, err := embedded.FreePort("127.0.0.1")
	if err != nil {
		panic(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := service.Config{DataDir: dir, TemporalPort: port, Namespace: "default", Retention: 30 * 24 * time.Hour,
		SimulatorKey: "test-payment-secret", Simulator: true, LogLevel: "warn", LogFormat: "text"}
	if adjust != nil {
		adjust(&cfg)
	}
	ctx := context.Background()
	s, err := service.Open(ctx, cfg, quiet)
	if err != nil {
		panic(err)
	}
	prep, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := s.Prepare(prep); err != nil {
		panic(err)
	}
	w := s.Worker()
	if err := w.Start(); err != nil {
		panic(err)
	}
	srv := httptest.NewServer(s.Handler())
	if s.Simulator != nil {
		s.Simulator.CallbackURL = srv.URL + "/payments/callback"
	}
	if s.PlatformSimulator != nil {
		s.PlatformSimulator.CallbackURL = srv.URL + "/payments/paygov/callback"
		s.PlatformSimulator.PayURL = srv.URL + "/paygov-simulator/pay"
		s.Platform.URL = srv.URL + "/paygov-simulator"
	}
	if s.PortalSimulator != nil {
		s.Portal.Config.URL = srv.URL + "/portal-simulator"
	}
	return s, srv.URL, func() {
		srv.Close()
		w.Stop()
		s.Close()
		os.RemoveAll(dir)
	}
}
