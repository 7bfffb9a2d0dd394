package workflows

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

// TestReplayCommittedHistories replays the histories of dossiers recorded
// with earlier releases. A change to the workflow that would break dossiers
// already in flight fails here: guard it with workflow.GetVersion.
func TestReplayCommittedHistories(t *testing.T) {
	files, err := filepath.Glob("testdata/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no committed histories in testdata/ (%v)", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			r := worker.NewWorkflowReplayer()
			r.RegisterWorkflowWithOptions(Dossier, workflow.RegisterOptions{Name: WorkflowName})
			if err := r.ReplayWorkflowHistoryFromJSONFile(quietSDK(), f); err != nil {
				t.Fatalf("replay of %s: %v", f, err)
			}
		})
	}
}

// TestCommittedHistoriesAreNeverEdited holds every committed history to
// the checksum it was committed with. A history is evidence of how
// dossiers in flight ran: a new recording goes beside the old ones, under
// a new name (shape and date), and its line is added to
// testdata/histories.sha256; an old one is never rewritten.
func TestCommittedHistoriesAreNeverEdited(t *testing.T) {
	f, err := os.Open("testdata/histories.sha256")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]string{}
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		sum, name, ok := strings.Cut(strings.TrimSpace(lines.Text()), "  ")
		if ok {
			want[name] = sum
		}
	}
	files, _ := filepath.Glob("testdata/*.json")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		got, name := hex.EncodeToString(sum[:]), filepath.Base(p)
		switch w, listed := want[name]; {
		case !listed:
			t.Errorf("%s is not in testdata/histories.sha256: add the line %q", name, got+"  "+name)
		case w != got:
			t.Errorf("%s was edited after it was committed: record a new history beside it instead", name)
		}
		delete(want, name)
	}
	for name := range want {
		t.Errorf("%s is listed in testdata/histories.sha256 but gone: committed histories are never removed", name)
	}
}
