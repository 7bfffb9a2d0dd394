package blobs

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// openIn opens a bucket in dir, closed when the test ends.
func openIn(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var pdf = []byte("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

func TestPutIsContentAddressedAndSniffed(t *testing.T) {
	dir := t.TempDir()
	s := openIn(t, dir)
	ctx := context.Background()
	got, err := s.Put(ctx, bytes.NewReader(pdf), 1<<20, []string{"application/pdf"})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(pdf)
	want := hex.EncodeToString(sum[:])
	if got.SHA256 != want || got.ID != "sha256:"+want || got.Media != "application/pdf" || got.Size != int64(len(pdf)) {
		t.Errorf("stored = %+v", got)
	}
	again, err := s.Put(ctx, bytes.NewReader(pdf), 1<<20, nil)
	if err != nil || again != got {
		t.Errorf("second put = %+v, %v", again, err)
	}
	r, media, err := s.Open(ctx, got.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r)
	r.Close()
	if !bytes.Equal(b, pdf) || media != "application/pdf" {
		t.Errorf("read back %q as %s", b, media)
	}
	// Nothing is left under temporary keys.
	entries, _ := filepath.Glob(filepath.Join(dir, "tmp", "*"))
	if len(entries) != 0 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestPutRefusesWhatBreaksTheLimits(t *testing.T) {
	dir := t.TempDir()
	s := openIn(t, dir)
	ctx := context.Background()
	// A text file declared as a PDF by its sender is still text.
	_, err := s.Put(ctx, strings.NewReader("just words, not a PDF"), 1<<20, []string{"application/pdf"})
	var me *MediaError
	if !errors.As(err, &me) || me.Got != "text/plain" {
		t.Errorf("text as PDF: %v", err)
	}
	_, err = s.Put(ctx, bytes.NewReader(append(pdf, make([]byte, 100)...)), 64, []string{"application/pdf"})
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversized: %v", err)
	}
	var files []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if len(files) != 0 {
		t.Errorf("refused files were stored: %v", files)
	}
	if _, _, err := s.Open(ctx, "sha256:"+strings.Repeat("0", 64)); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing file: %v", err)
	}
}

func TestSniff(t *testing.T) {
	for head, want := range map[string]string{
		"%PDF-1.4":          "application/pdf",
		"\xFF\xD8\xFF\xE0":  "image/jpeg",
		"\x89PNG\r\n\x1a\n": "image/png",
		"AC1027":            "image/vnd.dwg",
		"<html><body>":      "text/html",
		"plain":             "text/plain",
	} {
		if got := Sniff([]byte(head)); got != want {
			t.Errorf("Sniff(%q) = %s, want %s", head, got, want)
		}
	}
}

// A file held in memory (up to inMemory bytes) and one streamed through a
// temporary file are stored alike, and each path keeps the size limit.
func TestPutSmallAndLargeAlike(t *testing.T) {
	dir := t.TempDir()
	s := openIn(t, dir)
	ctx := context.Background()
	for _, size := range []int{inMemory - 1, inMemory, inMemory + 1, 3 * inMemory} {
		content := append(bytes.Clone(pdf), bytes.Repeat([]byte{'x'}, size-len(pdf))...)
		got, err := s.Put(ctx, bytes.NewReader(content), int64(size), []string{"application/pdf"})
		if err != nil {
			t.Fatalf("%d bytes: %v", size, err)
		}
		sum := sha256.Sum256(content)
		if got.SHA256 != hex.EncodeToString(sum[:]) || got.Size != int64(size) {
			t.Errorf("%d bytes stored as %+v", size, got)
		}
		r, _, err := s.Open(ctx, got.ID)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		if !bytes.Equal(b, content) {
			t.Errorf("%d bytes read back as %d", size, len(b))
		}
		if _, err := s.Put(ctx, bytes.NewReader(append(content, 'y')), int64(size), nil); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%d bytes and one over the limit: %v", size, err)
		}
	}
	entries, _ := filepath.Glob(filepath.Join(dir, "tmp", "*"))
	if len(entries) != 0 {
		t.Errorf("temporary files left: %v", entries)
	}
}
