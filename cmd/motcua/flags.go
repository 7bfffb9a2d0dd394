package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"
)

// parse parses a command's flags. --help is an answer, not a mistake: the
// flag package prints the flags and the command exits 0. A flag that does
// not exist exits 2, naming the closest one that does.
func parse(fs *flag.FlagSet, args []string) (code int, ok bool) {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return 0, true
	case errors.Is(err, flag.ErrHelp):
		return 0, false
	}
	if name, found := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); found {
		if near := closest(fs, strings.TrimLeft(name, "-")); near != "" {
			fmt.Fprintf(fs.Output(), "did you mean --%s?\n", near)
		}
	}
	return 2, false
}

// closest is the defined flag nearest to name by edit distance, if it is
// near enough to be a slip of the keyboard.
func closest(fs *flag.FlagSet, name string) string {
	best, bestDist := "", 3
	fs.VisitAll(func(f *flag.Flag) {
		if d := distance(name, f.Name); d < bestDist || (d == bestDist && best == "" && strings.HasPrefix(f.Name, name)) {
			best, bestDist = f.Name, d
		}
	})
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
