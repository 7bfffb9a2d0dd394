package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/reconcile"
	"github.com/motcua/motcua/store"
)

// Records written before dossiers were bound to their workflows may hold a
// dossier no workflow carries, and a callback that died mid-way leaves
// money undecided. Reconciliation finds both, repairs both, and then finds
// nothing; supervisors see what it did.
func TestReconciliationFindsAndRepairsDrift(t *testing.T) {
	ctx := context.Background()
	phantom := "PHANTOM-" + key(t)
	err := svc.Store.Record(ctx, model.Milestone{
		Dossier: model.Projection{Code: phantom, Agency: "so-tu-phap-ha-tinh", Level: "province", Channel: "online",
			Applicant: "042090009999", Stage: "received", Received: time.Now().Add(-time.Hour)},
		Event: model.Event{Seq: 1, At: time.Now().Add(-time.Hour), Actor: "api", Action: "received"}})
	if err != nil {
		t.Fatal(err)
	}
	// Money received for a dossier that then closed, its callback cut off
	// before the dossier answered.
	closed := fileUntil(t, "reconcile", false)
	call(t, http.MethodPost, "/dossiers/"+closed+"/withdraw", citizenAn, map[string]any{}).must(t, 200)
	waitClosed(t, closed)
	if _, _, err := svc.Store.ReportPayment(ctx, store.LedgerEntry{Source: store.DefaultGateway, TxID: "TX-CUT-" + closed,
		Dossier: closed, Online: true, Amount: 200000, Success: true, At: time.Now()}); err != nil {
		t.Fatal(err)
	}

	check := func(repair bool) reconcile.Report {
		t.Helper()
		c := svc.Checker(repair)
		c.Grace = 0
		rep, err := c.Run(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	kinds := func(rep reconcile.Report) map[string]string {
		out := map[string]string{}
		for _, f := range rep.Findings {
			out[f.Dossier] = f.Kind
		}
		return out
	}
	found := check(false)
	if k := kinds(found); k[phantom] != reconcile.NoWorkflow || k[closed] != reconcile.PaymentUndecided || found.Problems() < 2 {
		t.Fatalf("found %+v", found.Findings)
	}
	repaired := check(true)
	for _, f := range repaired.Findings {
		if (f.Dossier == phantom || f.Dossier == closed) && f.Repaired == "" {
			t.Errorf("not repaired: %+v", f)
		}
	}
	if err := svc.Store.SaveFindings(ctx, time.Now(), repaired.Findings); err != nil {
		t.Fatal(err)
	}
	settled(t, closed, 0, 200000)
	after := check(false)
	if k := kinds(after); k[phantom] != "" || k[closed] != "" {
		t.Errorf("still found after repair: %+v", after.Findings)
	}
	// The phantom is visibly closed, with the reason, and its applicant told.
	rec, _ := svc.Store.Dossier(ctx, phantom)
	notices, _ := svc.Store.Notices(ctx, phantom)
	if rec.Stage != "closed" || rec.Outcome != "not_received" || len(notices) != 1 {
		t.Errorf("phantom now %s/%s with notices %+v", rec.Stage, rec.Outcome, notices)
	}
	r := call(t, http.MethodGet, "/supervision/reconciliation", supervisor, nil).must(t, 200)
	if fs, _ := r.body["findings"].([]any); len(fs) < 2 {
		t.Errorf("supervisors see %s", r.raw)
	}
	call(t, http.MethodGet, "/supervision/reconciliation", citizenAn, nil).must(t, 403)
	u := call(t, http.MethodGet, "/payments/unapplied", "demo-finance-0000009", nil).must(t, 200)
	if list, _ := u.body["unapplied"].([]any); len(list) == 0 {
		t.Errorf("the finance office sees no unapplied money: %s", u.raw)
	}
}
