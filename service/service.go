package service

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"
	"go.temporal.io/sdk/worker"

	"github.com/motcua/motcua/activities"
	"github.com/motcua/motcua/api"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/blobs"
	"github.com/motcua/motcua/codec"
	"github.com/motcua/motcua/embedded"
	"github.com/motcua/motcua/gateway"
	"github.com/motcua/motcua/gateway/paygov"
	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/portal"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/scorecard"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/ui"
	"github.com/motcua/motcua/workflows"
)

// Service is motcua's parts, opened and connected.
type Service struct {
	Config    Config
	Log       *slog.Logger
	Catalogue *procedures.Catalogue
	Store     *store.Store
	Targets   *reports.Targets
	// Scorecard is the Decision 766 scorecard's indicators and rule.
	Scorecard *scorecard.Config
	Blobs     *blobs.Store
	Auth      auth.Verifier
	// Temporal is the instance's own Temporal: its worker polls it, and
	// new dossiers start there.
	Temporal client.Client
	// Carrier is what calls about a dossier's workflow go through:
	// Temporal, and while a province moves, the other Temporal after it
	// (twoEngines).
	Carrier   client.Client
	Simulator *gateway.Simulator
	// Platform calls the national payment platform, when it takes the
	// payments; PlatformSimulator is the simulated one this instance
	// serves, if any.
	Platform          *paygov.Client
	PlatformSimulator *paygov.Simulator
	// Portal calls the national portal; nil when it is off.
	Portal *portal.Client
	// PortalSimulator is the simulated portal this instance serves, if any.
	PortalSimulator *portal.Simulator
	// Keys seal what Temporal stores; the codec endpoint opens it for the
	// Web UI.
	Keys     *codec.Keys
	embedded *embedded.Server
	secret   []byte
}

// Open opens every part. With no Temporal address it starts the embedded
// server first; with one, it connects lazily, so that an API instance
// starts, and answers 503, while the cluster is away.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (_ *Service, err error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	s := &Service{Config: cfg, Log: log}
	defer func() {
		if err != nil {
			s.Close()
		}
	}()
	if err := s.openRecords(ctx); err != nil {
		return nil, err
	}
	blobURL := cfg.BlobURL
	if blobURL == "" {
		blobURL = filepath.Join(cfg.DataDir, "files")
	}
	if s.Blobs, err = blobs.Open(ctx, blobURL); err != nil {
		return nil, err
	}
	if s.Auth, err = verifier(ctx, cfg, log, s.Catalogue.Units()); err != nil {
		return nil, err
	}
	// Check allows one of the two: a real gateway's secret, or the
	// simulator with a key of its own.
	s.secret = []byte(cfg.PaymentSecret)
	if cfg.Simulator {
		s.secret = []byte(cfg.SimulatorKey)
		if len(s.secret) == 0 {
			s.secret = []byte(rand.Text())
		}
		if cfg.PaymentGateway == "paygov" {
			self := "http://" + loopback(cfg.HTTPAddr)
			s.PlatformSimulator = paygov.NewSimulator("MOTCUA-SIM", string(s.secret), self+"/payments/paygov/callback")
			s.PlatformSimulator.PayURL = self + "/paygov-simulator/pay"
			s.Platform = &paygov.Client{URL: self + "/paygov-simulator", Partner: "MOTCUA-SIM", Secret: string(s.secret)}
			log.Warn("the simulated national payment platform is on at /paygov-simulator/: any caller can pay there; for demos and tests only, never with real money")
		} else {
			s.Simulator = gateway.NewSimulator(s.secret, "http://"+loopback(cfg.HTTPAddr)+"/payments/callback")
			log.Warn("the simulated payment gateway is on: any caller can mark a dossier paid through /simulator; for demos and tests only, never with real money")
		}
	} else if cfg.PaymentGateway == "paygov" {
		s.Platform = &paygov.Client{URL: cfg.PaygovURL, Partner: cfg.PaygovPartner, Secret: cfg.PaymentSecret}
	}
	if err := s.openPortal(); err != nil {
		return nil, err
	}
	return s, s.connect(ctx)
}

