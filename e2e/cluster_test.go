package e2e

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moby/moby/api/types/container"
	mobynetwork "github.com/moby/moby/api/types/network"
	"github.com/moby/moby/client"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/network"
	"github.com/testcontainers/testcontainers-go/wait"
)

// root is the repository, where the images' binaries are built from.
const root = ".."

// official reports whether the suite should use published images.
func official() bool { return os.Getenv("MOTCUA_E2E_IMAGES") == "official" }

// needDocker skips a test where no Docker engine answers, unless the run
// requires one (CI sets MOTCUA_E2E_REQUIRE_DOCKER where the engine is).
func needDocker(t *testing.T) *testcontainers.DockerClient {
	t.Helper()
	// No reaper: it is an image to pull. Every test removes what it made.
	os.Setenv("TESTCONTAINERS_RYUK_DISABLED", "true")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cli, err := testcontainers.NewDockerClientWithOpts(ctx)
	if err != nil {
		if os.Getenv("MOTCUA_E2E_REQUIRE_DOCKER") != "" {
			t.Fatalf("no Docker engine: %v", err)
		}
		t.Skipf("no Docker engine answers: %v", err)
	}
	t.Cleanup(func() { cli.Close() })
	return cli
}

// buildMotcua builds the static motcua binary into dir.
func buildMotcua(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(dir, "motcua")
	abs, _ := filepath.Abs(out)
	// No -trimpath: the binary shares the build cache with the tests.
	cmd := exec.Command("go", "build", "-ldflags=-s -w", "-o", abs, "./cmd/motcua")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/motcua: %v\n%s", err, b)
	}
	return abs
}

// cluster is motcua's production shape in containers, on the private
// network core: Temporal (one embedded dev server, or several nodes on
// PostgreSQL), motcua's APIs and workers. The APIs are also on edge, where
// the test reaches them, so that cutting one off from core leaves it
// answering.
type cluster struct {
	t          *testing.T
	docker     *testcontainers.DockerClient
	run        string // names this run's containers
	image      string // motcua's image
	temporalIm string
	data       string // the files, shared by the APIs and workers
	core, edge *testcontainers.DockerNetwork
	temporal   []testcontainers.Container
	postgres   testcontainers.Container // nil where the store is SQLite
	apis       []testcontainers.Container
	workers    []testcontainers.Container
	bases      []string // the APIs, as the test reaches them
	env        map[string]string
	keys       string
	secret     string
}

// newCluster is the shape of one machine grown into containers: the
// embedded dev server on SQLite, two workers and one API sharing a store on
// SQLite through a bind mount.
func newCluster(t *testing.T) *cluster {
	c := prepare(t)
	ctx := context.Background()
	c.temporal = []testcontainers.Container{c.start(ctx, c.temporalRequest())}
	c.env["MOTCUA_TEMPORAL_ADDRESS"] = "temporal:7233"
	c.motcuas(ctx, 1, 2)
	return c
}

// prepare builds the images and makes the networks.
func prepare(t *testing.T) *cluster {
	c := &cluster{t: t, docker: needDocker(t), run: strings.ToLower(rand.Text()[:8])}
	ctx := context.Background()
	c.data = t.TempDir()
	raw := make([]byte, 32)
	rand.Read(raw)
	c.keys = "e2e=" + base64.StdEncoding.EncodeToString(raw)
	c.secret = rand.Text()
	c.env = map[string]string{
		"MOTCUA_DATA_DIR":          "/data",
		"MOTCUA_PAYLOAD_KEYS":      c.keys,
		"MOTCUA_PAYMENT_SECRET":    c.secret,
		"MOTCUA_PAYMENT_SIMULATOR": "false",
		"MOTCUA_LOG_FORMAT":        "text",
		// Reconciliation settles, within the test, the money that a
		// discarded workflow task's write left undecided.
		"MOTCUA_RECONCILE_EVERY": "20s",
	}
	c.buildImages(ctx)

	var err error
	if c.core, err = network.New(ctx, network.WithInternal()); err != nil {
		t.Fatalf("network core: %v", err)
	}
	t.Cleanup(func() { c.core.Remove(context.Background()) })
	if c.edge, err = network.New(ctx); err != nil {
		t.Fatalf("network edge: %v", err)
	}
	t.Cleanup(func() { c.edge.Remove(context.Background()) })
	return c
}

