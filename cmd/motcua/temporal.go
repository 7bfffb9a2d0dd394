package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/motcua/motcua/embedded"
	"github.com/motcua/motcua/service"
	"github.com/motcua/motcua/workflows"
)

// runTemporal runs only the embedded Temporal server, on its SQLite file,
// for api and worker processes elsewhere: what the Temporal CLI's dev
// server is, with motcua's namespace and search attributes made at start.
// It serves a small site or a test of the cluster shape; a province's
// cluster runs Temporal's own server on PostgreSQL.
func runTemporal(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("motcua temporal", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg service.Config
	cfg.FlagsFor(fs, service.DataFlags|service.LogFlags)
	listen := fs.String("listen-ip", "127.0.0.1", "where the frontend listens; 0.0.0.0 in a container")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if err := cfg.Check(); err != nil {
		fmt.Fprintf(stderr, "motcua temporal: %v\n", err)
		return 2
	}
	log := logger(cfg, stderr)
	srv, err := embedded.Start(embedded.Options{DataDir: filepath.Join(cfg.DataDir, "temporal"), Port: cfg.TemporalPort,
		FrontendIP: *listen, Namespace: cfg.Namespace, SearchAttributes: workflows.SearchAttributeTypes(),
		Logger: log.With("component", "temporal"), MinRetention: cfg.MinRetention})
	if err != nil {
		log.Error("temporal did not start", "err", err)
		return 1
	}
	log.Info("temporal listening", "ip", *listen, "port", cfg.TemporalPort, "file", srv.File())
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	<-ctx.Done()
	log.Info("stopping")
	srv.Stop()
	return 0
}
