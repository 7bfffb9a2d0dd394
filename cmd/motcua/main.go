// Command motcua runs the one-stop-shop workflow engine and its tools.
package main

import (
	"fmt"
	"io"
	"os"
	_ "time/tzdata" // the Vietnamese calendar's zone, in images with no zoneinfo
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `motcua: the one-stop shop for administrative procedures

Usage:
  motcua serve [flags]             run everything: embedded Temporal, the worker and the API
  motcua worker --temporal-address HOST:PORT [flags]   run only the worker, against a cluster
  motcua api --temporal-address HOST:PORT [flags]      run only the API, against a cluster
  motcua temporal [--listen-ip 0.0.0.0] [flags]        run only the embedded Temporal server, for api and workers elsewhere
  motcua keys new [ID]             print a new key for MOTCUA_PAYLOAD_KEYS
  motcua probe URL                 exit 0 when URL answers 200: a health check for images without curl
  motcua bench [-n 300] [-concurrency 30] [-rate 20]   measure the standard flow on an embedded server
  motcua report rates --from DATE --to DATE [--level L] [--agency A] [--unit U] [--map historical|today] [--format table|csv|xlsx|json] [--out FILE]
                                   the rates units are judged by, against their targets, from the store
  motcua import FILE [--format jsonl|csv] [--skip-invalid]   load a province's past dossiers; the README lists the fields
  motcua move --data-dir DIR --to-database URL --to-files URL   copy a stopped embedded instance's records and files into a cluster's
  motcua reconcile [--repair]      compare the store with Temporal and check the ledger; exit 1 on any problem
  motcua procedures lint [DIR]     check every definition; exit 1 on any problem
  motcua procedures test [DIR]     run every example; ends with "N passed, M failed"
  motcua procedures quote CODE [--input key=value ...] [--channel online] [--date 2026-01-15] [--json]

Run "motcua serve -h" for the flags; each has a MOTCUA_* environment variable.
`

// run dispatches a command line; it returns the process exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "serve":
		return runService("serve", roles{embedded: true, worker: true, api: true}, args[1:], stderr)
	case "worker":
		return runService("worker", roles{worker: true}, args[1:], stderr)
	case "api":
		return runService("api", roles{api: true}, args[1:], stderr)
	case "temporal":
		return runTemporal(args[1:], stderr)
	case "probe":
		return runProbe(args[1:], stderr)
	case "keys":
		return runKeys(args[1:], stdout, stderr)
	case "bench":
		return runBench(args[1:], stdout, stderr)
	case "report":
		return runReport(args[1:], stdout, stderr)
	case "procedures":
		return runProcedures(args[1:], stdout, stderr)
	case "reconcile":
		return runReconcile(args[1:], stdout, stderr)
	case "import":
		return runImport(args[1:], stdout, stderr)
	case "move":
		return runMove(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "motcua: unknown command %q\n\n%s", args[0], usage)
	return 2
}
