package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motcua/motcua/blobs"
	"github.com/motcua/motcua/embedded"
	"github.com/motcua/motcua/store"
)

func TestMoveCopiesADataDirectoryOnce(t *testing.T) {
	ctx := context.Background()
	dir := dataDir(t)
	files, err := blobs.Open(ctx, filepath.Join(dir, "files"))
	if err != nil {
		t.Fatal(err)
	}
	put, err := files.Put(ctx, strings.NewReader("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"), 1<<20, nil)
	files.Close()
	if err != nil {
		t.Fatal(err)
	}
	to := t.TempDir()
	db, bucket := store.SQLitePath(to), filepath.Join(to, "files")
	move := func() (int, string, string) {
		var out, errs bytes.Buffer
		code := run([]string{"move", "--data-dir", dir, "--to-database", db, "--to-files", bucket}, &out, &errs)
		return code, out.String(), errs.String()
	}

	code, out, errs := move()
	if code != 0 || !strings.Contains(out, "files: 1 copied") || !strings.Contains(out, "records: dossiers") ||
		!strings.Contains(out, "--moving-to CLUSTER:7233") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	moved, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer moved.Close()
	for _, code := range []string{"XA-1", "XA-2", "XA-3"} {
		if _, err := moved.Dossier(ctx, code); err != nil {
			t.Errorf("%s did not move: %v", code, err)
		}
	}
	copied, err := blobs.Open(ctx, bucket)
	if err != nil {
		t.Fatal(err)
	}
	defer copied.Close()
	if r, media, err := copied.Open(ctx, put.ID); err != nil || media != "application/pdf" {
		t.Errorf("the file did not move: %q %v", media, err)
	} else {
		r.Close()
	}

	// A second move would mix two provinces' records, or the same twice.
	if code, _, errs := move(); code != 1 || !strings.Contains(errs, "already holds") {
		t.Errorf("a second move: exit %d, %s", code, errs)
	}
}

func TestMoveNamesWhatIsMissing(t *testing.T) {
	to := t.TempDir()
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--data-dir", t.TempDir(), "--to-files", to}, "--to-database"},
		{[]string{"--data-dir", t.TempDir(), "--to-database", store.SQLitePath(to)}, "--to-files"},
		{[]string{"--data-dir", filepath.Join(to, "nowhere"), "--to-database", store.SQLitePath(to), "--to-files", to}, "--data-dir " + filepath.Join(to, "nowhere")},
		{[]string{"--data-dir", to, "extra"}, `unexpected "extra"`},
	} {
		var errs bytes.Buffer
		if code := run(append([]string{"move"}, c.args...), &bytes.Buffer{}, &errs); code != 2 || !strings.Contains(errs.String(), c.says) {
			t.Errorf("%v: exit %d, %s", c.args, code, errs.String())
		}
	}
}

func TestMoveWaitsForTheServerToStop(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Temporal server")
	}
	dir := dataDir(t)
	srv, err := embedded.Start(embedded.Options{DataDir: filepath.Join(dir, "temporal"), Namespace: "default",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	to := t.TempDir()
	args := []string{"move", "--data-dir", dir, "--to-database", store.SQLitePath(to), "--to-files", filepath.Join(to, "files")}
	var errs bytes.Buffer
	if code := run(args, io.Discard, &errs); code != 1 || !strings.Contains(errs.String(), "is running on it: stop it first") {
		t.Errorf("a move while the server runs: exit %d, %s", code, errs.String())
	}
	srv.Stop()
	errs.Reset()
	if code := run(args, io.Discard, &errs); code != 0 {
		t.Errorf("a move once it stopped: exit %d, %s", code, errs.String())
	}
}