// motcuas starts the workers, then the APIs, and learns the APIs' addresses.
func (c *cluster) motcuas(ctx context.Context, apis, workers int) {
	for i := range workers {
		c.workers = append(c.workers, c.start(ctx, c.motcuaRequest(fmt.Sprintf("worker-%d", i+1), "worker", c.core.Name)))
	}
	for i := range apis {
		name := "api"
		if apis > 1 {
			name = fmt.Sprintf("api-%d", i+1)
		}
		api := c.start(ctx, c.motcuaRequest(name, "api", c.core.Name, c.edge.Name))
		c.apis = append(c.apis, api)
		c.bases = append(c.bases, "http://"+c.ipOn(ctx, api, c.edge.Name)+":8080")
	}
}

// buildImages builds the images with images/build, from Debian's packages
// and the module proxy, unless the official images are asked for. They are
// kept: the next run, and docker-compose.local.yml, use them.
func (c *cluster) buildImages(ctx context.Context) {
	t := c.t
	if official() {
		req := testcontainers.ContainerRequest{FromDockerfile: testcontainers.FromDockerfile{
			Repo: "motcua-e2e", Tag: c.run, BuildLogWriter: io.Discard, Context: root, Dockerfile: "Dockerfile"}}
		p, err := testcontainers.NewDockerProvider()
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		if c.image, err = p.BuildImage(ctx, &req); err != nil {
			t.Fatalf("building motcua's image: %v", err)
		}
		c.temporalIm = "temporalio/temporal:1.5.1"
		t.Cleanup(func() {
			c.docker.ImageRemove(context.Background(), c.image, client.ImageRemoveOptions{Force: true, PruneChildren: true})
		})
		return
	}
	buildLocalImages(t)
	c.image, c.temporalIm = "motcua:local", "motcua:local"
}

var built sync.Once

// buildLocalImages runs images/build once per test binary: it is quick when
// the Debian base is there, and rebuilds motcua from the build cache.
func buildLocalImages(t *testing.T) {
	t.Helper()
	var out []byte
	var err error
	built.Do(func() {
		cmd := exec.Command(filepath.Join(root, "images", "build"))
		out, err = cmd.CombinedOutput()
	})
	if err != nil {
		t.Fatalf("images/build: %v\n%s", err, out)
	}
}

func (c *cluster) temporalRequest() testcontainers.ContainerRequest {
	cmd := []string{"temporal", "--listen-ip", "0.0.0.0", "--data-dir", "/data"}
	if official() {
		cmd = []string{"server", "start-dev", "--ip", "0.0.0.0", "--db-filename", "/data/temporal.db", "--namespace", "default"}
	}
	return testcontainers.ContainerRequest{
		Name: "motcua-e2e-temporal-" + c.run, Image: c.temporalIm, Cmd: cmd,
		Networks: []string{c.core.Name}, NetworkAliases: map[string][]string{c.core.Name: {"temporal"}},
		WaitingFor: wait.ForLog("listening").WithStartupTimeout(90 * time.Second),
	}
}

func (c *cluster) motcuaRequest(name, role string, networks ...string) testcontainers.ContainerRequest {
	aliases := map[string][]string{}
	for _, n := range networks {
		aliases[n] = []string{name}
	}
	env := map[string]string{
		"MOTCUA_HTTP_ADDR":   "0.0.0.0:8080", // the API
		"MOTCUA_HEALTH_ADDR": "0.0.0.0:8080", // a worker
	}
	for k, v := range c.env {
		env[k] = v
	}
	return testcontainers.ContainerRequest{
		Name: "motcua-e2e-" + name + "-" + c.run, Image: c.image, Cmd: []string{role}, Env: env,
		Networks: networks, NetworkAliases: aliases,
		HostConfigModifier: func(hc *container.HostConfig) {
			hc.Binds = append(hc.Binds, c.data+":/data")
		},
		WaitingFor: wait.ForLog("listening").WithStartupTimeout(3 * time.Minute),
	}
}

