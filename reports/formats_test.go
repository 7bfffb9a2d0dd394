package reports_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/store/storetest"
	"github.com/xuri/excelize/v2"
)

func marchReport(t *testing.T) *reports.Report {
	t.Helper()
	cat, err := procedures.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := storetest.SQLite(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, slices.Values(march2024())); err != nil {
		t.Fatal(err)
	}
	period, _ := reports.ParsePeriod("2024-03-01", "2024-03-31")
	rep, err := reports.Build(ctx, s, cat, reports.DefaultTargets(), reports.Request{Period: period})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// The CSV for Excel starts with UTF-8's byte order mark, so that Excel on
// a Vietnamese Windows machine reads "Toàn bộ" rather than "ToĂ n bá»™", and
// names its columns in Vietnamese; it holds the same values as csv-en,
// with the verdict in words.
func TestReportAsCSVForExcel(t *testing.T) {
	rep := marchReport(t)
	raw := write(t, rep, reports.CSV)
	body, ok := bytes.CutPrefix(raw, []byte("\ufeff"))
	if !ok {
		t.Fatalf("no byte order mark: %q", raw[:20])
	}
	vi, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	en, _ := csv.NewReader(bytes.NewReader(write(t, rep, reports.CSVEnglish))).ReadAll()
	if len(vi) != len(en) || len(vi[0]) != len(en[0]) {
		t.Fatalf("%d×%d lines and columns, csv-en has %d×%d", len(vi), len(vi[0]), len(en), len(en[0]))
	}
	if vi[0][0] != "Phạm vi" || vi[0][6] != "Tỷ lệ hồ sơ trực tuyến: mẫu số" {
		t.Errorf("headers %q", vi[0][:7])
	}
	verdict := map[string]string{"true": "Đạt", "false": "Không đạt", "": ""}
	for i := 1; i < len(vi); i++ {
		for j := range vi[i] {
			want := en[i][j]
			if strings.HasSuffix(en[0][j], "_meets") {
				want = verdict[want]
			}
			if vi[i][j] != want {
				t.Errorf("line %d, %s: %q, want %q", i, en[0][j], vi[i][j], want)
			}
		}
	}
}

func write(t *testing.T, rep *reports.Report, f reports.Format) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := rep.Write(&b, f); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReportAsCSV(t *testing.T) {
	raw := write(t, marchReport(t), reports.CSVEnglish)
	if bytes.HasPrefix(raw, []byte("\ufeff")) {
		t.Error("csv-en, for programs, starts with a byte order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := rows[0]
	col := func(name string) int { return slices.Index(head, name) }
	var a []string
	for _, r := range rows[1:] {
		if r[col("scope")] == "agency" && r[col("agency")] == "ubnd-xa-a" {
			a = r
		}
	}
	if a == nil {
		t.Fatalf("no line for ubnd-xa-a in %v", rows)
	}
	for name, want := range map[string]string{"filed_online_num": "5", "filed_online_den": "10",
		"filed_online_percent": "50.00", "filed_online_target": "70.00", "filed_online_meets": "false",
		"on_time_percent": "66.67", "on_time_target": "", "on_time_meets": ""} {
		if got := a[col(name)]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if rows[1][col("scope")] != "all" || rows[2][col("scope")] != "level" || rows[2][col("level")] != "province" {
		t.Errorf("lines not top down: %v %v", rows[1][:5], rows[2][:5])
	}
}

func TestReportAsWorkbook(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(write(t, marchReport(t), reports.XLSX)))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Tỷ lệ", "Không đạt", "Theo đơn vị"}) {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows("Tỷ lệ", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var a []string
	for _, r := range rows {
		if len(r) > 2 && r[2] == "ubnd-xa-a" && r[3] == "" {
			a = r
		}
	}
	// filed online: rate, numerator, denominator, target
	if a == nil || a[4] != "0.5" || a[5] != "5" || a[6] != "10" || a[7] != "0.7" {
		t.Errorf("ubnd-xa-a's line %q", a)
	}
	missing, err := f.GetRows("Không đạt")
	if err != nil {
		t.Fatal(err)
	}
	// A title naming the period, a blank line, the header, then the misses.
	if len(missing) != 6 || !strings.Contains(missing[0][0], "2024-03-01") || missing[2][5] != "Tỷ lệ đạt được" ||
		missing[3][3] != "ubnd-xa-b" || missing[3][4] != "Tỷ lệ số hóa kết quả" {
		t.Errorf("missing sheet %q", missing)
	}
	// Every sheet can be filtered and sorted on its header line.
	for sheet, ref := range map[string]string{"Tỷ lệ": "A3:", "Không đạt": "A3:H6", "Theo đơn vị": "A3:"} {
		if filter := autoFilter(t, f, sheet); !strings.HasPrefix(filter, ref) {
			t.Errorf("%s: autofilter %q, want %s…", sheet, filter, ref)
		}
	}
}

// autoFilter is the range a sheet's autofilter covers, read from the
// workbook's own XML.
func autoFilter(t *testing.T, f *excelize.File, sheet string) string {
	t.Helper()
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm._FilterDatabase" && d.Scope == sheet {
			_, ref, _ := strings.Cut(d.RefersTo, "!")
			return strings.ReplaceAll(ref, "$", "")
		}
	}
	return ""
}

func TestReportAsTableAndJSON(t *testing.T) {
	rep := marchReport(t)
	table := string(write(t, rep, reports.Table))
	for _, want := range []string{"Rates for 2024-03-01 – 2024-03-31", "Cấp xã",
		"    ubnd-xa-a  ", "50.00% (5/10) < 70.00%", "Units missing a target, worst first: 3",
		"1.  ubnd-xa-b"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	var back map[string]any
	if err := json.Unmarshal(write(t, rep, reports.JSON), &back); err != nil {
		t.Fatal(err)
	}
	if back["period"].(map[string]any)["from"] != "2024-03-01" || len(back["misses"].([]any)) != 3 {
		t.Errorf("json %v", back)
	}
}
