package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/motcua/motcua/blobs"
	"github.com/motcua/motcua/embedded"
	"github.com/motcua/motcua/store"
)

// runMove copies an embedded instance's records and files into a
// cluster's store and bucket: the files first, so that no record in the
// destination ever names a file it lacks, then every record in one
// transaction. It exits 0 when both landed whole, 1 when the copy
// failed (nothing of the records is written; the files copied stay, and
// a second run skips them), 2 when it cannot run.
func runMove(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("motcua move", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: motcua move --data-dir DIR --to-database postgres://... --to-files s3://...

Copies the records and files of a stopped embedded instance into the
cluster's store, which must be empty, and its bucket. Stop motcua serve
first: a copy taken while it writes is rolled back.

`)
		fs.PrintDefaults()
	}
	defaultDir := "data"
	if v := os.Getenv("MOTCUA_DATA_DIR"); v != "" {
		defaultDir = v
	}
	dataDir := fs.String("data-dir", defaultDir, "the embedded instance's data directory, which holds motcua.db and files/ (MOTCUA_DATA_DIR)")
	toDB := fs.String("to-database", "", "the cluster's store: postgres://...; its tables are made if missing, and must be empty")
	toFiles := fs.String("to-files", "", "the cluster's bucket: s3://bucket?endpoint=...&use_path_style=true, or a directory")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "motcua move: unexpected %q: every input is a flag\n", fs.Arg(0))
		return 2
	}
	switch {
	case *toDB == "":
		fmt.Fprintln(stderr, "motcua move: --to-database: give the cluster's store, postgres://...")
		return 2
	case *toFiles == "":
		fmt.Fprintln(stderr, "motcua move: --to-files: give the cluster's bucket, s3://..., or a directory")
		return 2
	}
	from := store.SQLitePath(*dataDir)
	if _, err := os.Stat(from); err != nil {
		fmt.Fprintf(stderr, "motcua move: --data-dir %s: %s is not there: name the embedded instance's data directory\n", *dataDir, from)
		return 2
	}
	if abs, err := filepath.Abs(from); err == nil && (*toDB == from || *toDB == abs) {
		fmt.Fprintln(stderr, "motcua move: --to-database is the data directory's own store")
		return 2
	}

	// A copy taken while serve runs would be whole, but what serve wrote
	// next would be lost to the cluster.
	if in, err := embedded.InUse(filepath.Join(*dataDir, "temporal")); err != nil {
		fmt.Fprintln(stderr, "motcua move:", err)
		return 2
	} else if in {
		fmt.Fprintf(stderr, "motcua move: --data-dir %s: a motcua serve or motcua temporal is running on it: stop it first, so that nothing it writes after the copy is lost\n", *dataDir)
		return 1
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	src, err := store.Open(ctx, from)
	if err != nil {
		fmt.Fprintln(stderr, "motcua move:", err)
		return 2
	}
	defer src.Close()
	dst, err := store.Open(ctx, *toDB)
	if err != nil {
		fmt.Fprintf(stderr, "motcua move: --to-database %s: %v\n", redacted(*toDB), err)
		return 2
	}
	defer dst.Close()
	if _, err := src.CanCopyInto(ctx, dst); err != nil {
		fmt.Fprintf(stderr, "motcua move: --to-database %s: %v\n", redacted(*toDB), err)
		return 1
	}
	srcFiles, err := blobs.Open(ctx, filepath.Join(*dataDir, "files"))
	if err != nil {
		fmt.Fprintln(stderr, "motcua move:", err)
		return 2
	}
	defer srcFiles.Close()
	dstFiles, err := blobs.Open(ctx, *toFiles)
	if err != nil {
		fmt.Fprintf(stderr, "motcua move: --to-files: %v\n", err)
		return 2
	}
	defer dstFiles.Close()

	files, err := srcFiles.CopyInto(ctx, dstFiles, nil)
	fmt.Fprintf(stdout, "files: %d copied (%s), %d already there\n", files.Files, size(files.Bytes), files.Present)
	if err != nil {
		fmt.Fprintln(stderr, "motcua move:", err)
		if errors.Is(err, blobs.ErrDamaged) {
			fmt.Fprintln(stderr, "motcua move: nothing of the records was copied; restore the file from a backup, or find the dossiers that name it, and run again")
		}
		return 1
	}
	var rows int64
	tables, err := src.CopyInto(ctx, dst, func(c store.TableCopied) {
		rows += c.Copied
		fmt.Fprintf(stdout, "records: %-18s %d\n", c.Table, c.Copied)
	})
	if err != nil {
		fmt.Fprintf(stderr, "motcua move: %v\nmotcua move: the cluster's store is as it was: no record was written\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "moved in %s: %d records in %d tables into %s, and every file into %s\n",
		time.Since(start).Round(time.Millisecond), rows, len(tables), redacted(*toDB), redacted(*toFiles))
	fmt.Fprintf(stdout, `next: the dossiers already received run to their end on this directory's Temporal.
  1. Give every process below one key ring: the cluster's keys, then those in %s.
  2. Here (7233 unless serve ran with another --temporal-port):
            motcua temporal --data-dir %s --listen-ip 0.0.0.0
            motcua worker --temporal-address THIS-HOST:7233 --moving-to CLUSTER:7233 --database-url ... --blob-url ... --payload-keys RING
  3. Every api and worker of the cluster: --moved-from THIS-HOST:7233 --payload-keys RING
  4. When motcua reconcile --moved-from THIS-HOST:7233 on the cluster ends with "0 open dossiers still
     on the Temporal moved from", stop both here, and drop --moved-from there.
`, filepath.Join(*dataDir, "temporal", "payload-keys"), *dataDir)
	return 0
}

// redacted is a location fit to print: a URL's password is hidden.
func redacted(location string) string {
	if u, err := url.Parse(location); err == nil && u.User != nil {
		return u.Redacted()
	}
	return location
}

// size is a byte count as people read it.
func size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
