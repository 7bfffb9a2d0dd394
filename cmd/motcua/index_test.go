package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// motcua report index reads the store of a data directory and writes the
// scorecard; bad arguments are named.
func TestReportIndex(t *testing.T) {
	dir := dataDir(t)
	var out, errOut strings.Builder
	if code := run([]string{"report", "index", "--data-dir", dir, "--from", "2024-01-01", "--to", "2024-12-31"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"Bộ chỉ số 766, từ 2024-01-01 đến 2024-12-31", "Giải quyết hồ sơ đúng hạn", "Hạng"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in:\n%s", want, out.String())
		}
	}
	out.Reset()
	if code := run([]string{"report", "index", "--data-dir", dir, "--from", "2024-01-01", "--to", "2024-12-31", "--format", "csv"}, &out, &errOut); code != 0 ||
		!strings.HasPrefix(out.String(), "\ufeffMã đơn vị,Đơn vị,Cấp,Chỉ số") {
		t.Errorf("csv: exit %d: %.300s", code, out.String())
	}
	for args, says := range map[string]string{
		"--from 2024-01-01":                                "--from and --to are required",
		"--from 2024-01-01 --to 2024-12-31 --level xa":     "--level must be",
		"--from 2024-01-01 --to 2024-12-31 --unit nowhere": "--unit: there is no unit",
	} {
		errOut.Reset()
		a := append([]string{"report", "index", "--data-dir", dir}, strings.Fields(args)...)
		if code := run(a, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), says) {
			t.Errorf("%s: exit %d: %s", args, code, errOut.String())
		}
	}
}

// motcua report form06 writes Biểu 06 as a workbook and says what it counted.
func TestReportForm06(t *testing.T) {
	dir := dataDir(t)
	out := filepath.Join(t.TempDir(), "bieu06.xlsx")
	var stdout, errOut strings.Builder
	if code := run([]string{"report", "form06", "--data-dir", dir, "--from", "2024-03-01", "--to", "2024-03-31", "--out", out}, &stdout, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(stdout.String(), "3 received, 0 carried over, 0 resolved") {
		t.Errorf("it says %q", stdout.String())
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Errorf("the workbook: %v", err)
	}
	errOut.Reset()
	if code := run([]string{"report", "form06", "--data-dir", dir, "--from", "2024-03-01", "--to", "2024-03-31"}, &stdout, &errOut); code != 2 ||
		!strings.Contains(errOut.String(), "--out FILE.xlsx is required") {
		t.Errorf("without --out: exit %d: %s", code, errOut.String())
	}
}
