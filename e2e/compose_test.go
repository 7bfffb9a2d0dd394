package e2e

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// docker-compose.yml, brought up with docker-compose.local.yml from the
// images images/build makes: both API replicas answer, the Temporal Web UI
// and the S3 gateway's console answer, and one dossier goes through the
// whole flow on it, its files in the S3 bucket and its records in
// PostgreSQL.
func TestComposeLocal(t *testing.T) {
	needDocker(t)
	if _, err := exec.LookPath("docker-compose"); err != nil {
		if os.Getenv("MOTCUA_E2E_REQUIRE_DOCKER") != "" {
			t.Fatal("docker-compose is not installed")
		}
		t.Skip("docker-compose is not installed")
	}
	buildLocalImages(t)
	raw := make([]byte, 32)
	rand.Read(raw)
	secret := rand.Text()
	project := "motcua-e2e-" + strings.ToLower(rand.Text()[:8])
	compose := func(args ...string) ([]byte, error) {
		cmd := exec.Command("docker-compose", append([]string{"-p", project, "-f", "docker-compose.yml", "-f", "docker-compose.local.yml"}, args...)...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "MOTCUA_PAYLOAD_KEYS=e2e="+base64.StdEncoding.EncodeToString(raw), "MOTCUA_PAYMENT_SECRET="+secret)
		return cmd.CombinedOutput()
	}
	t.Cleanup(func() {
		if t.Failed() {
			out, _ := compose("logs", "--no-color", "--tail", "30")
			t.Logf("docker-compose logs:\n%s", out)
		}
		if out, err := compose("down", "-v", "--remove-orphans"); err != nil {
			t.Logf("docker-compose down: %v\n%s", err, out)
		}
	})
	if out, err := compose("up", "-d"); err != nil {
		t.Fatalf("docker-compose up: %v\n%s", err, out)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	client := &http.Client{Timeout: 10 * time.Second}
	for _, url := range []string{"http://127.0.0.1:8080/readyz", "http://127.0.0.1:8081/readyz",
		"http://127.0.0.1:8233/api/v1/namespaces", "http://127.0.0.1:9001/"} {
		for {
			res, err := client.Get(url)
			if err == nil {
				res.Body.Close()
				if res.StatusCode == http.StatusOK {
					break
				}
			}
			select {
			case <-ctx.Done():
				t.Fatalf("%s never answered 200: %v", url, err)
			case <-time.After(2 * time.Second):
			}
		}
	}

	d := &driver{base: "http://127.0.0.1:8080", tally: &tally{}, client: &http.Client{Timeout: 30 * time.Second}}
	gw := &payments{d: d, secret: []byte(secret)}
	go gw.run(ctx)
	var submitted atomic.Int64
	code, err := flow(ctx, d, gw, 880001, &submitted)
	if err != nil {
		t.Fatalf("the flow on docker-compose: %v", err)
	}
	// Read back through the other replica.
	other := &driver{base: "http://127.0.0.1:8081", tally: d.tally, client: d.client}
	v, err := other.view(ctx, code)
	if err != nil || v.Record.Outcome != "returned" || v.count("paid") != 1 || len(v.Files) < 3 {
		t.Fatalf("dossier %s read through the second API: %+v, %d files, %v", code, v.Record, len(v.Files), err)
	}
	t.Logf("dossier %s returned on docker-compose.yml with docker-compose.local.yml", code)
}
