// Package api is motcua's REST API, built on Huma: procedures and quotes,
// dossiers and their uploads, officers' and citizens' actions, payment
// callbacks and supervision. One file per resource. Every error is an RFC
// 9457 problem that names the field at fault.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"

	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/blobs"
	"github.com/motcua/motcua/gateway"
	"github.com/motcua/motcua/gateway/paygov"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/scorecard"
	"github.com/motcua/motcua/store"
)

// Server holds what the API needs. Fields left zero get defaults in
// Handler.
type Server struct {
	Catalogue *procedures.Catalogue
	Temporal  client.Client
	Store     *store.Store
	Blobs     *blobs.Store
	Auth      auth.Verifier
	// PaymentSecret is the key gateways sign callbacks with.
	PaymentSecret []byte
	// Simulator, when set, serves the simulated gateway's endpoints.
	Simulator *gateway.Simulator
	// Platform, when set, takes payments through the national payment
	// platform instead of the HMAC-signed gateway: its callback replaces
	// that gateway's, and payments are opened with POST /payments/orders.
	Platform *paygov.Client
	Log      *slog.Logger
	// Now is the clock; tests set it.
	Now func() time.Time
	// DueSoon is how much working time before its due instant a dossier
	// counts as due soon.
	DueSoon time.Duration
	// KeyLease is how long a submission holds its idempotency key before a
	// retry may assume it died.
	KeyLease time.Duration
	// ActionTimeout bounds how long an action waits for the workflow.
	ActionTimeout time.Duration
	// Scorecard is the Decision 766 scorecard's indicators and rule; nil
	// uses the one shipped with motcua.
	Scorecard *scorecard.Config
	// Targets are what the rates are compared with; nil uses the
	// government's, shipped with motcua.
	Targets *reports.Targets
	// Codec opens Temporal's sealed payloads at /codec for the Web UI;
	// nil serves no codec endpoint.
	Codec converter.PayloadCodec
	// CodecOrigins are the Web UI origins allowed to call it.
	CodecOrigins []string
}

// defaults fills what was left unset, for the handler and for the
// worker, which settles payments through the same server.
func (s *Server) defaults() {
	if s.Log == nil {
		s.Log = slog.Default()
	}
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.DueSoon == 0 {
		s.DueSoon = 8 * time.Hour
	}
	if s.KeyLease == 0 {
		s.KeyLease = 30 * time.Second
	}
	if s.ActionTimeout == 0 {
		s.ActionTimeout = 20 * time.Second
	}
	if s.Targets == nil {
		s.Targets = reports.DefaultTargets()
	}
}

// Version is the API's version in its OpenAPI document.
const Version = "1.0.0"

// Handler returns the HTTP handler of the whole API.
func (s *Server) Handler() http.Handler {
	s.defaults()
	mux := http.NewServeMux()
	config := huma.DefaultConfig("motcua", Version)
	config.Info.Description = "The one-stop shop for administrative procedures: file dossiers, act on them, pay, and supervise."
	config.DocsPath = ""    // served offline by docs.go
	config.OpenAPIPath = "" // served polished by openapi.go
	// Every answer is normalized first, before Huma adds its $schema link.
	config.Transformers = append([]huma.Transformer{normalizeAnswer}, config.Transformers...)
	config.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer": {Type: "http", Scheme: "bearer", Description: "A token from the tokens file, or an OIDC JWT."},
	}
	api := humago.New(mux, config)
	api.UseMiddleware(s.authenticate(api))
	s.registerProcedures(api)
	s.registerDossiers(api)
	s.registerUploads(api)
	s.registerActions(api)
	s.registerPapers(api)
	s.registerPayments(api)
	s.registerLedger(api)
	s.registerSupervision(api)
	s.registerPortal(api)
	s.registerScorecard(api)
	s.registerReports(api)
	registerOpenAPI(mux, api) // after every operation
	s.registerHealth(mux)
	registerDocs(mux)
	if s.Codec != nil {
		mux.Handle("/codec/", s.codecHandler())
	}
	return s.limitUploads(routes(mux))
}

// detached is a context for work that must finish even when the client
// goes away, such as recording what was started.
func detached(ctx context.Context) context.Context { return context.WithoutCancel(ctx) }
