package ui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/service"
	"github.com/motcua/motcua/service/servicetest"
)

// One whole service (embedded Temporal, worker, store, API) serves every
// test; the pages run beside its API on a server of their own, refreshing
// the late list every second instead of ten.
var (
	svc     *service.Service
	apiBase string
	uiBase  string
)

// The demo tokens of the README.
const (
	supervisor = "demo-supervisor-0007"
	analyst    = "demo-analyst-000008"
	citizenAn  = "demo-citizen-an-0001"
	officerXa  = "demo-officer-xa-0004"
)

// temporalUI is the Web UI the dossier page links to.
const temporalUI = "http://temporal-ui.example:8233"

func TestMain(m *testing.M) {
	os.Exit(serve(m))
}

func serve(m *testing.M) int {
	var stop func()
	svc, apiBase, stop = servicetest.Start(nil)
	defer stop()
	pages := svc.Pages()
	pages.Refresh, pages.TemporalUI = time.Second, temporalUI
	mux := http.NewServeMux()
	mux.Handle("/ui/", pages.Handler())
	mux.Handle("/", svc.API().Handler())
	srv := httptest.NewServer(mux)
	defer srv.Close()
	uiBase = srv.URL
	if err := seed(); err != nil {
		fmt.Fprintln(os.Stderr, "seeding 2025:", err)
		return 1
	}
	return m.Run()
}

// seed imports a year of dossiers decided in 2025, as an earlier system's
// records would be, so that the overview has rates to show: the commune
// misses its 100% digitization target, the province meets it.
func seed() error {
	yes := true
	at := func(month, day int) time.Time { return time.Date(2025, time.Month(month), day, 2, 0, 0, 0, time.UTC) }
	var all []model.Projection
	add := func(prefix, agency, proc string, level procedures.Level, n, online, digitized int) {
		for i := range n {
			ch := procedures.Counter
			if i < online {
				ch = procedures.Online
			}
			all = append(all, model.Projection{Code: fmt.Sprintf("%s-%03d", prefix, i), Procedure: procedures.Ref{Code: proc, Version: 1},
				Agency: agency, Level: level, Channel: ch, Applicant: "042090001234", Stage: "closed", Outcome: "returned",
				Received: at(3, 3+i%20), Due: at(3, 10+i%20), OriginalDue: at(3, 10+i%20), Decided: at(3, 8+i%20),
				ResultDigitized: i < digitized, OnTime: &yes})
		}
	}
	add("XA-2025", "ubnd-xa-thach-ha", "1.004194", procedures.Commune, 20, 18, 15)
	add("HUYEN-2025", "ubnd-huyen-thach-ha", "1.009994", procedures.District, 10, 4, 9)
	add("TINH-2025", "so-tu-phap-ha-tinh", "2.000488", procedures.Province, 10, 10, 10)
	// Two dossiers still open and past due, at two units, for the late list.
	now := time.Now()
	for _, late := range []struct{ code, agency, proc string }{
		{"XA-LATE-001", "ubnd-xa-thach-ha", "1.004194"}, {"HUYEN-LATE-001", "ubnd-huyen-thach-ha", "1.009994"}} {
		level := procedures.Commune
		if late.agency == "ubnd-huyen-thach-ha" {
			level = procedures.District
		}
		all = append(all, model.Projection{Code: late.code, Procedure: procedures.Ref{Code: late.proc, Version: 1},
			Agency: late.agency, Level: level, Channel: procedures.Counter, Applicant: "042090001234", Stage: "processing",
			Received: now.AddDate(0, 0, -30), Due: now.AddDate(0, 0, -9), OriginalDue: now.AddDate(0, 0, -9)})
	}
	_, err := svc.Store.Import(context.Background(), slices.Values(all))
	return err
}
