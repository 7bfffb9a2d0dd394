package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestMain lets a test run this very binary as the motcua command, in a
// process of its own that it can kill: with MOTCUA_TEST_AS_COMMAND set,
// the test binary is motcua, with the arguments in MOTCUA_TEST_ARGS.
func TestMain(m *testing.M) {
	if os.Getenv("MOTCUA_TEST_AS_COMMAND") == "1" {
		var args []string
		if err := json.Unmarshal([]byte(os.Getenv("MOTCUA_TEST_ARGS")), &args); err != nil {
			os.Exit(2)
		}
		os.Exit(run(args, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// --help is an answer: it exits 0 for every command. A flag that does not
// exist exits 2 and names the closest one that does.
func TestHelpAndUnknownFlags(t *testing.T) {
	for _, args := range [][]string{{"serve", "--help"}, {"api", "-h"}, {"report", "rates", "--help"}, {"reconcile", "--help"},
		{"import", "--help"}, {"bench", "--help"}, {"temporal", "--help"}, {"report", "index", "--help"}} {
		var out, errs bytes.Buffer
		if code := run(args, &out, &errs); code != 0 || !strings.Contains(errs.String()+out.String(), "-") {
			t.Errorf("%v: exit %d\n%s", args, code, errs.String())
		}
	}
	var out, errs bytes.Buffer
	if code := run([]string{"serve", "--http-adr", ":1"}, &out, &errs); code != 2 || !strings.Contains(errs.String(), "did you mean --http-addr?") {
		t.Errorf("a misspelt flag: exit %d\n%s", code, errs.String())
	}
}
