package workflows

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

// TestAStampTheWorkerDoesNotKnowIsLeftForANewerOne: a filing stamped by a
// newer release than the worker's fails the workflow task, as an unknown
// marker does, rather than running the dossier at a version it was not
// filed at.
func TestAStampTheWorkerDoesNotKnowIsLeftForANewerOne(t *testing.T) {
	r := newRun(t, criminalRecord("HS-V-NEW", "2026-03-02 09:00"))
	f := r.filing.Stamped()
	f.FlowVersion++
	r.env.ExecuteWorkflow(Dossier, f)
	err := r.env.GetWorkflowError()
	if err == nil || !strings.Contains(err.Error(), "is stamped with version 4 of the workflow; this worker runs 1 to 3") {
		t.Fatalf("a filing stamped %d ran on a worker that knows %d: %v", f.FlowVersion, newest, err)
	}
	if got := r.store.Timeline(f.Code); len(got) != 0 {
		t.Fatalf("the refused task recorded %v", got)
	}
}

// TestAStampedFilingRunByAWorkerFromBeforeReplaysAtItsMarker: during an
// upgrade, an API that stamps may start a dossier that a worker from
// before the stamp picks up. That worker ignores the stamp, records a
// marker at the newest version it knows and runs at it; a worker of this
// release replaying the dossier must run at the marker's version, not
// the stamp's. The history here is one recorded at version 2, its filing
// stamped 3 as a newer API would have: replayed at 3, its commands differ.
func TestAStampedFilingRunByAWorkerFromBeforeReplaysAtItsMarker(t *testing.T) {
	for _, name := range []string{"straight-through-2026-12-03.json", "overdue-apology-refused-refunded-2026-12-03.json"} {
		t.Run(name, func(t *testing.T) {
			f, err := os.Open("testdata/" + name)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			h, err := client.HistoryFromJSON(f, client.HistoryJSONOptions{})
			if err != nil {
				t.Fatal(err)
			}
			start := h.Events[0].GetWorkflowExecutionStartedEventAttributes()
			var filing map[string]any
			if err := converter.GetDefaultDataConverter().FromPayloads(start.Input, &filing); err != nil {
				t.Fatal(err)
			}
			if _, ok := filing["flow_version"]; ok {
				t.Fatalf("%s was already stamped", name)
			}
			filing["flow_version"] = json.Number("3")
			in, err := converter.GetDefaultDataConverter().ToPayloads(filing)
			if err != nil {
				t.Fatal(err)
			}
			start.Input = in
			r := worker.NewWorkflowReplayer()
			r.RegisterWorkflowWithOptions(Dossier, workflow.RegisterOptions{Name: WorkflowName})
			if err := r.ReplayWorkflowHistory(quietSDK(), h); err != nil {
				t.Fatalf("a dossier run at its marker's version 2 does not replay with its filing stamped 3: %v", err)
			}
		})
	}
}
