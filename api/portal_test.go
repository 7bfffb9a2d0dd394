package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"go.temporal.io/sdk/client"

	"github.com/motcua/motcua/workflows"
)

// A dossier filed is queued for the national portal; the scheduled sync,
// run here once through Temporal, delivers it to the simulated portal
// over HTTP; supervisors see it pending, then synced, for their own units
// only.
func TestTheSyncWithTheNationalPortal(t *testing.T) {
	filed := call(t, http.MethodPost, "/dossiers", portal, filing(t, "042090007777"), "Idempotency-Key", key(t)).must(t, 201)
	code := filed.str("code")
	health := func(token, query string) response {
		return call(t, http.MethodGet, "/supervision/portal"+query, token, nil)
	}
	before := health(supervisor, "?unit=so-tu-phap-ha-tinh").must(t, 200)
	if before.body["pending"].(float64) < 1 {
		t.Fatalf("nothing pending after a filing: %s", before.raw)
	}

	run, err := svc.Temporal.ExecuteWorkflow(context.Background(), client.StartWorkflowOptions{ID: "portal-sync-" + key(t),
		TaskQueue: workflows.TaskQueue}, workflows.PortalSyncName)
	if err != nil {
		t.Fatal(err)
	}
	var summary string
	if err := run.Get(context.Background(), &summary); err != nil || !strings.HasPrefix(summary, "sent ") {
		t.Fatalf("the sync: %q %v", summary, err)
	}
	if got := svc.PortalSimulator.Statuses(code); len(got) == 0 || got[0] != "1" {
		t.Fatalf("the portal holds %v for %s; refused: %v", got, code, svc.PortalSimulator.Refused())
	}
	after := health(supervisor, "?unit=so-tu-phap-ha-tinh").must(t, 200)
	units := after.body["units"].([]any)
	if len(units) != 1 || units[0].(map[string]any)["name"] != "Sở Tư pháp tỉnh Hà Tĩnh" ||
		units[0].(map[string]any)["synced"].(float64) < 1 || after.body["rate"].(float64) <= 0 {
		t.Errorf("after the sync: %s", after.raw)
	}

	problem(t, health(supervisorXa, "?unit=so-tu-phap-ha-tinh"), 403, "query.unit")
	problem(t, health(citizenAn, ""), 403, "")
	problem(t, health(supervisor, "?from=2026-13-01&to=2026-12-31"), 422, "query.from")
	problem(t, call(t, http.MethodPost, "/supervision/portal/KHONG-CO/retry", supervisor, map[string]any{}), 404, "")
	problem(t, call(t, http.MethodPost, "/supervision/portal/"+code+"/retry", supervisorXa, map[string]any{}), 403, "")
	r := call(t, http.MethodPost, "/supervision/portal/"+code+"/retry", supervisor, map[string]any{}).must(t, 200)
	if r.body["dossier"] != code {
		t.Errorf("retry: %s", r.raw)
	}
}
