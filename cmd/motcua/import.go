package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/motcua/motcua/importer"
	"github.com/motcua/motcua/service"
)

// runImport loads a province's past dossiers from a JSON Lines or CSV file.
// Every row is checked first and each problem printed as FILE:LINE: field:
// message; a file with problems imports nothing unless --skip-invalid.
// It exits 0 when everything valid was written, 1 when the file has
// problems, 2 when it cannot run.
func runImport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("motcua import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg service.Config
	cfg.FlagsFor(fs, service.RecordFlags)
	format := fs.String("format", "", "jsonl or csv; by default from the file's extension")
	skip := fs.Bool("skip-invalid", false, "write the valid rows of a file that has problems, and report the others")
	every := fs.Int("batch", 10_000, "dossiers per transaction: what an interruption may have to write again")
	// Flags may come after the file, as a user types them.
	var file string
	rest := args
	for len(rest) > 0 {
		if code, ok := parse(fs, rest); !ok {
			return code
		}
		rest = fs.Args()
		if len(rest) > 0 {
			if file != "" {
				fmt.Fprintf(stderr, "motcua import: one file at a time, got %s and %s\n", file, rest[0])
				return 2
			}
			file, rest = rest[0], rest[1:]
		}
	}
	if file == "" {
		fmt.Fprintln(stderr, "motcua import: give the file to import: motcua import FILE [--format jsonl|csv] [--skip-invalid]")
		return 2
	}
	f := importer.Format(*format)
	if f == "" {
		var err error
		if f, err = importer.FormatOf(file); err != nil {
			fmt.Fprintln(stderr, "motcua import:", err)
			return 2
		}
	} else if f != importer.JSONLines && f != importer.CSV {
		fmt.Fprintf(stderr, "motcua import: --format must be jsonl or csv, got %q\n", *format)
		return 2
	}
	if _, err := os.Stat(file); err != nil {
		fmt.Fprintln(stderr, "motcua import:", err)
		return 2
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	svc, err := service.OpenRecords(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, "motcua import:", err)
		return 2
	}
	defer svc.Close()
	printed := 0
	o := importer.Options{Format: f, SkipInvalid: *skip, Every: *every,
		Problems: func(p importer.Problem) {
			if printed++; printed > importer.MaxKept {
				return
			}
			if p.Field != "" {
				fmt.Fprintf(stdout, "%s:%d: %s: %s\n", file, p.Line, p.Field, p.Message)
			} else {
				fmt.Fprintf(stdout, "%s:%d: %s\n", file, p.Line, p.Message)
			}
		}}
	start := time.Now()
	if isTerminal(stderr) {
		o.Progress = func(done, total int64) {
			width := 30
			filled := 0
			if total > 0 {
				filled = int(done * int64(width) / total)
			}
			bar := make([]byte, width)
			for i := range bar {
				bar[i] = '.'
				if i < filled {
					bar[i] = '#'
				}
			}
			fmt.Fprintf(stderr, "\r[%s] %d/%d dossiers, %s", bar, done, total, time.Since(start).Round(time.Second))
		}
	}
	res, err := importer.Run(ctx, svc.Store, importer.NewChecker(svc.Catalogue), file, o)
	if o.Progress != nil && res.Written > 0 {
		fmt.Fprintln(stderr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "motcua import: %v (%d dossiers written before it stopped; run again to resume)\n", err, res.Added)
		return 2
	}
	if printed > importer.MaxKept {
		fmt.Fprintf(stdout, "(only the first %d problems are listed)\n", importer.MaxKept)
	}
	switch {
	case res.Invalid > 0 && !*skip:
		fmt.Fprintf(stdout, "%d rows, %d with problems: nothing imported; correct them, or give --skip-invalid to import the %d valid rows\n",
			res.Rows, res.Invalid, res.Rows-res.Invalid)
		return 1
	case res.Invalid > 0:
		fmt.Fprintf(stdout, "%d rows, %d with problems skipped; %d imported, %d already recorded, in %s\n",
			res.Rows, res.Invalid, res.Added, res.Written-res.Added, time.Since(start).Round(time.Millisecond))
		return 1
	}
	fmt.Fprintf(stdout, "%d rows: %d imported, %d already recorded, in %s\n", res.Rows, res.Added, res.Written-res.Added, time.Since(start).Round(time.Millisecond))
	return 0
}
