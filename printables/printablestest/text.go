// Package printablestest reads printed papers back for tests.
package printablestest

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Text extracts a PDF's text with poppler's pdftotext, as a reader copying
// it would get it, with every run of white space made one space so that
// a phrase the page wrapped still reads whole. Without pdftotext the test
// is skipped, unless MOTCUA_REQUIRE_TOOLS=1 makes that a failure, as in CI.
func Text(t testing.TB, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("MOTCUA_REQUIRE_TOOLS") == "1" {
			t.Fatal("pdftotext is missing: apt-get install poppler-utils")
		}
		t.Skip("pdftotext is missing: apt-get install poppler-utils")
	}
	cmd := exec.Command(bin, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftotext: %v: %s", err, errOut.String())
	}
	return strings.Join(strings.Fields(out.String()), " ")
}