func (c *cluster) start(ctx context.Context, req testcontainers.ContainerRequest) testcontainers.Container {
	c.t.Helper()
	ctr, err := testcontainers.GenericContainer(ctx, testcontainers.GenericContainerRequest{ContainerRequest: req, Started: true})
	if ctr != nil {
		c.t.Cleanup(func() {
			if c.t.Failed() {
				c.dumpLogs(ctr, req.Name)
			}
			ctr.Terminate(context.Background())
		})
	}
	if err != nil {
		c.t.Fatalf("starting %s: %v", req.Name, err)
	}
	return ctr
}

// dumpLogs shows the tail of a container's log when a test failed, and
// keeps the whole of it under $MOTCUA_ARTEFACTS/e2e where that is set.
func (c *cluster) dumpLogs(ctr testcontainers.Container, name string) {
	r, err := ctr.Logs(context.Background())
	if err != nil {
		return
	}
	b, _ := io.ReadAll(r)
	if dir := os.Getenv("MOTCUA_ARTEFACTS"); dir != "" {
		dir = filepath.Join(dir, "e2e")
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, name+".log"), b, 0o644)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	c.t.Logf("---- %s, last lines:\n%s", name, strings.Join(lines[max(0, len(lines)-30):], "\n"))
}

func (c *cluster) ipOn(ctx context.Context, ctr testcontainers.Container, net string) string {
	c.t.Helper()
	info, err := ctr.Inspect(ctx)
	if err != nil {
		c.t.Fatal(err)
	}
	ep := info.NetworkSettings.Networks[net]
	if ep == nil || !ep.IPAddress.IsValid() {
		c.t.Fatalf("%s has no address on %s", ctr.GetContainerID(), net)
	}
	return ep.IPAddress.String()
}

// kill sends SIGKILL, as kill -9 does: no shutdown, tasks cut off.
func (c *cluster) kill(ctx context.Context, ctr testcontainers.Container) error {
	_, err := c.docker.ContainerKill(ctx, ctr.GetContainerID(), client.ContainerKillOptions{Signal: "KILL"})
	return err
}

// restart stops a container with SIGTERM and its grace period, and starts
// it again with its disk as it was.
func (c *cluster) restart(ctx context.Context, ctr testcontainers.Container) error {
	grace := 10 * time.Second
	if err := ctr.Stop(ctx, &grace); err != nil {
		return err
	}
	return ctr.Start(ctx)
}

// cut disconnects a container from core; heal reconnects it.
func (c *cluster) cut(ctx context.Context, ctr testcontainers.Container) error {
	_, err := c.docker.NetworkDisconnect(ctx, c.core.ID, client.NetworkDisconnectOptions{Container: ctr.GetContainerID(), Force: true})
	return err
}

func (c *cluster) heal(ctx context.Context, ctr testcontainers.Container, alias string) error {
	_, err := c.docker.NetworkConnect(ctx, c.core.ID, client.NetworkConnectOptions{Container: ctr.GetContainerID(),
		EndpointConfig: &mobynetwork.EndpointSettings{Aliases: []string{alias}}})
	return err
}

var summaryLine = regexp.MustCompile(`\d+ open dossiers, \d+ payments checked: \d+ problems`)

// reconcile runs motcua reconcile beside the cluster, as an operator would,
// and returns its summary line, or what went wrong.
func (c *cluster) reconcile(ctx context.Context) string {
	req := c.motcuaRequest("reconcile", "reconcile", c.core.Name)
	req.Cmd = []string{"reconcile", "--grace", "0s"}
	req.WaitingFor = wait.ForExit().WithExitTimeout(5 * time.Minute)
	ctr, err := testcontainers.GenericContainer(ctx, testcontainers.GenericContainerRequest{ContainerRequest: req, Started: true})
	if ctr != nil {
		defer ctr.Terminate(context.Background())
	}
	if err != nil {
		return "did not run: " + err.Error()
	}
	r, err := ctr.Logs(ctx)
	if err != nil {
		return "no output: " + err.Error()
	}
	b, _ := io.ReadAll(r)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if m := summaryLine.FindString(string(b)); m != "" {
		return m
	}
	return "no summary; its last lines:\n" + strings.Join(lines[max(0, len(lines)-10):], "\n")
}
