package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/store"
	"github.com/xuri/excelize/v2"
)

// dataDir makes a data directory whose store holds three dossiers of
// March 2024 at one commune: two filed online, one digitized result.
func dataDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	s, err := store.Open(context.Background(), store.SQLitePath(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2024, 3, 5, 2, 0, 0, 0, time.UTC)
	var ds []model.Projection
	for i, ch := range []procedures.Channel{"online", "online", "counter"} {
		d := model.Projection{Code: "XA-" + string(rune('1'+i)), Procedure: procedures.Ref{Code: "1.004194", Version: 1},
			Agency: "ubnd-xa-thach-ha", Level: procedures.Commune, Channel: ch, Applicant: "001", Stage: "closed",
			Received: at, Decided: at.Add(48 * time.Hour), ResultDigitized: i == 0}
		ds = append(ds, d)
	}
	if _, err := s.Import(context.Background(), slices.Values(ds)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestReportRates(t *testing.T) {
	dir := dataDir(t)
	var out, errs bytes.Buffer
	code := run([]string{"report", "rates", "--data-dir", dir, "--from", "2024-03-01", "--to", "2024-03-31", "--level", "commune", "--format", "csv-en"}, &out, &errs)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var agency string
	for _, l := range lines {
		if strings.HasPrefix(l, "agency,commune,ubnd-xa-thach-ha,") {
			agency = l
		}
	}
	// filed online 2/3, against 50%; digitized 1/3 against 75%.
	if !strings.Contains(agency, ",2,3,66.67,50.00,true,") || !strings.Contains(agency, ",1,3,33.33,75.00,false,") {
		t.Errorf("agency line %q in\n%s", agency, out.String())
	}

	book := filepath.Join(t.TempDir(), "rates.xlsx")
	out.Reset()
	if code := run([]string{"report", "rates", "--data-dir", dir, "--from", "2024-03-01", "--to", "2024-03-31", "--format", "xlsx", "--out", book}, &out, &errs); code != 0 {
		t.Fatalf("xlsx: exit %d: %s", code, errs.String())
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	misses, _ := f.GetRows("Không đạt")
	if len(misses) != 5 || misses[3][1] != "Cấp xã" || misses[4][3] != "ubnd-xa-thach-ha" || misses[4][7] != "41.67" {
		t.Errorf("misses sheet %q", misses)
	}
}

func TestReportRatesRefusesBadArguments(t *testing.T) {
	dir := dataDir(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--to", "2024-03-31"}, "--from and --to are required"},
		{[]string{"--from", "2024-3-1", "--to", "2024-03-31"}, `--from: must be a date written 2006-01-02, got "2024-3-1"`},
		{[]string{"--from", "2024-03-31", "--to", "2024-03-01"}, "--to: 2024-03-01 is before from 2024-03-31"},
		{[]string{"--from", "2024-03-01", "--to", "2024-03-31", "--level", "town"}, `--level must be province, district or commune, got "town"`},
		{[]string{"--from", "2024-03-01", "--to", "2024-03-31", "--format", "pdf"}, `--format must be one of json, table, csv, csv-en, xlsx, got "pdf"`},
	} {
		var out, errs bytes.Buffer
		code := run(append([]string{"report", "rates", "--data-dir", dir}, c.args...), &out, &errs)
		if code != 2 || !strings.Contains(errs.String(), c.want) {
			t.Errorf("%v: exit %d, %q; want %q", c.args, code, errs.String(), c.want)
		}
	}
	bad := filepath.Join(t.TempDir(), "targets.yaml")
	os.WriteFile(bad, []byte("kind: Targets\ntargets:\n  paid_online:\n    - {from: 2024-01-01, all: 120}\n"), 0o600)
	var out, errs bytes.Buffer
	code := run([]string{"report", "rates", "--data-dir", dir, "--from", "2024-03-01", "--to", "2024-03-31", "--targets", bad}, &out, &errs)
	if code != 1 || !strings.Contains(errs.String(), "targets.yaml:4:31: targets.paid_online[0].all: must be a percentage from 0 to 100") {
		t.Errorf("bad targets: exit %d, %q", code, errs.String())
	}
}
