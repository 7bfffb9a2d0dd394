package main

import (
	"io/fs"
	"os"
	"time"
)

// now is the wall clock; the command line is the one place that reads it.
var now = time.Now

func osDir(dir string) fs.FS { return os.DirFS(dir) }
