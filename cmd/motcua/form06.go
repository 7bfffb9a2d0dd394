package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/motcua/motcua/form06"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/service"
)

// runForm06 writes Biểu số 06/VPCP/KSTT of a period as a workbook.
func runForm06(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("motcua report form06", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg service.Config
	cfg.FlagsFor(fs, service.RecordFlags)
	from := fs.String("from", "", "the first day of the period, 2006-01-02")
	to := fs.String("to", "", "the last day of the period, inclusive")
	unit := fs.String("unit", "", "a unit and every unit under it")
	out := fs.String("out", "", "the workbook to write, FILE.xlsx")
	if code, ok := parseConfig(fs, args, &cfg); !ok {
		return code
	}
	fail := func(err error) int { fmt.Fprintln(stderr, "motcua report form06:", err); return 2 }
	if *from == "" || *to == "" {
		return fail(fmt.Errorf("--from and --to are required, as dates written 2006-01-02"))
	}
	if *out == "" {
		return fail(fmt.Errorf("--out FILE.xlsx is required: the form is a workbook"))
	}
	period, err := reports.ParsePeriod(*from, *to)
	if err != nil {
		return fail(fmt.Errorf("--%w", err))
	}
	ctx := context.Background()
	svc, err := service.OpenRecords(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, "motcua report form06:", err)
		return 1
	}
	defer svc.Close()
	if _, ok := svc.Catalogue.Units().Unit(*unit); *unit != "" && !ok {
		return fail(fmt.Errorf("--unit: there is no unit %q in the directory", *unit))
	}
	f, err := form06.Build(ctx, svc.Store, svc.Catalogue, period, *unit)
	if err != nil {
		fmt.Fprintln(stderr, "motcua report form06:", err)
		return 1
	}
	if err := writeOut(*out, stdout, f.WriteXLSX); err != nil {
		fmt.Fprintln(stderr, "motcua report form06:", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %d received, %d carried over, %d resolved, %d in progress\n", *out, f.Total.Received,
		f.Total.CarriedOver, f.Total.Resolved, f.Total.InProgress)
	return 0
}
