package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua/bench"
)

// runBench runs the load generator and prints its report.
func runBench(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("motcua bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o bench.Options
	fs.IntVar(&o.Dossiers, "n", 300, "dossiers through the whole flow, and one-activity workflows for the ceiling")
	fs.IntVar(&o.Concurrency, "concurrency", 30, "dossiers in flight at once")
	rate := fs.String("rate", "20", "submissions per second in the paced phase, or auto for half the one-activity ceiling measured")
	fs.DurationVar(&o.Paced, "paced", 15*time.Second, "how long the paced phase lasts; 0 skips it")
	fs.StringVar(&o.CeilingAt, "ceiling-at", "", "another Temporal frontend, HOST:PORT, whose one-activity ceiling is measured too, such as the Temporal CLI's dev server")
	fs.StringVar(&o.CeilingNamespace, "ceiling-namespace", "default", "the namespace at --ceiling-at")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the standard flow's phase (server, worker, API and driver alike) to this file, for go tool pprof")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *rate != "auto" {
		n, err := strconv.ParseFloat(*rate, 64)
		if err != nil || n <= 0 {
			fmt.Fprintf(stderr, "motcua bench: -rate: %q is neither a positive number nor auto\n", *rate)
			return 2
		}
		o.Rate = n
	}
	if o.Dossiers < 1 || o.Concurrency < 1 {
		fmt.Fprintln(stderr, "motcua bench: -n and -concurrency must be positive")
		return 2
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			fmt.Fprintln(stderr, "motcua bench:", err)
			return 1
		}
		defer f.Close()
		o.FlowProfile = f
	}
	r, err := bench.Run(context.Background(), o)
	if err != nil {
		fmt.Fprintln(stderr, "motcua bench:", err)
		return 1
	}
	fmt.Fprintf(stdout, "standard flow:         %d dossiers, %.1f dossiers/s, %d requests and %d history events each\n",
		r.Dossiers, r.FlowPerSecond, r.ActionsPerFlow, r.HistoryEvents)
	var each []string
	for _, l := range r.Requests {
		each = append(each, fmt.Sprintf("%s %s", l.Kind, l.P50.Round(time.Millisecond)))
	}
	fmt.Fprintf(stdout, "each request, p50:     %s\n", strings.Join(each, ", "))
	fmt.Fprintf(stdout, "one-activity ceiling:  %.1f workflows/s\n", r.CeilingPerSec)
	if o.CeilingAt != "" {
		fmt.Fprintf(stdout, "ceiling at %s:  %.1f workflows/s; motcua's is %.2f× it\n", o.CeilingAt, r.OtherCeiling, r.CeilingPerSec/r.OtherCeiling)
	}
	fmt.Fprintf(stdout, "ratio:                 %.0f%% of the ceiling\n", 100*r.Ratio)
	fmt.Fprintf(stdout, "the flow's bare shape: %.1f workflows/s, %.0f%% of the ceiling; the flow is %.0f%% of it\n",
		r.ShapePerSec, 100*r.ShapeRatio, 100*r.FlowPerSecond/r.ShapePerSec)
	fmt.Fprintf(stdout, "POST /dossiers, under the flow:  p50 %s, p99 %s\n", r.SubmitP50.Round(time.Millisecond), r.SubmitP99.Round(time.Millisecond))
	if r.PacedSubmits > 0 {
		fmt.Fprintf(stdout, "POST /dossiers at %.0f/s (%d):   p50 %s, p99 %s\n", r.PacedRate, r.PacedSubmits,
			r.PacedP50.Round(time.Millisecond), r.PacedP99.Round(time.Millisecond))
	}
	return 0
}
