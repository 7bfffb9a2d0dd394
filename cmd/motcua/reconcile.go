package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/motcua/motcua/service"
)

// runReconcile compares the store with Temporal and checks the ledger. It
// prints each problem, and what it repaired with --repair, and ends with
// the line "N open dossiers, M payments checked: K problems", K counting what
// is left unrepaired; it exits 1 when K > 0.
func runReconcile(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("motcua reconcile", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg service.Config
	cfg.FlagsFor(fs, service.RecordFlags|service.TemporalFlags|service.LogFlags)
	repair := fs.Bool("repair", false, "fix what can be fixed: close dossiers no workflow carries, settle and refund money no dossier took")
	grace := fs.Duration("grace", 2*time.Minute, "how old a record must be before a disagreement with its workflow counts")
	if code, ok := parseConfig(fs, args, &cfg); !ok {
		return code
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	svc, err := service.OpenClient(ctx, cfg, logger(cfg, stderr))
	if err != nil {
		fmt.Fprintln(stderr, "motcua reconcile:", err)
		return 2
	}
	defer svc.Close()
	c := svc.Checker(*repair)
	c.Grace = *grace
	rep, err := c.Run(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "motcua reconcile:", err)
		return 2
	}
	if *repair {
		if err := svc.Store.SaveFindings(ctx, time.Now(), rep.Findings); err != nil {
			fmt.Fprintln(stderr, "motcua reconcile: keeping the findings:", err)
		}
	}
	for _, f := range rep.Findings {
		line := f.Kind + " " + f.Dossier + ": " + f.Detail
		if f.Repaired != "" {
			line += " (repaired: " + f.Repaired + ")"
		}
		fmt.Fprintln(stdout, line)
	}
	fmt.Fprintln(stdout, rep.Summary())
	if rep.Problems() > 0 {
		return 1
	}
	return 0
}
