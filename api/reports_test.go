package api_test

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/procedures"
)

// May 2023 at two communes, imported as an earlier system's records: the
// only dossiers of that month, so the figures are known.
func importMay2023(t *testing.T) {
	t.Helper()
	at := time.Date(2023, 5, 10, 2, 0, 0, 0, time.UTC)
	var ds []model.Projection
	for i, c := range []struct {
		agency  string
		channel procedures.Channel
	}{{"ubnd-xa-thach-ha", "online"}, {"ubnd-xa-thach-ha", "counter"}, {"ubnd-xa-thach-ha", "counter"}, {"ubnd-xa-cam-binh", "online"}} {
		ds = append(ds, model.Projection{Code: "MAY23-" + string(rune('A'+i)), Procedure: procedures.Ref{Code: "1.004194", Version: 1},
			Agency: c.agency, Level: procedures.Commune, Channel: c.channel, Applicant: "001", Stage: "closed", Received: at})
	}
	if _, err := svc.Store.Import(context.Background(), slices.Values(ds)); err != nil {
		t.Fatal(err)
	}
}

func TestRatesReport(t *testing.T) {
	importMay2023(t)
	r := call(t, http.MethodGet, "/reports/rates?from=2023-05-01&to=2023-05-31", supervisor, nil).must(t, 200)
	total := r.body["total"].(map[string]any)
	filed := total["rates"].(map[string]any)["filed_online"].(map[string]any)
	if filed["num"] != 2.0 || filed["den"] != 4.0 || filed["percent"] != 50.0 || filed["target"] != 50.0 || filed["meets"] != true {
		t.Errorf("filed online %v", filed)
	}
	// ubnd-xa-thach-ha files 1 of 3 online against 50%: listed.
	misses := r.body["misses"].([]any)
	found := false
	for _, m := range misses {
		m := m.(map[string]any)
		if m["agency"] == "ubnd-xa-thach-ha" && m["rate"] == "filed_online" && m["gap"] == 16.67 {
			found = true
		}
	}
	if !found {
		t.Errorf("ubnd-xa-thach-ha not listed as missing filing online: %v", misses)
	}

	// An officer sees their own agency's rates, and no other's.
	own := call(t, http.MethodGet, "/reports/rates?from=2023-05-01&to=2023-05-31", officerXa, nil).must(t, 200)
	if own.body["agency"] != "ubnd-xa-thach-ha" {
		t.Errorf("an officer's report covers %v", own.body["agency"])
	}
	call(t, http.MethodGet, "/reports/rates?from=2023-05-01&to=2023-05-31&agency=ubnd-xa-cam-binh", officerXa, nil).must(t, 403)
	call(t, http.MethodGet, "/reports/rates?from=2023-05-01&to=2023-05-31", citizenAn, nil).must(t, 403)

	bad := call(t, http.MethodGet, "/reports/rates?from=2023-05-31&to=2023-05-01", supervisor, nil).must(t, 422)
	if loc := bad.body["errors"].([]any)[0].(map[string]any)["location"]; loc != "query.to" {
		t.Errorf("a period that ends before it starts blames %v: %s", loc, bad.raw)
	}
	call(t, http.MethodGet, "/reports/rates?from=May&to=2023-05-01", supervisor, nil).must(t, 422)

	// The workbook, as supervisors download it.
	x := call(t, http.MethodGet, "/reports/rates/export?from=2023-05-01&to=2023-05-31&level=commune", supervisor, nil).must(t, 200)
	if ct := x.header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("content type %q", ct)
	}
	if cd := x.header.Get("Content-Disposition"); cd != `attachment; filename="ty-le_2023-05-01_2023-05-31.xlsx"` {
		t.Errorf("content disposition %q", cd)
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(x.raw)))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Tỷ lệ", excelize.Options{RawCellValue: true})
	if len(rows) < 5 || rows[4][0] != "  Cấp xã" || rows[4][4] != "0.5" {
		t.Errorf("workbook rows %q", rows)
	}
	csv := call(t, http.MethodGet, "/reports/rates/export?from=2023-05-01&to=2023-05-31&format=csv-en", supervisor, nil).must(t, 200)
	if !bytes.HasPrefix([]byte(csv.raw), []byte("scope,level,agency,procedure,name,filed_online_num")) {
		t.Errorf("csv-en %q", csv.raw[:80])
	}
	excel := call(t, http.MethodGet, "/reports/rates/export?from=2023-05-01&to=2023-05-31&format=csv", supervisor, nil).must(t, 200)
	if !bytes.HasPrefix([]byte(excel.raw), []byte("\ufeffPhạm vi,Cấp,")) || !strings.HasSuffix(excel.header.Get("Content-Disposition"), `.csv"`) {
		t.Errorf("csv %q, %q", excel.raw[:40], excel.header.Get("Content-Disposition"))
	}
}
