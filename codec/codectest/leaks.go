// Package codectest helps tests prove that personal data stays sealed.
package codectest

import (
	"bytes"
	"os"
	"path/filepath"
)

// Leaks reads every file under dir byte by byte, as someone who copied a
// database's files would, and reports which of them hold any of the
// needles: file name → the needle found.
func Leaks(dir string, needles ...string) (map[string]string, error) {
	found := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, n := range needles {
			if bytes.Contains(b, []byte(n)) {
				found[filepath.Base(path)] = n
			}
		}
		return nil
	})
	return found, err
}
