package embedded

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
)

// visibilityRows counts the visibility records a SQLite file holds of the
// workflow id.
func visibilityRows(t *testing.T, file, id string) int {
	t.Helper()
	db, err := sql.Open("sqlite", file)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM executions_visibility WHERE workflow_id = ?", id).Scan(&n); err != nil {
		t.Fatalf("%s: %v", filepath.Base(file), err)
	}
	return n
}

// listed waits until Temporal's list of workflows holds id, as visibility
// is written after the workflow's own records.
func listed(t *testing.T, c client.Client, id string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		res, err := c.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{Namespace: "motcua",
			Query: "WorkflowId = '" + id + "'"})
		if err == nil && len(res.GetExecutions()) == 1 {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%s is not listed: %v", id, err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func start(t *testing.T, c client.Client, id string) {
	t.Helper()
	if _, err := c.ExecuteWorkflow(context.Background(), client.StartWorkflowOptions{ID: id, TaskQueue: "nobody-polls"}, "Anything"); err != nil {
		t.Fatal(err)
	}
}

// listOne starts a server on dir, starts the workflow id on it, waits for
// it to be listed and stops the server.
func listOne(t *testing.T, dir, id string) {
	t.Helper()
	s, err := Start(Options{DataDir: dir, Namespace: "motcua", Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	c := dial(t, s)
	defer c.Close()
	start(t, c, id)
	listed(t, c, id)
}

// The server's lists are kept in a file of their own, not in the file
// the history is written to.
func TestVisibilityIsWrittenToItsOwnFile(t *testing.T) {
	dir := t.TempDir()
	listOne(t, dir, "listed-apart")
	if n := visibilityRows(t, filepath.Join(dir, visibilityFileName), "listed-apart"); n != 1 {
		t.Errorf("%s holds %d records, want 1", visibilityFileName, n)
	}
	if n := visibilityRows(t, filepath.Join(dir, "temporal.db"), "listed-apart"); n != 0 {
		t.Errorf("temporal.db holds %d visibility records, want none", n)
	}
}

// A data directory from before the split has its records in temporal.db
// and no visibility file: the first start copies them over, so that a
// workflow started then is still listed, and lists what comes after.
func TestAnEarlierDataDirectoryKeepsItsLists(t *testing.T) {
	dir := t.TempDir()
	listOne(t, dir, "from-before")

	// Put the directory as a release before the split left it.
	main, vis := filepath.Join(dir, "temporal.db"), filepath.Join(dir, visibilityFileName)
	db, err := sql.Open("sqlite", main)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("ATTACH DATABASE ? AS v", vis); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO executions_visibility (namespace_id, run_id, _version, start_time, execution_time,
		workflow_id, workflow_type_name, status, close_time, history_length, history_size_bytes, execution_duration,
		state_transition_count, memo, encoding, task_queue, search_attributes, parent_workflow_id, parent_run_id,
		root_workflow_id, root_run_id) SELECT namespace_id, run_id, _version, start_time, execution_time,
		workflow_id, workflow_type_name, status, close_time, history_length, history_size_bytes, execution_duration,
		state_transition_count, memo, encoding, task_queue, search_attributes, parent_workflow_id, parent_run_id,
		root_workflow_id, root_run_id FROM v.executions_visibility`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, f := range []string{vis, vis + "-wal", vis + "-shm"} {
		if err := os.Remove(f); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}

	// The server may list the workflow again from its own tasks, so the
	// copy is checked before it starts.
	if err := prepareVisibility(vis, main); err != nil {
		t.Fatal(err)
	}
	if n := visibilityRows(t, vis, "from-before"); n != 1 {
		t.Fatalf("%s holds %d records of the earlier workflow, want 1", visibilityFileName, n)
	}
	s, err := Start(Options{DataDir: dir, Namespace: "motcua", Logger: quiet})
	if err != nil {
		t.Fatalf("start on an earlier directory: %v", err)
	}
	defer s.Stop()
	c := dial(t, s)
	defer c.Close()
	listed(t, c, "from-before")
	start(t, c, "after")
	listed(t, c, "after")
	if _, err := os.Stat(vis + ".new"); !os.IsNotExist(err) {
		t.Errorf("the file being built is left behind: %v", err)
	}
}

// A start cut short while the visibility file was being built leaves the
// unfinished file under its other name; the next start builds it again.
func TestAnUnfinishedVisibilityFileIsBuiltAgain(t *testing.T) {
	dir := t.TempDir()
	vis := filepath.Join(dir, visibilityFileName)
	if err := os.WriteFile(vis+".new", []byte("cut short"), 0o600); err != nil {
		t.Fatal(err)
	}
	listOne(t, dir, "rebuilt")
}

// A visibility file that is not one is named at start, with what to do.
func TestAVisibilityFileThatIsNotOneIsNamed(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, visibilityFileName), []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Start(Options{DataDir: dir, Namespace: "motcua", Logger: quiet})
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, visibilityFileName)+": it does not hold visibility records") ||
		!strings.Contains(err.Error(), "move it aside") {
		t.Fatalf("start on a file that is not a database: %v", err)
	}
}
