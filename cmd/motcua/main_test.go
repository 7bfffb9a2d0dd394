package main

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
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

// Each command lists only the flags it reads: a report has no HTTP address
// and no payment simulator, a reconcile no codec origins; the server's
// flags stay shared by serve, api and worker.
func TestEachCommandHasOnlyItsOwnFlags(t *testing.T) {
	help := func(args ...string) string {
		var out, errs bytes.Buffer
		if code := run(append(args, "--help"), &out, &errs); code != 0 {
			t.Fatalf("%v --help: exit %d", args, code)
		}
		return errs.String()
	}
	for _, cmd := range [][]string{{"serve"}, {"api"}, {"worker"}} {
		if h := help(cmd...); !strings.Contains(h, "-http-addr") || !strings.Contains(h, "-payment-simulator") || !strings.Contains(h, "-database-url") {
			t.Errorf("%v lost a server flag:\n%s", cmd, h)
		}
	}
	cases := []struct {
		cmd        []string
		has, lacks []string
	}{
		{[]string{"report", "rates"}, []string{"-from", "-database-url", "-procedures"}, []string{"-http-addr", "-codec-origins", "-payment-simulator", "-temporal-address", "-log-level"}},
		{[]string{"report", "index"}, []string{"-from", "-database-url"}, []string{"-http-addr", "-portal"}},
		{[]string{"report", "form06"}, []string{"-out", "-database-url"}, []string{"-http-addr", "-oidc-issuer"}},
		{[]string{"import"}, []string{"-skip-invalid", "-database-url"}, []string{"-http-addr", "-tokens"}},
		{[]string{"reconcile"}, []string{"-repair", "-temporal-address", "-moved-from", "-payload-keys", "-database-url"}, []string{"-http-addr", "-codec-origins", "-payment-gateway"}},
		{[]string{"temporal"}, []string{"-listen-ip", "-temporal-port", "-data-dir"}, []string{"-http-addr", "-database-url", "-temporal-address", "-moved-from", "-moving-to"}},
	}
	listed := func(help, flag string) bool {
		return regexp.MustCompile(`(?m)^  ` + flag + `( |$)`).MatchString(help)
	}
	for _, c := range cases {
		h := help(c.cmd...)
		for _, f := range c.has {
			if !listed(h, f) {
				t.Errorf("%v --help lacks %s", c.cmd, f)
			}
		}
		for _, f := range c.lacks {
			if listed(h, f) {
				t.Errorf("%v --help lists %s, which it does not read", c.cmd, f)
			}
		}
	}
}
