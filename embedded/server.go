// Package embedded runs a Temporal server inside the motcua process, persisted
// in SQLite, the way the Temporal CLI's development server does: one
// history shard, the four services on local ports, a namespace created at
// start-up. The history is kept in temporal.db and the lists of workflows
// in visibility.db beside it. A province starts on it with a single binary and moves to an
// external cluster later without changing code.
package embedded

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"

	"go.temporal.io/api/enums/v1"

	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/cluster"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/membership/static"
	sqliteplugin "go.temporal.io/server/common/persistence/sql/sqlplugin/sqlite"
	"go.temporal.io/server/common/primitives"
	sqliteschema "go.temporal.io/server/schema/sqlite"
	"go.temporal.io/server/temporal"
)

// Options configure the embedded server.
type Options struct {
	// DataDir holds the SQLite files; empty keeps everything in memory, for
	// tests that need a real server but no file.
	DataDir string
	// IP and Port are where the frontend listens; Port 0 picks a free one.
	// The other services listen on IP too.
	IP   string
	Port int
	// FrontendIP, when set, is where the frontend listens instead of IP:
	// 0.0.0.0 in a container, whose clients come from other hosts, while
	// the services still find each other on IP.
	FrontendIP string
	// Namespace is created when missing, with SearchAttributes; for a
	// namespace that exists already, Prepare adds missing attributes.
	Namespace        string
	SearchAttributes map[string]enums.IndexedValueType
	Logger           *slog.Logger
	// MinRetention lowers the shortest retention a namespace may have
	// (an hour by default) and deletes closed workflows as soon as it has
	// passed, without the half-hour jitter that spreads deletions out. Tests
	// that watch Temporal forget a dossier set it; zero leaves both alone.
	MinRetention time.Duration
}

// Server is a running embedded Temporal server.
type Server struct {
	srv      temporal.Server
	address  string
	file     string
	stopping *atomic.Bool
	lock     *os.File // nil in memory
}

const clusterName = "active"

