// Package blobs stores the files of dossiers, content-addressed by their
// SHA-256: on local disk by default, in an S3-compatible bucket in
// production, through gocloud.dev/blob. Workflows never see the bytes,
// only the references this package hands out.
package blobs

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"gocloud.dev/blob"
	"gocloud.dev/blob/fileblob"
	_ "gocloud.dev/blob/s3blob" // s3:// URLs, for MinIO and other S3-compatible stores
	"gocloud.dev/gcerrors"
)

// Store is a bucket of content-addressed files.
type Store struct {
	bucket *blob.Bucket
}

// Open opens the bucket named by location: an s3:// URL (with endpoint,
// region and use_path_style parameters for MinIO), a file:// URL, or a
// plain directory, created if missing.
func Open(ctx context.Context, location string) (*Store, error) {
	if strings.Contains(location, "://") {
		b, err := blob.OpenBucket(ctx, location)
		if err != nil {
			return nil, fmt.Errorf("blobs: %w", err)
		}
		return &Store{bucket: b}, nil
	}
	if err := os.MkdirAll(location, 0o750); err != nil {
		return nil, fmt.Errorf("blobs: %w", err)
	}
	// Metadata beside each file keeps its media type; temporary files are
	// made beside the target, so a crash never leaves half a file under a
	// content key.
	b, err := fileblob.OpenBucket(location, &fileblob.Options{Metadata: fileblob.MetadataInSidecar, NoTempDir: true})
	if err != nil {
		return nil, fmt.Errorf("blobs: %w", err)
	}
	return &Store{bucket: b}, nil
}

// Close releases the bucket.
func (s *Store) Close() error { return s.bucket.Close() }

// Stored is a file as stored: its ID is "sha256:" and the digest.
type Stored struct {
	ID     string `json:"id"`
	SHA256 string `json:"sha256"`
	Media  string `json:"media"`
	Size   int64  `json:"size"`
}

// ErrTooLarge is a file longer than the limit it was put with.
var ErrTooLarge = errors.New("the file is larger than allowed")

// Put stores what r holds, at most limit bytes, and returns its reference.
// The media type is sniffed from the content, never taken from the
// sender, and must be one of accept when accept is not empty. A file
// already stored is kept once.
func (s *Store) Put(ctx context.Context, r io.Reader, limit int64, accept []string) (Stored, error) {
	br := bufio.NewReaderSize(r, sniffLen)
	head, err := br.Peek(sniffLen)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return Stored{}, err
	}
	media := Sniff(head)
	if len(accept) > 0 && !slices.Contains(accept, media) {
		return Stored{}, &MediaError{Got: media, Accept: accept}
	}
	// Most files are a few hundred kilobytes and the form parser holds
	// them in memory already: such a file is hashed first and written
	// once, under its key. A larger one is streamed to a temporary key,
	// hashed on the way, and copied.
	small, err := io.ReadAll(io.LimitReader(br, min(limit, inMemory)+1))
	if err != nil {
		return Stored{}, err
	}
	if int64(len(small)) > limit {
		return Stored{}, ErrTooLarge
	}
	if len(small) <= inMemory {
		return s.putSmall(ctx, small, media)
	}
	return s.putLarge(ctx, io.MultiReader(bytes.NewReader(small), br), limit, media)
}

// inMemory is the largest file Put holds in memory rather than streams.
const inMemory = 1 << 20

func (s *Store) putSmall(ctx context.Context, content []byte, media string) (Stored, error) {
	h := sha256.Sum256(content)
	sum := hex.EncodeToString(h[:])
	key := Key(sum)
	if ok, err := s.bucket.Exists(ctx, key); err != nil {
		return Stored{}, err
	} else if !ok {
		// The bucket writes beside the key and renames, so a crash never
		// leaves half a file under a content key.
		if err := s.bucket.WriteAll(ctx, key, content, &blob.WriterOptions{ContentType: media}); err != nil {
			return Stored{}, err
		}
	}
	return Stored{ID: "sha256:" + sum, SHA256: sum, Media: media, Size: int64(len(content))}, nil
}

func (s *Store) putLarge(ctx context.Context, br io.Reader, limit int64, media string) (Stored, error) {
	tmp := "tmp/" + rand.Text()
	// Cancelling the writer's context aborts the write, so a file that
	// breaks a limit is never stored, not even under its temporary key.
	wctx, abort := context.WithCancel(ctx)
	defer abort()
	w, err := s.bucket.NewWriter(wctx, tmp, &blob.WriterOptions{ContentType: media})
	if err != nil {
		return Stored{}, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, h), io.LimitReader(br, limit+1))
	if err == nil && n > limit {
		err = ErrTooLarge
	}
	if err != nil {
		abort()
		_ = w.Close()
		return Stored{}, err
	}
	if err := w.Close(); err != nil {
		return Stored{}, err
	}
	defer s.bucket.Delete(context.WithoutCancel(ctx), tmp)
	sum := hex.EncodeToString(h.Sum(nil))
	key := Key(sum)
	if ok, err := s.bucket.Exists(ctx, key); err != nil {
		return Stored{}, err
	} else if !ok {
		if err := s.bucket.Copy(ctx, key, tmp, nil); err != nil {
			return Stored{}, err
		}
	}
	return Stored{ID: "sha256:" + sum, SHA256: sum, Media: media, Size: n}, nil
}

// Key is where a file with the given SHA-256 is stored.
func Key(sum string) string { return "sha256/" + sum[:2] + "/" + sum }

// Open returns a reader of a stored file by its ID.
func (s *Store) Open(ctx context.Context, id string) (io.ReadCloser, string, error) {
	sum, ok := strings.CutPrefix(id, "sha256:")
	if !ok || len(sum) != 64 {
		return nil, "", fmt.Errorf("blobs: %q is not a file ID", id)
	}
	r, err := s.bucket.NewReader(ctx, Key(sum), nil)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return nil, "", fmt.Errorf("file %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, "", err
	}
	return r, r.ContentType(), nil
}

// Exists reports whether a file is stored.
func (s *Store) Exists(ctx context.Context, id string) (bool, error) {
	sum, ok := strings.CutPrefix(id, "sha256:")
	if !ok || len(sum) != 64 {
		return false, nil
	}
	return s.bucket.Exists(ctx, Key(sum))
}

// ErrNotFound is a file that is not stored.
var ErrNotFound = errors.New("not stored")

// MediaError is a file whose content is not of an accepted type.
type MediaError struct {
	Got    string
	Accept []string
}

func (e *MediaError) Error() string {
	return fmt.Sprintf("the content is %s, but only %s are accepted", e.Got, strings.Join(e.Accept, ", "))
}

// Stat returns what is known of a stored file without reading it.
func (s *Store) Stat(ctx context.Context, id string) (Stored, error) {
	sum, ok := strings.CutPrefix(id, "sha256:")
	if !ok || len(sum) != 64 {
		return Stored{}, fmt.Errorf("%q is not a file ID: %w", id, ErrNotFound)
	}
	a, err := s.bucket.Attributes(ctx, Key(sum))
	if gcerrors.Code(err) == gcerrors.NotFound {
		return Stored{}, fmt.Errorf("file %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return Stored{}, err
	}
	return Stored{ID: id, SHA256: sum, Media: a.ContentType, Size: a.Size}, nil
}
