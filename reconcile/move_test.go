package reconcile_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.temporal.io/api/serviceerror"

	"github.com/motcua/motcua/codec"
	"github.com/motcua/motcua/embedded"
	"github.com/motcua/motcua/reconcile"
	"github.com/motcua/motcua/service"
	"github.com/motcua/motcua/service/servicetest"
	"github.com/motcua/motcua/workflows"
)

// While a province moves to a new Temporal, the records are already in
// the new store, but the dossiers received before the move run on the old
// Temporal to their end. Two instances share one store here, each on its
// own embedded Temporal and each naming the other's: an officer on either
// acts on any dossier, reconciliation from either side finds every open
// dossier's workflow, where the new side alone would close the older
// dossiers as never received, and the schedules run on the new side only.
func TestAProvinceMovingCarriesEachDossierOnTheEngineItStartedOn(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two Temporal servers")
	}
	ctx := context.Background()
	shared := t.TempDir()
	ports := [2]int{}
	for i := range ports {
		p, err := embedded.FreePort("127.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		ports[i] = p
	}
	// Both read what either sealed: the old instance's ring, with the new
	// key after it, and the new one's, in force first.
	oldKey, newKey := codec.NewKey("k1"), codec.NewKey("2026-12-04")
	rings := map[int]string{ports[0]: oldKey + "," + newKey, ports[1]: newKey + "," + oldKey}
	on := func(own, other int) func(*service.Config) {
		return func(c *service.Config) {
			c.TemporalPort = own
			c.PayloadKeys = rings[own]
			if own == ports[0] {
				c.MovingTo = fmt.Sprintf("127.0.0.1:%d", other)
			} else {
				c.MovedFrom = fmt.Sprintf("127.0.0.1:%d", other)
			}
			c.DatabaseURL = filepath.Join(shared, "motcua.db")
			c.BlobURL = filepath.Join(shared, "files")
		}
	}
	oldSvc, oldBase, stopOld := servicetest.Start(on(ports[0], ports[1]))
	defer stopOld()
	old := &payRig{t: t, svc: oldSvc, base: oldBase}
	before := old.filed()
	// The old Temporal had its schedules before the move.
	if _, err := oldSvc.Temporal.ScheduleClient().Create(ctx, workflows.ReconcileScheduleOptions(time.Hour)); err != nil {
		t.Fatal(err)
	}

	newSvc, newBase, stopNew := servicetest.Start(on(ports[1], ports[0]))
	defer stopNew()
	moved := &payRig{t: t, svc: newSvc, base: newBase}
	after := moved.filed()

	// Each runs once, on the new Temporal.
	for _, side := range []*service.Service{oldSvc, newSvc} {
		if err := side.Schedule(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var missing *serviceerror.NotFound
	if _, err := oldSvc.Temporal.ScheduleClient().GetHandle(ctx, workflows.ReconcileSchedule).Describe(ctx); !errors.As(err, &missing) {
		t.Errorf("the old Temporal kept its reconciliation schedule: %v", err)
	}
	if _, err := newSvc.Temporal.ScheduleClient().GetHandle(ctx, workflows.ReconcileSchedule).Describe(ctx); err != nil {
		t.Errorf("the new Temporal has no reconciliation schedule: %v", err)
	}

	if _, err := newSvc.Temporal.DescribeWorkflowExecution(ctx, workflows.WorkflowID(before), ""); !errors.As(err, &missing) {
		t.Fatalf("%s's workflow is on the new Temporal too, or it cannot be asked: %v", before, err)
	}
	// The officers act through the new instance on both, and through the
	// old one on the new dossier.
	moved.accept(before)
	old.accept(after)
	for _, code := range []string{before, after} {
		for _, r := range []*payRig{old, moved} {
			// The record comes from the store, the state from the
			// workflow, wherever it runs.
			status, out := r.call(http.MethodGet, "/dossiers/"+code, "demo-supervisor-0007", nil)
			rec, _ := out["record"].(map[string]any)
			state, _ := out["state"].(map[string]any)
			if status != 200 || rec["stage"] != "awaiting_payment" || state["stage"] != "awaiting_payment" {
				t.Errorf("%s through %s: %d, the record %v, the workflow %v", code, r.base, status, rec["stage"], state["stage"])
			}
		}
	}

	for _, side := range []*service.Service{oldSvc, newSvc} {
		rep, err := side.Checker(true).Run(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Problems() != 0 || rep.Dossiers != 2 {
			t.Errorf("reconciling from one side: %d dossiers, %+v", rep.Dossiers, rep.Findings)
		}
		// The new side says how many the old one still carries.
		if side == newSvc && !strings.HasSuffix(rep.Summary(), "; 1 open dossiers still on the Temporal moved from") {
			t.Errorf("the new side's summary: %s", rep.Summary())
		}
		if side == oldSvc && rep.OnMovedFrom != nil {
			t.Errorf("the old side counts dossiers on a Temporal it did not move from: %s", rep.Summary())
		}
	}
	// Asked of the new Temporal alone, the older dossier has no workflow.
	alone := &reconcile.Checker{Store: newSvc.Store, Temporal: newSvc.Temporal}
	rep, err := alone.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Problems() != 1 || rep.Findings[0].Dossier != before || rep.Findings[0].Kind != reconcile.NoWorkflow {
		t.Errorf("the new Temporal alone: %+v", rep.Findings)
	}
}
