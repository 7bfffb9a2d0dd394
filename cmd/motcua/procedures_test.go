package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func motcua(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestLint(t *testing.T) {
	if code, out, errOut := motcua(t, "procedures", "lint"); code != 0 || !strings.Contains(out, "no problems") {
		t.Fatalf("lint of the built-in catalogue: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := motcua(t, "procedures", "lint", "../../procedures/catalogue"); code != 0 {
		t.Fatalf("lint of the catalogue directory: exit %d\n%s", code, errOut)
	}
	dir := t.TempDir()
	copyFile(t, "../../procedures/testdata/calendar.yaml", filepath.Join(dir, "calendar.yaml"))
	copyFile(t, "../../procedures/testdata/broken/unknown_input.yaml", filepath.Join(dir, "a.yaml"))
	copyFile(t, "../../procedures/testdata/broken/bad_enum.yaml", filepath.Join(dir, "b.yaml"))
	code, _, errOut := motcua(t, "procedures", "lint", dir)
	if code != 1 {
		t.Fatalf("lint of broken files: exit %d, want 1", code)
	}
	for _, want := range []string{"a.yaml:25:15: fees.items[0].amount: undeclared reference to 'page'", "b.yaml:5:8: level: must be one of"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("lint output lacks %q:\n%s", want, errOut)
		}
	}
}

func TestExamples(t *testing.T) {
	code, out, _ := motcua(t, "procedures", "test")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || !strings.HasSuffix(lines[len(lines)-1], " passed, 0 failed") {
		t.Fatalf("exit %d, last line %q", code, lines[len(lines)-1])
	}
	dir := t.TempDir()
	copyFile(t, "../../procedures/testdata/calendar.yaml", filepath.Join(dir, "calendar.yaml"))
	copyFile(t, "../../procedures/testdata/broken/failing_example.yaml", filepath.Join(dir, "p.yaml"))
	code, out, _ = motcua(t, "procedures", "test", dir)
	if code != 1 || !strings.HasSuffix(strings.TrimSpace(out), "0 passed, 1 failed") || !strings.Contains(out, "expect.total: got 2.000 ₫, want 3.000 ₫") {
		t.Fatalf("a failing example: exit %d\n%s", code, out)
	}
}

func TestQuote(t *testing.T) {
	code, out, errOut := motcua(t, "procedures", "quote", "2.000815", "--input", "pages=5", "--input", "copies=3", "--channel", "counter", "--date", "2026-03-02 14:30")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"21.000 ₫", "2026-03-02 16:30"} {
		if !strings.Contains(out, want) {
			t.Errorf("quote lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = motcua(t, "procedures", "quote", "2.000488", "--input", "certificates=3", "--input", "applicant_group=student", "--date", "2026-03-02", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var q struct {
		Total int64  `json:"total"`
		Due   string `json:"due"`
	}
	if err := json.Unmarshal([]byte(out), &q); err != nil || q.Total != 105000 || !strings.HasPrefix(q.Due, "2026-03-13T17:00:00") {
		t.Fatalf("JSON quote %+v (%v):\n%s", q, err, out)
	}
	code, _, errOut = motcua(t, "procedures", "quote", "2.000815", "--input", "pages=many", "--date", "2026-03-02")
	if code != 1 || !strings.Contains(errOut, "--input pages: must be a whole number") || !strings.Contains(errOut, "--input copies: is required") {
		t.Fatalf("bad inputs: exit %d\n%s", code, errOut)
	}
	code, _, errOut = motcua(t, "procedures", "quote", "1.004194", "--input", "own_home=true", "--channel", "counter", "--date", "2024-03-04")
	if code != 1 || !strings.Contains(errOut, "paperless pilot") {
		t.Fatalf("paper in a pilot: exit %d\n%s", code, errOut)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
