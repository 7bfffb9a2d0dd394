package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/motcua/motcua/service"
	"github.com/motcua/motcua/suggest"
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

// closest is the defined flag nearest to name, if it is near enough to be
// a slip of the keyboard.
func closest(fs *flag.FlagSet, name string) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return suggest.Closest(name, names)
}

// parseConfig parses a command's flags, then judges the configuration they
// and the environment give: a mistyped MOTCUA_* variable stops the command
// with the variable named, instead of being ignored.
func parseConfig(fs *flag.FlagSet, args []string, cfg *service.Config) (code int, ok bool) {
	if code, ok := parse(fs, args); !ok {
		return code, false
	}
	if err := cfg.Check(); err != nil {
		fmt.Fprintf(fs.Output(), "%s: %v\n", fs.Name(), err)
		return 2, false
	}
	return 0, true
}