// openPortal reads the portal's mapping and points it where the
// configuration says.
func (s *Service) openPortal() error {
	cfg := s.Config
	pc, err := portal.Load(cfg.PortalConfig)
	if err != nil {
		return fmt.Errorf("--portal-config: %w", err)
	}
	switch cfg.Portal {
	case "off":
		s.Log.Warn("the national portal is off: changes are queued and wait until it is on")
		return nil
	case "simulator", "":
		s.PortalSimulator = portal.NewSimulator()
		pc.URL = "http://" + loopback(cfg.HTTPAddr) + "/portal-simulator"
		s.Log.Warn("syncing with the simulated national portal at /portal-simulator/; give --portal the real portal's address in production")
	default:
		pc.URL = cfg.Portal
	}
	s.Portal = &portal.Client{Config: pc, HTTP: &http.Client{}}
	return nil
}

// OpenRecords opens only what reading the records takes: the catalogue,
// the store and the targets. Reports run this way beside a live instance,
// or against a copy of its database.
func OpenRecords(ctx context.Context, cfg Config) (*Service, error) {
	s := &Service{Config: cfg}
	if err := s.openRecords(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Service) openRecords(ctx context.Context) error {
	cfg := s.Config
	var err error
	if cfg.ProceduresDir == "" {
		s.Catalogue, err = procedures.Default()
	} else {
		s.Catalogue, err = procedures.LoadDir(cfg.ProceduresDir)
	}
	if err != nil {
		return err
	}
	if s.Catalogue.Units().Empty() {
		// Without a directory every filing would be refused: say so now.
		return fmt.Errorf("--procedures %s declares no units: add a file of kind: Units naming the units that receive dossiers (see procedures/catalogue/units/ha-tinh.yaml)", cfg.ProceduresDir)
	}
	if s.Targets, err = reports.LoadTargets(cfg.TargetsFile); err != nil {
		return fmt.Errorf("--targets: %w", err)
	}
	if s.Scorecard, err = scorecard.Load(cfg.ScorecardFile); err != nil {
		return fmt.Errorf("--scorecard: %w", err)
	}
	dbURL := cfg.DatabaseURL
	if dbURL == "" {
		dbURL = store.SQLitePath(cfg.DataDir)
	}
	s.Store, err = store.Open(ctx, dbURL)
	return err
}

// verifier builds the chain of token verifiers. Units named by tokens are
// checked against the directory at start, and by OIDC claims at login.
func verifier(ctx context.Context, cfg Config, log *slog.Logger, units *procedures.Units) (auth.Verifier, error) {
	known := func(code string) bool { _, ok := units.Unit(code); return ok }
	var chain auth.Chain
	if cfg.OIDCIssuer != "" {
		o, err := auth.NewOIDC(ctx, cfg.OIDCIssuer, cfg.OIDCAudience)
		if err != nil {
			return nil, err
		}
		o.Known = known
		chain = append(chain, o)
	}
	var tokens *auth.Tokens
	switch {
	case cfg.TokensFile != "":
		t, err := auth.LoadTokens(cfg.TokensFile)
		if err != nil {
			return nil, fmt.Errorf("--tokens: %w", err)
		}
		tokens = t
	case cfg.OIDCIssuer == "":
		log.Warn("using the demo tokens of the README: set MOTCUA_TOKENS_FILE or MOTCUA_OIDC_ISSUER for real use")
		tokens = auth.DemoTokens()
	}
	if tokens != nil {
		if err := tokens.CheckUnits(known); err != nil {
			return nil, fmt.Errorf("--tokens: %w", err)
		}
		chain = append(chain, tokens)
	}
	return chain, nil
}

func (s *Service) connect(ctx context.Context) error {
	cfg := s.Config
	address := cfg.TemporalAddress
	var err error
	if s.Keys, err = s.payloadKeys(); err != nil {
		return err
	}
	if address == "" {
		srv, err := embedded.Start(embedded.Options{DataDir: filepath.Join(cfg.DataDir, "temporal"), Port: cfg.TemporalPort,
			Namespace: cfg.Namespace, SearchAttributes: workflows.SearchAttributeTypes(), Logger: s.Log.With("component", "temporal"),
			MinRetention: cfg.MinRetention})
		if err != nil {
			return err
		}
		s.embedded, address = srv, srv.Address()
		s.Log.Info("embedded temporal started", "address", address, "file", srv.File())
	}
	dc := codec.DataConverter(s.Keys)
	opts := client.Options{HostPort: address, Namespace: cfg.Namespace, Logger: sdklog.NewStructuredLogger(s.Log.With("component", "sdk")),
		DataConverter: dc, FailureConverter: codec.FailureConverter(dc)}
	c, err := client.NewLazyClient(opts)
	if err != nil {
		return fmt.Errorf("temporal client: %w", err)
	}
	s.Temporal, s.Carrier = c, c
	if other := cfg.MovedFrom + cfg.MovingTo; other != "" { // Check lets one through
		opts.HostPort = other
		o, err := client.NewLazyClient(opts)
		if err != nil {
			return fmt.Errorf("the other Temporal, %s: %w", other, err)
		}
		s.Carrier = twoEngines{Client: c, other: o}
		s.Log.Info("dossiers unknown to this Temporal are looked for on the other", "address", other)
	}
	return nil
}

// payloadKeys is the configured key ring or, for the embedded default, one
// kept beside the Temporal database.
func (s *Service) payloadKeys() (*codec.Keys, error) {
	if s.Config.PayloadKeys != "" {
		k, err := codec.ParseKeys(s.Config.PayloadKeys)
		if err != nil {
			return nil, fmt.Errorf("--payload-keys: %w", err)
		}
		return k, nil
	}
	return codec.LoadOrCreate(filepath.Join(s.Config.DataDir, "temporal", "payload-keys"))
}

// Prepare registers the namespace when the cluster lacks it and sets its
// retention and search attributes, waiting for Temporal to answer.
func (s *Service) Prepare(ctx context.Context) error {
	for {
		err := embedded.Prepare(ctx, s.Temporal, s.Config.Namespace, s.Config.Retention, workflows.SearchAttributeTypes())
		if err == nil {
			return nil
		}
		s.Log.Warn("waiting for temporal", "err", err)
		select {
		case <-ctx.Done():
			return fmt.Errorf("preparing the namespace: %w", err)
		case <-time.After(2 * time.Second):
		}
	}
}

// Activities are the workflow's side effects, on this service's parts.
func (s *Service) Activities() *activities.Activities {
	var gw activities.Gateway = queuedRefunds{s.Store}
	if s.Simulator != nil {
		gw = s.Simulator
	}
	acts := &activities.Activities{Catalogue: s.Catalogue, Store: s.Store, Documents: s.Store, Gateway: gw,
		Notifier: s.Store, Ledger: s.Store, Reconciler: scheduled{s}, WarningLead: 8 * time.Hour}
	if s.Portal != nil {
		acts.Portal = portalSync{s}
	}
	if s.Platform != nil {
		acts.Platform = platformReconcile{s}
	}
	return acts
}

// Worker returns a worker with the dossier workflow and its activities.
func (s *Service) Worker() worker.Worker {
	w := worker.New(s.Temporal, workflows.TaskQueue, workerOptions())
	workflows.Register(w, s.Activities())
	return w
}

// workflowTaskPollers is how many polls for workflow tasks the worker keeps
// open. A new dossier's first task waits on the task queue every worker
// shares, and the officers' actions on each worker's own (sticky) queue;
// the SDK's two pollers both turn to the sticky queue while it has a
// backlog, so under a steady flow of actions a filing waited for a poller
// to come back: motcua bench put the filing's p99 under the flow at
// 4.4–5.4 s with two pollers and 0.73–0.82 s with eight, the flow's
// throughput the same, each officer's action slower at its median
// (about 70 ms to 170 ms) for the time the filings no longer wait.
const workflowTaskPollers = 8

// workerOptions are the dossier worker's options.
func workerOptions() worker.Options {
	return worker.Options{
		// On SIGTERM, running activities get this long to finish before
		// the worker lets go; Temporal retries whatever is cut off.
		WorkerStopTimeout:                20 * time.Second,
		MaxConcurrentWorkflowTaskPollers: workflowTaskPollers,
	}
}

// API returns the REST API on this service's parts.
func (s *Service) API() *api.Server {
	return &api.Server{Catalogue: s.Catalogue, Temporal: s.Carrier, Store: s.Store, Blobs: s.Blobs, Auth: s.Auth,
		PaymentSecret: s.secret, Simulator: s.Simulator, Platform: s.Platform, Log: s.Log, Targets: s.Targets, Scorecard: s.Scorecard,
		Codec: codec.New(s.Keys), CodecOrigins: s.Config.CodecOrigins}
}

// Pages returns the pages people look at, on this service's parts.
func (s *Service) Pages() *ui.Pages {
	return &ui.Pages{Catalogue: s.Catalogue, Store: s.Store, Targets: s.Targets, Scorecard: s.Scorecard, Temporal: s.Carrier, Auth: s.Auth,
		Keys: s.Keys, Namespace: s.Config.Namespace, TemporalUI: strings.TrimSuffix(s.Config.TemporalUI, "/"), Log: s.Log}
}

// Handler serves everything an instance answers over HTTP: the pages
// under /ui/ and the API everywhere else.
func (s *Service) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/ui/", s.Pages().Handler())
	mux.Handle("GET /ui", http.RedirectHandler("/ui/", http.StatusMovedPermanently))
	if s.PortalSimulator != nil {
		mux.Handle("/portal-simulator/", s.PortalSimulator)
	}
	if s.PlatformSimulator != nil {
		mux.Handle("/paygov-simulator/", s.PlatformSimulator)
	}
	mux.Handle("/", s.API().Handler())
	return mux
}

