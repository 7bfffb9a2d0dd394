package e2e

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"text/template"
	"time"

	"github.com/motcua/motcua/codec/codectest"
)

// postgres is the PostgreSQL the test runs Temporal and motcua's store on:
// the server .ci/postgres starts from Debian's packages.
type postgres struct {
	host, port, user string
	data             string // its data directory, when on this machine
	bin              string // its client programs
}

func needPostgres(t *testing.T) postgres {
	t.Helper()
	raw := os.Getenv("MOTCUA_TEST_POSTGRES_URL")
	if raw == "" {
		t.Skip("MOTCUA_TEST_POSTGRES_URL is not set: .ci/postgres starts a server")
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	pg := postgres{host: u.Hostname(), port: u.Port(), user: u.User.Username(), bin: os.Getenv("PG_BIN")}
	if d := os.Getenv("PG_DATA"); d != "" {
		pg.data = filepath.Join(d, "db")
	}
	return pg
}

// psql runs one statement and returns its unaligned output.
func (pg postgres) psql(t *testing.T, db, sql string) string {
	t.Helper()
	out, err := exec.Command(filepath.Join(pg.bin, "psql"), "-h", pg.host, "-p", pg.port, "-U", pg.user, "-d", db, "-Atc", sql).CombinedOutput()
	if err != nil {
		t.Fatalf("psql %q: %v\n%s", sql, err, out)
	}
	return strings.TrimSpace(string(out))
}

// goBuild builds a package of motcua's module graph, such as Temporal's
// own server, from the module proxy's sources.
func goBuild(t *testing.T, dir, pkg, name string) string {
	t.Helper()
	out := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, b)
	}
	return out
}

// freePorts finds n ports nobody listens on, below 32768: Temporal keeps
// membership ports in a smallint column.
func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var ports []int
	var ls []net.Listener
	for p := 20000 + rand.IntN(10000); len(ports) < n; p++ {
		if p >= 32768 {
			t.Fatal("no free ports below 32768")
		}
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err != nil {
			continue
		}
		ls = append(ls, l)
		ports = append(ports, p)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

// serverConfig is Temporal's configuration for PostgreSQL, as production
// writes it: two databases, four history shards, every service in one
// process here, each on its own ports.
var serverConfig = template.Must(template.New("temporal").Parse(`
log:
  stdout: true
  level: warn
persistence:
  numHistoryShards: 4
  defaultStore: default
  visibilityStore: visibility
  datastores:
{{- range $name, $db := .Stores}}
    {{$name}}:
      sql:
        pluginName: postgres12
        databaseName: {{$db}}
        connectAddr: "{{$.Host}}:{{$.Port}}"
        connectProtocol: tcp
        user: {{$.User}}
        maxConns: 20
        maxIdleConns: 20
        maxConnLifetime: 1h
{{- end}}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
services:
{{- range .Services}}
  {{.Name}}:
    rpc:
      grpcPort: {{.GRPC}}
      membershipPort: {{.Membership}}
      httpPort: {{.HTTP}}
      bindOnLocalHost: true
{{- end}}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:{{(index .Services 0).GRPC}}"
      httpAddress: "127.0.0.1:{{(index .Services 0).HTTP}}"
dcRedirectionPolicy:
  policy: noop
archival:
  history:
    state: disabled
  visibility:
    state: disabled
namespaceDefaults:
  archival:
    history:
      state: disabled
    visibility:
      state: disabled
dynamicConfigClient:
  filepath: {{.Dynamic}}
  pollInterval: 10s
`))

// service is one of Temporal's four services and its ports.
type service struct {
	Name                   string
	GRPC, Membership, HTTP int
}

// process runs a program until the test ends, keeping its output for a
// failure. The channel closes if it ends first.
func process(t *testing.T, name string, env []string, path string, args ...string) <-chan struct{} {
	t.Helper()
	var out bytes.Buffer
	cmd := exec.Command(path, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			t.Logf("---- %s, last lines:\n%s", name, strings.Join(lines[max(0, len(lines)-25):], "\n"))
		}
	})
	return done
}

