package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// command runs this test binary as motcua with args, in a process of its
// own, its log in the test's directory.
func command(t *testing.T, log string, args ...string) *exec.Cmd {
	t.Helper()
	a, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "MOTCUA_TEST_AS_COMMAND=1", "MOTCUA_TEST_ARGS="+string(a))
	f, err := os.OpenFile(log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

func waitReady(t *testing.T, base string, cmd *exec.Cmd) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	cmd.Process.Kill()
	t.Fatal("motcua serve did not become ready")
}

func post(base, path, token, key string, body any) (int, map[string]any, error) {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	res, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(res.Body)
	_ = json.Unmarshal(raw, &out)
	if out == nil {
		out = map[string]any{"raw": string(raw)}
	}
	return res.StatusCode, out, nil
}

func uploadFile(t *testing.T, base, component, label string) string {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("procedure", "2.000488")
	mw.WriteField("component", component)
	fw, _ := mw.CreateFormFile("file", component+".pdf")
	fmt.Fprintf(fw, "%%PDF-1.7\n%% %s\n1 0 obj <<>> endobj\ntrailer <<>>\n%%%%EOF\n", label)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, base+"/uploads", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer demo-portal-000000003")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct{ ID string }
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != 201 {
		t.Fatalf("upload: %d %v", res.StatusCode, err)
	}
	return out.ID
}

// A burst of filings, serve killed with SIGKILL in the middle of it, and
// clients that never retry: after a restart, reconciliation finds every
// stored dossier carried by its workflow, and every one of them takes an
// action or answers 409 with the reason. No dossier is listed that no
// workflow carries.
func TestAKilledServeLeavesNoPhantomDossiers(t *testing.T) {
	if testing.Short() {
		t.Skip("starts motcua twice")
	}
	dir := t.TempDir()
	log := filepath.Join(dir, "serve.log")
	httpPort, temporalPort := freePort(t), freePort(t)
	base := "http://127.0.0.1:" + strconv.Itoa(httpPort)
	args := []string{"serve", "--data-dir", filepath.Join(dir, "data"), "--http-addr", "127.0.0.1:" + strconv.Itoa(httpPort),
		"--temporal-port", strconv.Itoa(temporalPort), "--log-level", "warn"}
	serve := command(t, log, args...)
	waitReady(t, base, serve)
	tk, cccd := uploadFile(t, base, "to_khai", "crash"), uploadFile(t, base, "giay_to_tuy_than", "crash")

	// The burst. The server dies under it; no client retries.
	const n = 300
	var answered, created atomic.Int64
	var wg sync.WaitGroup
	sem := make(chan struct{}, 30)
	for i := range n {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			status, _, err := post(base, "/dossiers", "demo-portal-000000003", fmt.Sprintf("crash-%d", i), map[string]any{
				"procedure": "2.000488", "agency": "so-tu-phap-ha-tinh", "channel": "online",
				"applicant": map[string]any{"id": fmt.Sprintf("0420%08d", i), "name": "Người nộp"},
				"inputs":    map[string]any{"certificates": 1},
				"components": []map[string]any{{"code": "to_khai", "document": tk},
					{"code": "giay_to_tuy_than", "document": cccd}}})
			if err == nil {
				answered.Add(1)
				if status == 201 {
					created.Add(1)
				}
			}
		})
	}
	for answered.Load() < 40 {
		time.Sleep(10 * time.Millisecond)
	}
	if err := serve.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	serve.Wait()
	wg.Wait()
	t.Logf("killed with %d of %d filings answered, %d of them 201", answered.Load(), n, created.Load())

	serve = command(t, log, args...)
	t.Cleanup(func() {
		serve.Process.Signal(os.Interrupt)
		serve.Wait()
	})
	waitReady(t, base, serve)

	// Every stored dossier takes an action, or answers 409 with the reason.
	ended := map[string]int{}
	list := func(cursor string) ([]string, string) {
		req, _ := http.NewRequest(http.MethodGet, base+"/dossiers?limit=200&cursor="+cursor, nil)
		req.Header.Set("Authorization", "Bearer demo-supervisor-0007")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var page struct {
			Dossiers []struct{ Code, Stage, Outcome string }
			Next     string
		}
		json.NewDecoder(res.Body).Decode(&page)
		var codes []string
		for _, d := range page.Dossiers {
			codes = append(codes, d.Code)
			ended[d.Stage+"/"+d.Outcome]++
		}
		return codes, page.Next
	}
	listAll := func() []string {
		clear(ended)
		var all []string
		for cursor := ""; ; {
			codes, next := list(cursor)
			all = append(all, codes...)
			if next == "" {
				return all
			}
			cursor = next
		}
	}

	// Reconciliation, without repairs, finds nothing, and checks every
	// stored dossier, once the workflows started before the kill have run
	// their receipt and written their records.
	reconcile := []string{"reconcile", "--data-dir", filepath.Join(dir, "data"), "--temporal-port", strconv.Itoa(temporalPort), "--grace", "0s"}
	var out, errOut strings.Builder
	var all []string
	deadline := time.Now().Add(90 * time.Second)
	for {
		out.Reset()
		errOut.Reset()
		code := run(reconcile, &out, &errOut)
		all = listAll()
		open := len(all) - ended["closed/not_received"]
		if code == 0 && strings.Contains(out.String(), fmt.Sprintf("%d open dossiers, 0 payments checked: 0 problems", open)) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("reconcile: exit %d with %d dossiers open in the store\n%s%s", code, open, out.String(), errOut.String())
		}
		time.Sleep(2 * time.Second)
	}
	t.Logf("reconcile: %s; stored: %v", strings.TrimSpace(out.String()), ended)
	if int64(len(all)) < created.Load() {
		t.Errorf("%d dossiers were answered 201, %d are stored", created.Load(), len(all))
	}
	for _, code := range all {
		status, body, err := post(base, "/dossiers/"+code+"/accept", "demo-officer-tinh-0005", "", map[string]any{})
		if err != nil || (status != 200 && status != 409) || (status == 409 && body["detail"] == "") {
			t.Errorf("accepting %s: %d %v %v", code, status, body, err)
		}
	}
}
