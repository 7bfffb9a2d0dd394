package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"go.temporal.io/sdk/worker"

	"github.com/motcua/motcua/service"
)

// roles of a process: serve runs all three parts, worker and api one each.
type roles struct{ embedded, worker, api bool }

// runService runs motcua as serve, worker or api until SIGTERM or SIGINT,
// then stops in an order that loses no accepted work: the API stops
// taking requests and finishes those under way, the worker finishes its
// tasks, and only then does the embedded server stop.
func runService(name string, r roles, args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("motcua "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg service.Config
	cfg.Flags(fs)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if !r.embedded && cfg.TemporalAddress == "" {
		fmt.Fprintf(stderr, "motcua %s: --temporal-address (MOTCUA_TEMPORAL_ADDRESS) is required; use serve for the embedded server\n", name)
		return 2
	}
	if r.embedded && cfg.TemporalAddress != "" {
		r.embedded = false
	}
	log := logger(cfg, stderr)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	if err := serve(ctx, cfg, r, log); err != nil {
		log.Error("motcua stopped", "err", err)
		return 1
	}
	return 0
}

func serve(ctx context.Context, cfg service.Config, r roles, log *slog.Logger) error {
	svc, err := service.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	from := cfg.ProceduresDir
	if from == "" {
		from = "built in"
	}
	log.Info("catalogue loaded", "from", from, "procedures", len(svc.Catalogue.Codes()), "versions", len(svc.Catalogue.All()))
	// "stopped" is said once everything is, the embedded server last.
	stopped := false
	defer func() {
		svc.Close()
		if stopped {
			log.Info("stopped")
		}
	}()
	var w worker.Worker
	if r.worker {
		if err := svc.Prepare(ctx); err != nil {
			return err
		}
		w = svc.Worker()
		if err := w.Start(); err != nil {
			return fmt.Errorf("worker: %w", err)
		}
		if err := svc.Schedule(ctx); err != nil {
			log.Warn("reconciliation will not run on its own", "err", err)
		}
		log.Info("worker started", "temporal", svc.TemporalAddress())
	}
	var srv *http.Server
	errs := make(chan error, 1)
	// A worker alone serves only its health, for the orchestrator, and only
	// where asked: beside an api on one host it would take the api's port.
	handler, what, addr := svc.API().Health(), "health", cfg.HealthAddr
	if r.api {
		handler, what, addr = svc.Handler(), "api", cfg.HTTPAddr
	}
	if addr != "" {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return err
		}
		srv = &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
		go func() { errs <- srv.Serve(ln) }()
		log.Info(what+" listening", "address", "http://"+ln.Addr().String())
		if r.api {
			log.Info("pages for supervisors and analysts", "address", "http://"+ln.Addr().String()+"/ui/")
		}
	}
	select {
	case <-ctx.Done():
		log.Info("stopping")
	case err := <-errs:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	}
	if srv != nil {
		shutdown, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			log.Warn("api shutdown", "err", err)
		}
	}
	if w != nil {
		w.Stop()
	}
	stopped = true
	return nil
}

func logger(cfg service.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