// Temporal's own server, built from the module proxy, on PostgreSQL with
// the schema its SQL tool sets up, and motcua's API and worker processes
// against it with their store on PostgreSQL too: one dossier through the
// whole flow. Then PostgreSQL's files for Temporal's two databases are
// read byte by byte, and hold neither the citizen's name nor ID number.
func TestTemporalOnPostgreSQL(t *testing.T) {
	pg := needPostgres(t)
	bin := t.TempDir()
	server := goBuild(t, bin, "go.temporal.io/server/cmd/server", "temporal-server")
	sqlTool := goBuild(t, bin, "go.temporal.io/server/cmd/tools/sql", "temporal-sql-tool")
	motcua := buildMotcua(t, bin)
	schemaRoot := moduleDir(t, "go.temporal.io/server")

	run := fmt.Sprintf("%d", time.Now().UnixNano()%1e9)
	dbs := map[string]string{"default": "temporal_" + run, "visibility": "temporal_visibility_" + run}
	store := "motcua_" + run
	tool := func(db string, args ...string) {
		t.Helper()
		base := []string{"--plugin", "postgres12", "--ep", pg.host, "-p", pg.port, "-u", pg.user, "--db", db}
		if out, err := exec.Command(sqlTool, append(base, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("temporal-sql-tool %v: %v\n%s", args, err, out)
		}
	}
	for kind, db := range map[string]string{"temporal": dbs["default"], "visibility": dbs["visibility"]} {
		tool(db, "create-database")
		tool(db, "setup-schema", "-v", "0.0")
		tool(db, "update-schema", "-d", filepath.Join(schemaRoot, "schema", "postgresql", "v12", kind, "versioned"))
	}
	tool(store, "create-database")
	t.Cleanup(func() {
		for _, db := range []string{dbs["default"], dbs["visibility"], store} {
			exec.Command(sqlTool, "--plugin", "postgres12", "--ep", pg.host, "-p", pg.port, "-u", pg.user, "--db", db, "drop-database", "--force").Run()
		}
	})

	ports := freePorts(t, 14)
	dyn := filepath.Join(bin, "dynamic.yaml")
	os.WriteFile(dyn, []byte("system.forceSearchAttributesCacheRefreshOnRead:\n  - value: true\n"), 0o644)
	var services []service
	for i, name := range []string{"frontend", "history", "matching", "worker"} {
		services = append(services, service{name, ports[3*i], ports[3*i+1], ports[3*i+2]})
	}
	var conf bytes.Buffer
	if err := serverConfig.Execute(&conf, map[string]any{"Stores": dbs, "Host": pg.host, "Port": pg.port, "User": pg.user,
		"Services": services, "Dynamic": dyn}); err != nil {
		t.Fatal(err)
	}
	confFile := filepath.Join(bin, "temporal.yaml")
	os.WriteFile(confFile, conf.Bytes(), 0o644)
	serverDone := process(t, "temporal-server", nil, server, "--config-file", confFile, "--allow-no-auth", "start")

	frontend := fmt.Sprintf("127.0.0.1:%d", ports[0])
	secret := "pg-secret"
	keys := "pg=" + strings.Repeat("A", 43) + "="
	env := []string{"MOTCUA_TEMPORAL_ADDRESS=" + frontend, "MOTCUA_DATA_DIR=" + t.TempDir(),
		fmt.Sprintf("MOTCUA_DATABASE_URL=postgres://%s@%s:%s/%s?sslmode=disable", pg.user, pg.host, pg.port, store),
		"MOTCUA_PAYLOAD_KEYS=" + keys, "MOTCUA_PAYMENT_SECRET=" + secret, "MOTCUA_PAYMENT_SIMULATOR=false"}
	apiAddr := fmt.Sprintf("127.0.0.1:%d", ports[12])
	process(t, "motcua worker", append(env, fmt.Sprintf("MOTCUA_HEALTH_ADDR=127.0.0.1:%d", ports[13])), motcua, "worker")
	process(t, "motcua api", append(env, "MOTCUA_HTTP_ADDR="+apiAddr), motcua, "api")

	d := &driver{base: "http://" + apiAddr, tally: &tally{}, client: &http.Client{Timeout: 30 * time.Second}}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	for {
		res, err := d.client.Get(d.base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case <-serverDone:
			t.Fatal("Temporal's server stopped")
		case <-ctx.Done():
			t.Fatalf("motcua never became ready on Temporal's server: %v", err)
		case <-time.After(time.Second):
		}
	}
	gw := &payments{d: d, secret: []byte(secret)}
	go gw.run(ctx)
	var submitted atomic.Int64
	const i = 770001
	code, err := flow(ctx, d, gw, i, &submitted)
	if err != nil {
		t.Fatalf("the flow on PostgreSQL: %v", err)
	}
	v, err := d.view(ctx, code)
	if err != nil || v.Record.Outcome != "returned" || v.count("paid") != 1 {
		t.Fatalf("dossier %s: %+v, %v", code, v.Record, err)
	}
	t.Logf("dossier %s returned on Temporal %s over PostgreSQL", code, frontend)

	// What PostgreSQL wrote for Temporal: flushed, then read as files.
	if pg.data == "" {
		t.Log("PG_DATA is not set: the files of the databases cannot be read here")
		return
	}
	pg.psql(t, "postgres", "CHECKPOINT")
	id := fmt.Sprintf("0421%08d", i)
	for _, db := range []string{dbs["default"], dbs["visibility"], store} {
		oid := pg.psql(t, "postgres", "SELECT oid FROM pg_database WHERE datname = '"+db+"'")
		found, err := codectest.Leaks(filepath.Join(pg.data, "base", oid), id, "Người nộp thử")
		switch {
		case err != nil:
			t.Fatal(err)
		case db == store && len(found) == 0:
			t.Errorf("motcua's own store %s does not hold the ID either: the search finds nothing", db)
		case db != store && len(found) > 0:
			t.Errorf("Temporal's database %s holds personal data in %v", db, found)
		}
	}
}

func moduleDir(t *testing.T, mod string) string {
	t.Helper()
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", mod)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -m %s: %v", mod, err)
	}
	return strings.TrimSpace(string(out))
}
