package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/service"
)

// runReport writes the supervisors' rates for a period, read from the
// store: the data directory's SQLite file, or --database-url.
func runReport(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "index" {
		return runIndex(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "form06" {
		return runForm06(args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "rates" {
		fmt.Fprintln(stderr, "usage: motcua report rates --from 2024-01-01 --to 2024-12-31 [--level province] [--agency CODE] [--format table|csv|xlsx|json] [--out FILE]")
		fmt.Fprintln(stderr, "       motcua report index --from 2026-01-01 --to 2026-03-31 [--level commune] [--unit CODE] [--format table|csv|xlsx|json] [--out FILE]")
		fmt.Fprintln(stderr, "       motcua report form06 --from 2026-03-01 --to 2026-03-31 [--unit CODE] --out FILE.xlsx")
		return 2
	}
	fs := flag.NewFlagSet("motcua report rates", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg service.Config
	cfg.FlagsFor(fs, service.RecordFlags)
	ra := reportFlags(fs, "report on")
	agency := fs.String("agency", "", "report on one agency only")
	mapping := fs.String("map", "historical", "historical: each dossier at the unit that received it; today: merged and abolished units under their successors")
	if code, ok := parseConfig(fs, args[1:], &cfg); !ok {
		return code
	}
	fail := func(err error) int { fmt.Fprintln(stderr, "motcua report rates:", err); return 2 }
	period, f, err := ra.check(stdout)
	if err != nil {
		return fail(err)
	}
	level, unit, out := ra.level, ra.unit, ra.out
	if m := reports.Mapping(*mapping); m != reports.Historical && m != reports.Today {
		return fail(fmt.Errorf("--map must be historical or today, got %q", *mapping))
	}

	ctx := context.Background()
	svc, err := service.OpenRecords(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, "motcua report rates:", err)
		return 1
	}
	defer svc.Close()
	if _, ok := svc.Catalogue.Units().Unit(*unit); *unit != "" && !ok {
		return fail(fmt.Errorf("--unit: there is no unit %q in the directory", *unit))
	}
	rep, err := reports.Build(ctx, svc.Store, svc.Catalogue, svc.Targets,
		reports.Request{Period: period, Level: procedures.Level(*level), Agency: *agency, Unit: *unit, Map: reports.Mapping(*mapping)})
	if err != nil {
		fmt.Fprintln(stderr, "motcua report rates:", err)
		return 1
	}
	if err := writeOut(*out, stdout, func(w io.Writer) error { return rep.Write(w, f) }); err != nil {
		fmt.Fprintln(stderr, "motcua report rates:", err)
		return 1
	}
	return 0
}

// writeOut writes a report to the file out, or to stdout when out is
// empty; a file that cannot be written in full is an error.
func writeOut(out string, stdout io.Writer, write func(io.Writer) error) error {
	if out == "" {
		return write(stdout)
	}
	file, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := write(file); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}

// reportArgs are the flags every report of a period takes.
type reportArgs struct {
	from, to, level, unit, format, out *string
}

// reportFlags registers them; what says what the report does with a
// level or a unit ("report on", "score").
func reportFlags(fs *flag.FlagSet, what string) reportArgs {
	return reportArgs{
		from:   fs.String("from", "", "the first day of the period, 2006-01-02"),
		to:     fs.String("to", "", "the last day of the period, inclusive"),
		level:  fs.String("level", "", what+" one level only: province, district or commune"),
		unit:   fs.String("unit", "", what+" a unit and every unit under it"),
		format: fs.String("format", "table", "table; csv for Excel (a byte order mark, Vietnamese headers); csv-en for programs; xlsx; or json"),
		out:    fs.String("out", "", "write to this file instead of standard output"),
	}
}

// check reads the period and the format, and refuses a level that is not
// one, or a workbook written to a terminal.
func (a reportArgs) check(stdout io.Writer) (reports.Period, reports.Format, error) {
	if *a.from == "" || *a.to == "" {
		return reports.Period{}, "", fmt.Errorf("--from and --to are required, as dates written 2006-01-02")
	}
	period, err := reports.ParsePeriod(*a.from, *a.to)
	if err != nil {
		return period, "", fmt.Errorf("--%w", err)
	}
	f, err := reports.ParseFormat(*a.format)
	if err != nil {
		return period, f, fmt.Errorf("--%w", err)
	}
	switch procedures.Level(*a.level) {
	case "", procedures.Province, procedures.District, procedures.Commune:
	default:
		return period, f, fmt.Errorf("--level must be province, district or commune, got %q", *a.level)
	}
	if f == reports.XLSX && *a.out == "" && isTerminal(stdout) {
		return period, f, fmt.Errorf("a workbook is binary: give --out FILE.xlsx or redirect the output")
	}
	return period, f, nil
}

// isTerminal reports whether w is a character device, where binary output
// would only garble the screen.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
