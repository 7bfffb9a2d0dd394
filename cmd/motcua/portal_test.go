package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/motcua/motcua/portal"
)

// The national portal is down when a dossier is filed and accepted, motcua
// is killed while it waits, and the portal comes back while motcua is
// down. After the restart the scheduled sync delivers every status, in
// order, and supervisors see the dossier synced and the retries counted.
func TestPortalSyncThroughAnOutageAndARestart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts motcua twice")
	}
	sim := portal.NewSimulator()
	portalSrv := httptest.NewServer(sim)
	defer portalSrv.Close()
	sim.Fail(1 << 30)

	dir := t.TempDir()
	log := filepath.Join(dir, "serve.log")
	httpPort, temporalPort := freePort(t), freePort(t)
	base := "http://127.0.0.1:" + strconv.Itoa(httpPort)
	args := []string{"serve", "--data-dir", filepath.Join(dir, "data"), "--http-addr", "127.0.0.1:" + strconv.Itoa(httpPort),
		"--temporal-port", strconv.Itoa(temporalPort), "--log-level", "warn",
		"--portal", portalSrv.URL + "/dvcqg", "--portal-sync-every", "1s"}
	serve := command(t, log, args...)
	t.Cleanup(func() {
		if t.Failed() {
			b, _ := os.ReadFile(log)
			t.Logf("motcua's log:\n%s", b)
		}
	})
	waitReady(t, base, serve)

	tk, cccd := uploadFile(t, base, "to_khai", "portal"), uploadFile(t, base, "giay_to_tuy_than", "portal")
	status, filed, err := post(base, "/dossiers", "demo-portal-000000003", "portal-1", map[string]any{
		"procedure": "2.000488", "agency": "so-tu-phap-ha-tinh", "channel": "online",
		"applicant":  map[string]any{"id": "042090001234", "name": "Nguyễn Văn An"},
		"inputs":     map[string]any{"certificates": 1},
		"components": []map[string]any{{"code": "to_khai", "document": tk}, {"code": "giay_to_tuy_than", "document": cccd}}})
	if err != nil || status != 201 {
		t.Fatalf("filing: %d %v %v", status, filed, err)
	}
	code := filed["code"].(string)
	waitFor(t, "the officer's review", func() bool {
		status, _, _ := post(base, "/dossiers/"+code+"/accept", "demo-officer-tinh-0005", "", map[string]any{})
		return status == 200
	})
	health := func() (h struct {
		Pending, Failing, Retried, Received, Synced int
		Failures                                    []struct {
			Dossier   string
			LastError string `json:"last_error"`
		}
	}) {
		req, _ := http.NewRequest(http.MethodGet, base+"/supervision/portal", nil)
		req.Header.Set("Authorization", "Bearer demo-supervisor-0007")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return h
		}
		defer res.Body.Close()
		json.NewDecoder(res.Body).Decode(&h)
		return h
	}
	waitFor(t, "a failed delivery", func() bool {
		h := health()
		return h.Failing == 1 && len(h.Failures) == 1 && h.Failures[0].Dossier == code && h.Synced == 0
	})
	t.Logf("while the portal is down: %+v", health())

	if err := serve.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	serve.Wait()
	sim.Fail(0)
	serve = command(t, log, args...)
	t.Cleanup(func() {
		serve.Process.Signal(os.Interrupt)
		serve.Wait()
	})
	waitReady(t, base, serve)
	// The change that failed waits out its backoff; a supervisor need not
	// wait with it.
	if status, out, err := post(base, "/supervision/portal/"+code+"/retry", "demo-supervisor-0007", "", map[string]any{}); err != nil || status != 200 {
		t.Fatalf("retry: %d %v %v", status, out, err)
	}
	// Received, accepted, and the fee asked for.
	want := []string{"1", "2", "6"}
	waitFor(t, "every status at the portal", func() bool { return len(sim.Statuses(code)) >= len(want) })
	if got := sim.Statuses(code); !slices.Equal(got, want) {
		t.Errorf("statuses %v, want %v", got, want)
	}
	waitFor(t, "the dossier counted as synced", func() bool {
		h := health()
		return h.Synced == 1 && h.Received == 1 && h.Pending == 0 && h.Retried == 1
	})
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("no %s after a minute", what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
