//go:build unix

package embedded

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// ErrInUse is a data directory whose server is running in another
// process.
var ErrInUse = errors.New("another motcua runs the embedded Temporal on this data directory")

// lock holds dir's lock file for as long as the server runs: two servers
// on one SQLite file would each believe they own every shard, and a copy
// of the directory taken while one runs (motcua move) would miss what it
// writes next. The kernel drops the lock when the process dies, even by
// kill -9, so a crash never leaves the directory locked.
func lock(dir string) (*os.File, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("embedded temporal: data dir: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_RDWR|os.O_CREATE, 0o640)
	if err != nil {
		return nil, fmt.Errorf("embedded temporal: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("embedded temporal: %s: %w", dir, ErrInUse)
		}
		return nil, fmt.Errorf("embedded temporal: locking %s: %w", dir, err)
	}
	return f, nil
}

// InUse reports whether a server runs on dir, the embedded server's
// directory (DataDir), in this process or another.
func InUse(dir string) (bool, error) {
	if _, err := os.Stat(filepath.Join(dir, "lock")); errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	f, err := lock(dir)
	if errors.Is(err, ErrInUse) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return false, f.Close()
}
