package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
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
	cfg.Flags(fs)
	from := fs.String("from", "", "the first day of the period, 2006-01-02")
	to := fs.String("to", "", "the last day of the period, inclusive")
	level := fs.String("level", "", "score one level only: province, district or commune")
	unit := fs.String("unit", "", "score a unit and every unit under it")
	format := fs.String("format", "table", "table, csv, xlsx or json")
	out := fs.String("out", "", "write to this file instead of standard output")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	fail := func(err error) int { fmt.Fprintln(stderr, "motcua report index:", err); return 2 }
	if *from == "" || *to == "" {
		return fail(fmt.Errorf("--from and --to are required, as dates written 2006-01-02"))
	}
	period, err := reports.ParsePeriod(*from, *to)
	if err != nil {
		return fail(fmt.Errorf("--%w", err))
	}
	f, err := reports.ParseFormat(*format)
	if err != nil {
		return fail(fmt.Errorf("--%w", err))
	}
	switch procedures.Level(*level) {
	case "", procedures.Province, procedures.District, procedures.Commune:
	default:
		return fail(fmt.Errorf("--level must be province, district or commune, got %q", *level))
	}
	if f == reports.XLSX && *out == "" && isTerminal(stdout) {
		return fail(fmt.Errorf("a workbook is binary: give --out FILE.xlsx or redirect the output"))
	}
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
