package main

import (
	"encoding/json"
	"os"
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
