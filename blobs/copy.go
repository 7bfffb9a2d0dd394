package blobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"gocloud.dev/blob"
)

// Copied is what a copy of a bucket did.
type Copied struct {
	Files   int   `json:"files"`   // copied now
	Present int   `json:"present"` // already in the destination, as the same content
	Bytes   int64 `json:"bytes"`   // copied now
}

// ErrDamaged is a file whose content no longer hashes to its name.
var ErrDamaged = errors.New("its content does not hash to its name: the file is damaged")

// CopyInto copies every file of s into dst, with its media type: how a
// province moves the embedded default's files into the cluster's bucket.
// Each file is hashed as it is copied and must match its name, so that a
// damaged file is named rather than carried over; one already in dst is
// left as it is, so an interrupted copy is run again from the start.
// Unfinished uploads (under tmp/) are not files yet, and are left behind.
// progress, when not nil, is called after each file.
func (s *Store) CopyInto(ctx context.Context, dst *Store, progress func(Stored)) (Copied, error) {
	var c Copied
	it := s.bucket.List(&blob.ListOptions{Prefix: "sha256/"})
	for {
		obj, err := it.Next(ctx)
		if errors.Is(err, io.EOF) {
			return c, nil
		}
		if err != nil {
			return c, fmt.Errorf("blobs: listing the files: %w", err)
		}
		sum := path.Base(obj.Key)
		if obj.IsDir || len(sum) != 64 || Key(sum) != obj.Key {
			continue
		}
		st, err := s.copyOne(ctx, dst, sum)
		switch {
		case errors.Is(err, errPresent):
			c.Present++
		case err != nil:
			return c, fmt.Errorf("blobs: copying sha256:%s: %w", sum, err)
		default:
			c.Files++
			c.Bytes += st.Size
		}
		if progress != nil {
			progress(st)
		}
	}
}

var errPresent = errors.New("already there")

func (s *Store) copyOne(ctx context.Context, dst *Store, sum string) (Stored, error) {
	key := Key(sum)
	attrs, err := s.bucket.Attributes(ctx, key)
	if err != nil {
		return Stored{}, err
	}
	st := Stored{ID: "sha256:" + sum, SHA256: sum, Media: attrs.ContentType, Size: attrs.Size}
	if ok, err := dst.bucket.Exists(ctx, key); err != nil {
		return st, err
	} else if ok {
		return st, errPresent
	}
	r, err := s.bucket.NewReader(ctx, key, nil)
	if err != nil {
		return st, err
	}
	defer r.Close()
	// Cancelling the writer's context aborts the write, so a damaged file
	// never reaches the destination under its name.
	wctx, abort := context.WithCancel(ctx)
	defer abort()
	w, err := dst.bucket.NewWriter(wctx, key, &blob.WriterOptions{ContentType: attrs.ContentType})
	if err != nil {
		return st, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, h), r)
	if err == nil && !strings.EqualFold(hex.EncodeToString(h.Sum(nil)), sum) {
		err = ErrDamaged
	}
	if err != nil {
		abort()
		_ = w.Close()
		return st, err
	}
	st.Size = n
	return st, w.Close()
}
