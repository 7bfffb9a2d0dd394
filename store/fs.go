package store

import "io/fs"

// mustSub is fs.Sub for a directory embedded at build time, which cannot
// be missing.
func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return sub
}
