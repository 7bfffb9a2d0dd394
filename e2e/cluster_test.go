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
	"strings"
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

// cluster is motcua's production shape in containers: Temporal, one API
// and two workers on the private network core; the API is also on edge,
// where the test reaches it, so that cutting it off from core leaves it
// answering.
type cluster struct {
	t          *testing.T
	docker     *testcontainers.DockerClient
	run        string // names this run's containers and image
	image      string // motcua's image
	temporalIm string
	data       string // the store and files, shared by the API and workers
	core, edge *testcontainers.DockerNetwork
	temporal   testcontainers.Container
	api        testcontainers.Container
	workers    []testcontainers.Container
	keys       string
	secret     string
	base       string // the API, as the test reaches it
}

func newCluster(t *testing.T) *cluster {
	c := &cluster{t: t, docker: needDocker(t), run: strings.ToLower(rand.Text()[:8])}
	ctx := context.Background()
	c.data = t.TempDir()
	raw := make([]byte, 32)
	rand.Read(raw)
	c.keys = "e2e=" + base64.StdEncoding.EncodeToString(raw)
	c.secret = rand.Text()
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

	c.temporal = c.start(ctx, c.temporalRequest())
	for i := range 2 {
		c.workers = append(c.workers, c.start(ctx, c.motcuaRequest(fmt.Sprintf("worker-%d", i+1), "worker", c.core.Name)))
	}
	c.api = c.start(ctx, c.motcuaRequest("api", "api", c.core.Name, c.edge.Name))
	ip := c.ipOn(ctx, c.api, c.edge.Name)
	c.base = "http://" + ip + ":8080"
	return c
}

// buildImages builds motcua's image from the static binary, and uses it
// for Temporal as well (motcua temporal is the dev server), unless the
// official images are asked for.
func (c *cluster) buildImages(ctx context.Context) {
	t := c.t
	req := testcontainers.ContainerRequest{FromDockerfile: testcontainers.FromDockerfile{
		Repo: "motcua-e2e", Tag: c.run, BuildLogWriter: io.Discard}}
	if official() {
		req.FromDockerfile.Context, req.FromDockerfile.Dockerfile = root, "Dockerfile"
		c.temporalIm = "temporalio/temporal:1.5.1"
	} else {
		dir := t.TempDir()
		buildMotcua(t, dir)
		df, err := os.ReadFile("images/Dockerfile")
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "Dockerfile"), df, 0o644)
		req.FromDockerfile.Context = dir
	}
	p, err := testcontainers.NewDockerProvider()
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if c.image, err = p.BuildImage(ctx, &req); err != nil {
		t.Fatalf("building motcua's image: %v", err)
	}
	if c.temporalIm == "" {
		c.temporalIm = c.image
	}
	t.Cleanup(func() {
		c.docker.ImageRemove(context.Background(), c.image, client.ImageRemoveOptions{Force: true, PruneChildren: true})
	})
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
	return testcontainers.ContainerRequest{
		Name: "motcua-e2e-" + name + "-" + c.run, Image: c.image, Cmd: []string{role},
		Env: map[string]string{
			"MOTCUA_TEMPORAL_ADDRESS":  "temporal:7233",
			"MOTCUA_DATA_DIR":          "/data",
			"MOTCUA_HTTP_ADDR":         "0.0.0.0:8080", // the API
			"MOTCUA_HEALTH_ADDR":       "0.0.0.0:8080", // a worker
			"MOTCUA_PAYLOAD_KEYS":      c.keys,
			"MOTCUA_PAYMENT_SECRET":    c.secret,
			"MOTCUA_PAYMENT_SIMULATOR": "false",
			// Reconciliation settles, within the test, the money that a
			// discarded workflow task's write left undecided.
			"MOTCUA_RECONCILE_EVERY": "20s",
		},
		Networks: networks, NetworkAliases: aliases,
		HostConfigModifier: func(hc *container.HostConfig) {
			hc.Binds = append(hc.Binds, c.data+":/data")
		},
		WaitingFor: wait.ForLog("listening").WithStartupTimeout(90 * time.Second),
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

// dumpLogs shows the tail of a container's log when a test failed.
func (c *cluster) dumpLogs(ctr testcontainers.Container, name string) {
	r, err := ctr.Logs(context.Background())
	if err != nil {
		return
	}
	b, _ := io.ReadAll(r)
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
