package main

import (
	"fmt"
	"io"
	"net/http"
	"time"
)

// runProbe asks a URL and exits 0 only on 200: the health check of images
// that have no shell and no curl.
func runProbe(args []string, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: motcua probe URL   (exit 0 when the URL answers 200)")
		return 2
	}
	c := http.Client{Timeout: 5 * time.Second}
	res, err := c.Get(args[0])
	if err != nil {
		fmt.Fprintf(stderr, "motcua probe: %v\n", err)
		return 1
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "motcua probe: %s answered %s\n", args[0], res.Status)
		return 1
	}
	return 0
}
