package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/scorecard"
	"github.com/motcua/motcua/service"
)

// runIndex writes the Decision 766 scorecard of a period, read from the
// store: every unit's indicators, points, rank and forecast, and the
// dossiers costing points now.
func runIndex(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("motcua report index", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg service.Config
	cfg.FlagsFor(fs, service.RecordFlags)
	ra := reportFlags(fs, "score")
	if code, ok := parseConfig(fs, args, &cfg); !ok {
		return code
	}
	fail := func(err error) int { fmt.Fprintln(stderr, "motcua report index:", err); return 2 }
	period, f, err := ra.check(stdout)
	if err != nil {
		return fail(err)
	}
	level, unit, out := ra.level, ra.unit, ra.out
	ctx := context.Background()
	svc, err := service.OpenRecords(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, "motcua report index:", err)
		return 1
	}
	defer svc.Close()
	if _, ok := svc.Catalogue.Units().Unit(*unit); *unit != "" && !ok {
		return fail(fmt.Errorf("--unit: there is no unit %q in the directory", *unit))
	}
	card, err := scorecard.Build(ctx, svc.Store, svc.Catalogue, svc.Scorecard,
		scorecard.Request{Period: period, Level: procedures.Level(*level), Unit: *unit, Now: time.Now()})
	if err != nil {
		fmt.Fprintln(stderr, "motcua report index:", err)
		return 1
	}
	if err := writeOut(*out, stdout, func(w io.Writer) error { return card.Write(w, f) }); err != nil {
		fmt.Fprintln(stderr, "motcua report index:", err)
		return 1
	}
	return 0
}