// TemporalAddress is where Temporal's frontend is.
func (s *Service) TemporalAddress() string {
	if s.embedded != nil {
		return s.embedded.Address()
	}
	return s.Config.TemporalAddress
}

// Close closes every part, the embedded server last.
func (s *Service) Close() {
	if other, ok := s.Carrier.(twoEngines); ok {
		other.Close()
	}
	if s.Temporal != nil {
		s.Temporal.Close()
	}
	if s.embedded != nil {
		s.embedded.Stop()
	}
	if s.Blobs != nil {
		s.Blobs.Close()
	}
	if s.Store != nil {
		s.Store.Close()
	}
}

// loopback turns a listen address into one to call: ":8080" and
// "0.0.0.0:8080" become "127.0.0.1:8080".
func loopback(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" || strings.HasPrefix(host, "[") {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}

// queuedRefunds is the refund path when no gateway integration is
// configured: the refund is queued as a notice for the finance office,
// once per key, and its reference says so.
type queuedRefunds struct{ store *store.Store }

func (q queuedRefunds) Refund(ctx context.Context, key, txID string, amount money.VND) (string, error) {
	err := q.store.Notify(ctx, model.Notice{Key: key, Dossier: dossierOf(key), To: "finance",
		Kind: "refund_requested", Text: fmt.Sprintf("refund %s of transaction %s through the gateway's portal", amount, txID)})
	return "queued:" + key, err
}

// dossierOf reads the dossier code out of a refund key, which the
// workflow makes as "refund/<dossier>/<transaction>".
func dossierOf(key string) string {
	code, _, _ := strings.Cut(strings.TrimPrefix(key, "refund/"), "/")
	return code
}