// Start builds and starts the server. It returns once the frontend accepts
// connections.
func Start(o Options) (*Server, error) {
	if o.IP == "" {
		o.IP = "127.0.0.1"
	}
	if o.Namespace == "" {
		return nil, errors.New("embedded temporal: no namespace")
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	var err error
	var held *os.File
	if o.DataDir != "" {
		if held, err = lock(o.DataDir); err != nil {
			return nil, err
		}
	}
	started := false
	defer func() {
		if !started && held != nil {
			held.Close()
		}
	}()
	if o.Port == 0 {
		if o.Port, err = FreePort(o.IP); err != nil {
			return nil, err
		}
	}
	sqlConf, file, err := sqlConfig(o)
	if err != nil {
		return nil, err
	}
	visConf := sqlConf
	if file != "" {
		if visConf, err = visibilityConfig(sqlConf, o.DataDir); err != nil {
			return nil, err
		}
	}
	conf, err := serverConfig(o, sqlConf, visConf)
	if err != nil {
		return nil, err
	}
	logger := serverLogger{log: o.Logger, stopping: new(atomic.Bool)}
	authorizer, err := authorization.GetAuthorizerFromConfig(&conf.Global.Authorization)
	if err != nil {
		return nil, fmt.Errorf("embedded temporal: authorizer: %w", err)
	}
	claimMapper, err := authorization.GetClaimMapperFromConfig(&conf.Global.Authorization, logger)
	if err != nil {
		return nil, fmt.Errorf("embedded temporal: claim mapper: %w", err)
	}
	hosts := map[primitives.ServiceName]static.Hosts{}
	for _, name := range []primitives.ServiceName{primitives.FrontendService, primitives.MatchingService, primitives.HistoryService, primitives.WorkerService} {
		hosts[name] = static.SingleLocalHost(net.JoinHostPort(o.IP, strconv.Itoa(conf.Services[string(name)].RPC.GRPCPort)))
	}
	srv, err := temporal.NewServer(
		temporal.WithConfig(conf),
		temporal.ForServices(temporal.DefaultServices),
		temporal.WithStaticHosts(hosts),
		temporal.WithLogger(logger),
		temporal.WithAuthorizer(authorizer),
		temporal.WithClaimMapper(func(*config.Config) authorization.ClaimMapper { return claimMapper }),
		temporal.WithDynamicConfigClient(dynamicConfig(o)),
	)
	if err != nil {
		return nil, fmt.Errorf("embedded temporal: %w", err)
	}
	if err := srv.Start(); err != nil {
		return nil, fmt.Errorf("embedded temporal: start: %w", err)
	}
	started = true
	return &Server{srv: srv, address: net.JoinHostPort(o.IP, strconv.Itoa(o.Port)), file: file, stopping: logger.stopping, lock: held}, nil
}

// transferReadsPerSecond bounds the transfer queue's reads on the one
// shard: a read is one indexed range query, and at a thousand a second a
// task waits a millisecond for the next.
const transferReadsPerSecond = 1000

func dynamicConfig(o Options) dynamicconfig.StaticClient {
	dc := dynamicconfig.StaticClient{
		// One process serves every dossier: keep many in the cache.
		dynamicconfig.HistoryCacheHostLevelMaxSize.Key(): 8096,
		// Supervisors list dossiers through visibility.
		dynamicconfig.FrontendMaxNamespaceVisibilityRPSPerInstance.Key(): 100,
		// Search attributes added at start-up take effect within seconds.
		dynamicconfig.NamespaceCacheRefreshInterval.Key(): 2 * time.Second,
		// The transfer queue hands a new workflow's first task, and every
		// activity, to matching. It reads its tasks at most this many
		// times a second per shard: Temporal's 20 suits a cluster of many
		// shards, but on this server's one shard it made a filing wait
		// 25–35 ms at its median for the next read once filings came
		// faster than 20 a second (motcua bench: "POST /dossiers" at 30/s,
		// p50 53–62 ms before, 18–24 ms after).
		dynamicconfig.TransferProcessorMaxPollRPS.Key(): transferReadsPerSecond,
	}
	if o.MinRetention > 0 {
		dc[dynamicconfig.NamespaceMinRetentionLocal.Key()] = o.MinRetention
		dc[dynamicconfig.RetentionTimerJitterDuration.Key()] = time.Millisecond
	}
	return dc
}

// Address is the frontend's host:port, for clients and workers.
func (s *Server) Address() string { return s.address }

// File is the SQLite file the server keeps its history in, empty when in
// memory; visibility.db is beside it.
func (s *Server) File() string { return s.file }

// Stop stops the server; the SQLite files keep everything for the next start.
func (s *Server) Stop() {
	s.stopping.Store(true)
	s.srv.Stop()
	if s.lock != nil {
		s.lock.Close()
	}
}

// sqlConfig points the persistence at the SQLite file, creating its schema
// the first time. WAL keeps a commit durable when the process is killed
// without costing an fsync per transaction.
func sqlConfig(o Options) (*config.SQL, string, error) {
	conf := &config.SQL{PluginName: sqliteplugin.PluginName}
	var file string
	if o.DataDir == "" {
		conf.ConnectAttributes = map[string]string{"mode": "memory", "cache": "shared"}
		conf.DatabaseName = "motcua-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	} else {
		if err := os.MkdirAll(o.DataDir, 0o750); err != nil {
			return nil, "", fmt.Errorf("embedded temporal: data dir: %w", err)
		}
		file = filepath.Join(o.DataDir, "temporal.db")
		conf.DatabaseName = file
		conf.ConnectAttributes = map[string]string{"mode": "rwc", "journal_mode": "wal", "synchronous": "normal", "busy_timeout": "10000"}
		// One connection, as the Temporal CLI's dev server keeps: SQLite
		// has one writer, and connections that race for it turn deferred
		// transactions into SQLITE_BUSY retries (logged as errors on
		// start and under load). Measured with motcua bench -n 150 on
		// one machine, one connection carried the one-activity ceiling
		// at 77–90 workflows/s against 37–39 with four, and the standard
		// flow at 12.1–12.8 dossiers/s against 10.2–11.4.
		conf.MaxConns, conf.MaxIdleConns = 1, 1
		if _, err := os.Stat(file); errors.Is(err, os.ErrNotExist) {
			if err := sqliteschema.SetupSchema(conf); err != nil {
				return nil, "", fmt.Errorf("embedded temporal: schema: %w", err)
			}
		}
	}
	ns, err := sqliteschema.NewNamespaceConfig(clusterName, o.Namespace, false, o.SearchAttributes)
	if err != nil {
		return nil, "", fmt.Errorf("embedded temporal: namespace: %w", err)
	}
	if err := sqliteschema.CreateNamespaces(conf, ns); err != nil {
		return nil, "", fmt.Errorf("embedded temporal: namespace: %w", err)
	}
	return conf, file, nil
}

// serverConfig is the server's static configuration. Visibility has a
// data store of its own, which in memory is the same database.
func serverConfig(o Options, sqlConf, visConf *config.SQL) (*config.Config, error) {
	var conf config.Config
	conf.Global.Membership.MaxJoinDuration = 30 * time.Second
	conf.Global.Membership.BroadcastAddress = o.IP
	conf.Persistence.DefaultStore = "sqlite"
	conf.Persistence.VisibilityStore = "visibility"
	conf.Persistence.NumHistoryShards = 1
	conf.Persistence.DataStores = map[string]config.DataStore{"sqlite": {SQL: sqlConf}, "visibility": {SQL: visConf}}
	httpPort, err := FreePort(o.IP)
	if err != nil {
		return nil, err
	}
	conf.ClusterMetadata = &cluster.Config{
		FailoverVersionIncrement: 10,
		MasterClusterName:        clusterName,
		CurrentClusterName:       clusterName,
		ClusterInformation: map[string]cluster.ClusterInformation{clusterName: {
			Enabled:                true,
			InitialFailoverVersion: 1,
			RPCAddress:             net.JoinHostPort(o.IP, strconv.Itoa(o.Port)),
			HTTPAddress:            net.JoinHostPort(o.IP, strconv.Itoa(httpPort)),
			ClusterID:              "motcua",
		}},
	}
	conf.DCRedirectionPolicy.Policy = "noop"
	conf.Services = map[string]config.Service{}
	for _, name := range []string{"frontend", "history", "matching", "worker"} {
		var svc config.Service
		svc.RPC.BindOnIP = o.IP
		if name == "frontend" {
			svc.RPC.GRPCPort, svc.RPC.HTTPPort = o.Port, httpPort
			if o.FrontendIP != "" {
				svc.RPC.BindOnIP = o.FrontendIP
			}
		} else if svc.RPC.GRPCPort, err = FreePort(o.IP); err != nil {
			return nil, err
		}
		conf.Services[name] = svc
	}
	conf.Archival.History.State = "disabled"
	conf.Archival.Visibility.State = "disabled"
	conf.NamespaceDefaults.Archival.History.State = "disabled"
	conf.NamespaceDefaults.Archival.Visibility.State = "disabled"
	conf.PublicClient.HostPort = net.JoinHostPort(o.IP, strconv.Itoa(o.Port))
	return &conf, nil
}

// FreePort asks the kernel for a port nobody listens on at ip, for the
// embedded server and for tests that run several instances.
func FreePort(ip string) (int, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		return 0, fmt.Errorf("embedded temporal: free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
