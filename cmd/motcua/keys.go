package main

import (
	"fmt"
	"io"
	"time"

	"github.com/motcua/motcua/codec"
)

// runKeys prints a new key for the ring that seals Temporal's payloads.
// Rotating is putting it first in MOTCUA_PAYLOAD_KEYS on every instance
// and keeping the old keys for as long as the retention.
func runKeys(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "new" || len(args) > 2 {
		fmt.Fprintln(stderr, "usage: motcua keys new [ID]   (the ID defaults to today's date)")
		return 2
	}
	id := time.Now().Format("2006-01-02")
	if len(args) == 2 {
		id = args[1]
	}
	line := codec.NewKey(id)
	if _, err := codec.ParseKeys(line); err != nil {
		fmt.Fprintf(stderr, "motcua keys new: %v\n", err)
		return 2
	}
	fmt.Fprintln(stdout, line)
	return 0
}
