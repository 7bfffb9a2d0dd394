package blobs

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The embedded default's files move into another bucket with their media
// types, once: a second run finds them there.
func TestFilesAreCopiedWithTheirTypes(t *testing.T) {
	ctx := context.Background()
	srcDir := t.TempDir()
	src, dst := openIn(t, srcDir), openIn(t, t.TempDir())
	large := append(bytes.Clone(pdf), bytes.Repeat([]byte("x"), 3<<20)...)
	var put []Stored
	for _, content := range [][]byte{pdf, large, []byte("\x89PNG\r\n\x1a\n" + strings.Repeat("p", 100))} {
		st, err := src.Put(ctx, bytes.NewReader(content), 10<<20, nil)
		if err != nil {
			t.Fatal(err)
		}
		put = append(put, st)
	}
	// An upload cut off half-way is not a file, and stays behind.
	if err := os.MkdirAll(filepath.Join(srcDir, "tmp"), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(srcDir, "tmp", "half"), []byte("%PDF"), 0o640); err != nil {
		t.Fatal(err)
	}

	var seen int
	c, err := src.CopyInto(ctx, dst, func(Stored) { seen++ })
	if err != nil {
		t.Fatal(err)
	}
	if c.Files != 3 || c.Present != 0 || c.Bytes != int64(len(pdf)+len(large)+108) || seen != 3 {
		t.Errorf("copied %+v, %d reported", c, seen)
	}
	for _, st := range put {
		got, err := dst.Stat(ctx, st.ID)
		if err != nil || got != st {
			t.Errorf("%s in the destination: %+v, %v; want %+v", st.ID, got, err, st)
		}
	}
	if ok, _ := dst.bucket.Exists(ctx, "tmp/half"); ok {
		t.Error("an unfinished upload was copied")
	}
	again, err := src.CopyInto(ctx, dst, nil)
	if err != nil || again.Files != 0 || again.Present != 3 {
		t.Errorf("a second copy: %+v, %v", again, err)
	}
}

// A file whose bytes changed on disk is named, and does not reach the
// destination under a name it no longer matches.
func TestADamagedFileIsNamedNotCopied(t *testing.T) {
	ctx := context.Background()
	srcDir := t.TempDir()
	src, dst := openIn(t, srcDir), openIn(t, t.TempDir())
	st, err := src.Put(ctx, bytes.NewReader(pdf), 1<<20, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(srcDir, filepath.FromSlash(Key(st.SHA256))), []byte("%PDF-1.7 changed"), 0o640); err != nil {
		t.Fatal(err)
	}
	_, err = src.CopyInto(ctx, dst, nil)
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), st.ID) {
		t.Fatalf("copying a damaged file: %v", err)
	}
	if r, _, err := dst.Open(ctx, st.ID); err == nil {
		b, _ := io.ReadAll(r)
		r.Close()
		t.Errorf("the damaged file reached the destination: %q", b)
	}
}
