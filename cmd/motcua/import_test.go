package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// haTinh2024 are Hà Tĩnh's 2024 digitization counts from the domain notes,
// spread over units of that year so that each level adds up to the
// reported figures: province 103,455 of 132,594; district 29,612 of
// 35,758; commune 98,922 of 115,349.
var haTinh2024 = []struct {
	agency, procedure string
	resolved, digits  int
}{
	{"so-tu-phap-ha-tinh", "2.000488", 61000, 40100},
	{"cong-an-tinh-ha-tinh", "1.002804", 45000, 41355},
	{"so-tai-chinh-ha-tinh", "2.001610", 26594, 22000},
	{"ubnd-huyen-thach-ha", "1.009994", 12000, 9012},
	{"ubnd-huyen-can-loc", "1.009994", 14000, 11600},
	{"ubnd-tx-hong-linh", "1.001612", 9758, 9000},
	{"ubnd-tt-thach-ha", "1.001193", 40000, 36000},
	{"ubnd-xa-thach-kenh", "2.000815", 45349, 37922},
	{"ubnd-xa-cam-binh", "1.004194", 30000, 25000},
}

// TestHaTinhFromAFile reproduces Hà Tĩnh's reported 2024 digitization
// through the import command and the report command, as a province would:
// 283,701 dossiers in a CSV file, then the rates of the year.
func TestHaTinhFromAFile(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 283,701 dossiers")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "ha-tinh-2024.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "code,procedure,agency,channel,applicant,received,decided,outcome,result_digitized")
	vn := time.FixedZone("ICT", 7*3600)
	n := 0
	for _, u := range haTinh2024 {
		for i := range u.resolved {
			n++
			// Decided on a day of 2024 from 12 January, received 1–10 days
			// before: every version in force, every unit of that year.
			decided := time.Date(2024, 1, 12, 9, 0, 0, 0, vn).Add(time.Duration(n%(350*8)) * 3 * time.Hour)
			received := decided.Add(-time.Duration(1+n%10) * 24 * time.Hour)
			fmt.Fprintf(w, "HT24-%06d,%s,%s,counter,0420%08d,%s,%s,returned,%v\n", n, u.procedure, u.agency, n,
				received.Format(time.RFC3339), decided.Format(time.RFC3339), i < u.digits)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	data := filepath.Join(dir, "data")
	var out, errs bytes.Buffer
	if code := run([]string{"import", path, "--data-dir", data}, &out, &errs); code != 0 {
		t.Fatalf("import exit %d: %s%s", code, out.String(), errs.String())
	}
	if !strings.Contains(out.String(), "283701 rows: 283701 imported, 0 already recorded") {
		t.Errorf("import says %q", out.String())
	}
	out.Reset()
	if code := run([]string{"report", "rates", "--data-dir", data, "--from", "2024-01-01", "--to", "2024-12-31", "--format", "json"}, &out, &errs); code != 0 {
		t.Fatalf("report exit %d: %s", code, errs.String())
	}
	var rep struct {
		Total struct {
			Rates    map[string]map[string]any `json:"rates"`
			Children []struct {
				Level string                    `json:"level"`
				Rates map[string]map[string]any `json:"rates"`
			} `json:"children"`
		} `json:"total"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{"all": show(rep.Total.Rates["results_digitized"])}
	for _, l := range rep.Total.Children {
		got[l.Level] = show(l.Rates["results_digitized"])
	}
	want := map[string]string{
		"all":      "231989/283701 = 81.77%",
		"province": "103455/132594 = 78.02%, target 90, meets false",
		"district": "29612/35758 = 82.81%, target 80, meets true",
		"commune":  "98922/115349 = 85.76%, target 75, meets true",
	}
	for k, v := range want {
		if !strings.HasPrefix(got[k], v) {
			t.Errorf("%s: %s, want %s", k, got[k], v)
		}
	}
}

func show(r map[string]any) string {
	s := fmt.Sprintf("%v/%v = %.2f%%", r["num"], r["den"], r["percent"])
	if t, ok := r["target"]; ok {
		s += fmt.Sprintf(", target %v, meets %v", t, r["meets"])
	}
	return s
}
