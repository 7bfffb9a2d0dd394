package e2e

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"
)

// The cluster a province grows into, in containers built here: two
// Temporal nodes, each running every service, sharing eight history shards
// through their membership; one PostgreSQL for Temporal's two databases and
// motcua's store; two motcua APIs and two workers.
const (
	temporalNodes = 2
	historyShards = 8
)

// clusterDossiers is the load of the node-loss test.
func clusterDossiers() int {
	if n, err := strconv.Atoi(os.Getenv("MOTCUA_E2E_CLUSTER_DOSSIERS")); err == nil && n > 0 {
		return n
	}
	return 1000
}

func newPostgresCluster(t *testing.T) *cluster {
	c := prepare(t)
	if official() {
		t.Skip("the cluster runs from images/build's images only")
	}
	ctx := context.Background()
	c.postgres = c.start(ctx, testcontainers.ContainerRequest{
		Name: "motcua-e2e-postgres-" + c.run, Image: "motcua-local/postgres:15",
		Env:      map[string]string{"POSTGRES_DB": "motcua"},
		Networks: []string{c.core.Name}, NetworkAliases: map[string][]string{c.core.Name: {"postgres"}},
		WaitingFor: wait.ForLog("listening on IPv4 address").
			WithStartupTimeout(2 * time.Minute),
	})
	temporal := map[string]string{"POSTGRES_SEEDS": "postgres", "POSTGRES_USER": "postgres",
		"NUM_HISTORY_SHARDS": strconv.Itoa(historyShards)}
	setup := testcontainers.ContainerRequest{
		Name: "motcua-e2e-temporal-setup-" + c.run, Image: "motcua-local/temporal:1.32.1", Cmd: []string{"setup"},
		Env: temporal, Networks: []string{c.core.Name},
		WaitingFor: wait.ForExit().WithExitTimeout(3 * time.Minute),
	}
	ctr := c.start(ctx, setup)
	if st, err := ctr.State(ctx); err != nil || st.ExitCode != 0 {
		c.dumpLogs(ctr, setup.Name)
		t.Fatalf("Temporal's schema setup: %v, %+v", err, st)
	}
	for i := range temporalNodes {
		// One alias for every node: motcua resolves it to all of them and
		// spreads its calls, moving off a node that stops answering.
		c.temporal = append(c.temporal, c.start(ctx, testcontainers.ContainerRequest{
			Name: fmt.Sprintf("motcua-e2e-temporal-%d-%s", i+1, c.run), Image: "motcua-local/temporal:1.32.1",
			Cmd: []string{"start"}, Env: temporal,
			Networks: []string{c.core.Name}, NetworkAliases: map[string][]string{c.core.Name: {"temporal"}},
			WaitingFor: wait.ForLog("starting on").WithStartupTimeout(time.Minute),
		}))
	}
	c.env["MOTCUA_TEMPORAL_ADDRESS"] = "dns:///temporal:7233"
	c.env["MOTCUA_DATABASE_URL"] = "postgres://postgres@postgres:5432/motcua?sslmode=disable"
	c.motcuas(ctx, 2, 2)
	return c
}

// With 1,000 dossiers going through the whole flow on the cluster, a
// Temporal node is killed with SIGKILL and started again a while later,
// PostgreSQL is restarted, and a worker is cut off from the network for
// 20 s. Every dossier must end returned, once, with one payment and its
// whole record, the ledger must balance, and motcua reconcile must find no
// problem.
func TestClusterSurvivesNodeLoss(t *testing.T) {
	c := newPostgresCluster(t)
	n := clusterDossiers()
	c.survive(scenario{title: "cluster test", n: n, spread: 90 * time.Second, faults: []fault{
		{what: "kill -9 Temporal node 1", at: 10 * time.Second, do: func(ctx context.Context) error { return c.kill(ctx, c.temporal[0]) }},
		{what: "Temporal node 1 started again", heals: true, at: 30 * time.Second, do: func(ctx context.Context) error { return c.temporal[0].Start(ctx) }},
		{what: "restart PostgreSQL (fast shutdown, then start)", at: 45 * time.Second, do: func(ctx context.Context) error { return c.restart(ctx, c.postgres) }},
		{what: "worker-1 cut off from the network", at: 60 * time.Second, do: func(ctx context.Context) error { return c.cut(ctx, c.workers[0]) }},
		{what: "worker-1 reconnected after 20 s", heals: true, at: 80 * time.Second, do: func(ctx context.Context) error { return c.heal(ctx, c.workers[0], "worker-1") }},
	}})
}
