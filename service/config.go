// Package service assembles motcua from its parts: the catalogue, the
// store, the file bucket, identities, Temporal (embedded or a cluster), the
// worker and the API. The command runs it; tests and the load generator
// build the same thing.
package service

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is how an instance runs. Every field has a flag and a MOTCUA_*
// environment variable; the flag wins.
type Config struct {
	DataDir         string
	HTTPAddr        string
	HealthAddr      string // a worker alone: where it serves /healthz and /readyz; empty serves none
	TemporalAddress string // empty: run the embedded server
	TemporalPort    int    // the embedded server's frontend port
	Namespace       string
	Retention       time.Duration
	DatabaseURL     string // empty: SQLite in the data directory
	BlobURL         string // empty: files in the data directory
	ProceduresDir   string // empty: the built-in catalogue
	TargetsFile     string // empty: the government's targets
	ScorecardFile   string // empty: the shipped Decision 766 scorecard
	TokensFile      string // empty: the demo tokens
	OIDCIssuer      string
	OIDCAudience    string
	PaymentSecret   string
	PayloadKeys     string // empty: the embedded default keeps a ring in the data directory
	CodecOrigins    []string
	TemporalUI      string // the Temporal Web UI's address, for the pages' links to workflows

	// While a province moves from one Temporal to another (twoEngines),
	// the new one's instances name the old in MovedFrom, and the old one's
	// last worker names the new in MovingTo; both are empty otherwise.
	MovedFrom string
	MovingTo  string

	// Simulator serves the simulated payment gateway. It signs callbacks
	// with SimulatorKey (random when empty), a key anyone holding the
	// simulator's endpoints can use, so it never runs beside a real
	// PaymentSecret. From flags, it is on exactly when no secret is set,
	// unless said otherwise.
	Simulator    bool
	SimulatorKey string
	LogLevel     string
	LogFormat    string
	// ReconcileEvery is how often the worker\'s schedule reconciles the
	// store with Temporal.
	ReconcileEvery time.Duration
	// PaymentGateway is which adapter takes online payments: "hmac", a
	// gateway posting callbacks signed with HMAC-SHA256, or "paygov", the
	// national payment platform.
	PaymentGateway string
	// PaygovURL and PaygovPartner are the platform's address and the
	// partner code it gave the province; the secret is PaymentSecret.
	PaygovURL     string
	PaygovPartner string
	// PaymentReconcileEvery is how often the platform is asked about
	// payments whose callback never came.
	PaymentReconcileEvery time.Duration
	// Portal is where the national portal is: a URL, "simulator" to serve
	// and use the simulated portal, or "off" to keep the changes queued
	// without sending them.
	Portal string
	// PortalConfig is the portal's mapping file; empty uses the shipped one.
	PortalConfig string
	// PortalSyncEvery is how often the worker's schedule syncs.
	PortalSyncEvery time.Duration

	// MinRetention is the shortest Retention accepted; zero means a day.
	// It has no flag: only tests that watch Temporal forget a closed
	// dossier lower it, and the embedded server follows.
	MinRetention time.Duration

	envErrs []error // environment variables that did not parse
	// groups are the flag groups registered; Check judges only those,
	// and a Config built by hand (no flags at all) is judged whole.
	groups FlagGroup
	// simulatorAuto: the simulator was not asked for or refused, so it
	// follows the payment secret.
	simulatorAuto bool
}

// explicitBool is a boolean flag that records being given.
type explicitBool struct {
	v   *bool
	set *bool // cleared auto
}

func (b explicitBool) String() string {
	if b.v == nil {
		return "auto"
	}
	return strconv.FormatBool(*b.v)
}

func (b explicitBool) Set(s string) error {
	x, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	*b.v, *b.set = x, false
	return nil
}

func (b explicitBool) IsBoolFlag() bool { return true }

// FlagGroup is a set of flags that belong together; each command
// registers only the groups it uses, so that its --help lists only what it
// reads.
type FlagGroup uint8

const (
	// DataFlags: where the data directory is.
	DataFlags FlagGroup = 1 << iota
	// RecordFlags: the store and the definitions reports read (the
	// catalogue, the targets, the scorecard).
	RecordFlags
	// TemporalFlags: how to reach Temporal and read what it keeps.
	TemporalFlags
	// LogFlags: the log's level and format.
	LogFlags
	// ServerFlags: what only a running api or worker uses.
	ServerFlags
)

// Flags registers every flag: serve, api and worker share them all.
func (c *Config) Flags(fs *flag.FlagSet) {
	c.FlagsFor(fs, DataFlags|RecordFlags|TemporalFlags|LogFlags|ServerFlags)
}

// FlagsFor registers the flags of the given groups on fs, with defaults
// from the environment. Check then judges only what was registered.
func (c *Config) FlagsFor(fs *flag.FlagSet, g FlagGroup) {
	c.groups |= g
	str := func(p *string, name, env, def, usage string) {
		fs.StringVar(p, name, envOr(env, def), usage+" ("+env+")")
	}
	if g&(DataFlags|RecordFlags) != 0 {
		str(&c.DataDir, "data-dir", "MOTCUA_DATA_DIR", "data", "where the embedded Temporal, the SQLite store and the files are kept")
	}
	if g&RecordFlags != 0 {
		str(&c.DatabaseURL, "database-url", "MOTCUA_DATABASE_URL", "", "postgres://... for PostgreSQL; empty uses SQLite in the data directory")
		str(&c.ProceduresDir, "procedures", "MOTCUA_PROCEDURES_DIR", "", "a directory of procedure definitions; empty uses the built-in catalogue")
		str(&c.TargetsFile, "targets", "MOTCUA_TARGETS_FILE", "", "a YAML file of the targets rates are held to; empty uses the government's")
		str(&c.ScorecardFile, "scorecard", "MOTCUA_SCORECARD_FILE", "", "a YAML file of the Decision 766 scorecard's indicators, targets, points and rule; empty uses the shipped one (scorecard/scorecard.yaml)")
	}
	if g&TemporalFlags != 0 {
		str(&c.TemporalAddress, "temporal-address", "MOTCUA_TEMPORAL_ADDRESS", "", "an external Temporal frontend host:port; empty runs the embedded server")
		str(&c.MovedFrom, "moved-from", "MOTCUA_MOVED_FROM", "", "the Temporal host:port this province moved from, which carries the dossiers received there to their end; a dossier this one does not know is looked for there")
		str(&c.MovingTo, "moving-to", "MOTCUA_MOVING_TO", "", "on the worker of the Temporal a province moves from: the new Temporal host:port, which now takes new dossiers and runs the schedules; this one only carries its dossiers to their end")
		str(&c.PayloadKeys, "payload-keys", "MOTCUA_PAYLOAD_KEYS", "", "the AES-256 keys that seal what Temporal stores, as id=base64,... with the key in force first; required with --temporal-address")
	}
	if g&(TemporalFlags|DataFlags) != 0 {
		fs.IntVar(&c.TemporalPort, "temporal-port", c.envInt("MOTCUA_TEMPORAL_PORT", 7233), "the embedded Temporal frontend's port (MOTCUA_TEMPORAL_PORT)")
		str(&c.Namespace, "namespace", "MOTCUA_NAMESPACE", "default", "the Temporal namespace")
	}
	if g&LogFlags != 0 {
		str(&c.LogLevel, "log-level", "MOTCUA_LOG_LEVEL", "info", "debug, info, warn or error")
		str(&c.LogFormat, "log-format", "MOTCUA_LOG_FORMAT", "text", "text or json")
	}
	if g&ServerFlags == 0 {
		return
	}
	str(&c.HTTPAddr, "http-addr", "MOTCUA_HTTP_ADDR", "127.0.0.1:8080", "where the API listens")
	str(&c.HealthAddr, "health-addr", "MOTCUA_HEALTH_ADDR", "", "where a worker without the API serves /healthz and /readyz; empty serves none")
	fs.DurationVar(&c.Retention, "retention", c.envDuration("MOTCUA_RETENTION", 90*24*time.Hour), "how long Temporal keeps a closed dossier's history; the store keeps its record for good (MOTCUA_RETENTION)")
	str(&c.BlobURL, "blob-url", "MOTCUA_BLOB_URL", "", "s3://bucket?endpoint=...&use_path_style=true for S3 or MinIO; empty stores files in the data directory")
	str(&c.TokensFile, "tokens", "MOTCUA_TOKENS_FILE", "", "a YAML file of bearer tokens; empty uses the demo tokens of the README")
	str(&c.OIDCIssuer, "oidc-issuer", "MOTCUA_OIDC_ISSUER", "", "an OpenID Connect issuer whose JWTs are accepted")
	str(&c.OIDCAudience, "oidc-audience", "MOTCUA_OIDC_AUDIENCE", "motcua", "the audience those JWTs must name")
	fs.Func("codec-origins", "origins, comma-separated, of Temporal Web UIs allowed to call the codec endpoint (MOTCUA_CODEC_ORIGINS)", func(v string) error {
		c.CodecOrigins = splitList(v)
		return nil
	})
	c.CodecOrigins = splitList(os.Getenv("MOTCUA_CODEC_ORIGINS"))
	str(&c.TemporalUI, "temporal-ui", "MOTCUA_TEMPORAL_UI", "", "the Temporal Web UI's address, such as https://temporal.example, for the pages' links to each dossier's workflow")
	str(&c.PaymentSecret, "payment-secret", "MOTCUA_PAYMENT_SECRET", "", "the HMAC key of payment callbacks; empty makes a random one, for the simulator only")
	c.simulatorAuto = true
	if _, ok := os.LookupEnv("MOTCUA_PAYMENT_SIMULATOR"); ok {
		c.Simulator, c.simulatorAuto = c.envBool("MOTCUA_PAYMENT_SIMULATOR", false), false
	}
	fs.Var(explicitBool{&c.Simulator, &c.simulatorAuto}, "payment-simulator",
		"serve the simulated payment gateway; by default only when no --payment-secret is set, and never beside one (MOTCUA_PAYMENT_SIMULATOR)")
	str(&c.SimulatorKey, "payment-simulator-key", "MOTCUA_PAYMENT_SIMULATOR_KEY", "", "the key the simulated gateway signs its callbacks with; empty makes a random one")
	fs.DurationVar(&c.ReconcileEvery, "reconcile-every", c.envDuration("MOTCUA_RECONCILE_EVERY", 15*time.Minute), "how often the worker reconciles the store with Temporal and repairs what it safely can (MOTCUA_RECONCILE_EVERY)")
	str(&c.PaymentGateway, "payment-gateway", "MOTCUA_PAYMENT_GATEWAY", "hmac", "which adapter takes online payments: hmac (callbacks signed with HMAC-SHA256 in X-Motcua-Signature) or paygov (the national payment platform, MaXacThuc)")
	str(&c.PaygovURL, "paygov-url", "MOTCUA_PAYGOV_URL", "", "the national payment platform's address, with --payment-gateway paygov; the simulator's when it is on")
	str(&c.PaygovPartner, "paygov-partner", "MOTCUA_PAYGOV_PARTNER", "", "the partner code (MaDoiTac) the platform gave the province")
	fs.DurationVar(&c.PaymentReconcileEvery, "payment-reconcile-every", c.envDuration("MOTCUA_PAYMENT_RECONCILE_EVERY", 10*time.Minute), "how often the worker asks the payment platform about payments still pending between 30 minutes and 3 days old (MOTCUA_PAYMENT_RECONCILE_EVERY)")
	str(&c.Portal, "portal", "MOTCUA_PORTAL", "simulator", "the national public service portal: its URL (overriding the mapping file's), simulator to serve the simulated portal at /portal-simulator/ and sync with it, or off to queue changes without sending them")
	str(&c.PortalConfig, "portal-config", "MOTCUA_PORTAL_CONFIG", "", "a YAML file of the portal's endpoints, status codes and field names; empty uses the shipped one (portal/dvcqg.yaml)")
	fs.DurationVar(&c.PortalSyncEvery, "portal-sync-every", c.envDuration("MOTCUA_PORTAL_SYNC_EVERY", 15*time.Second), "how often the worker delivers what the national portal has still to hear (MOTCUA_PORTAL_SYNC_EVERY)")
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

// envParse reads a typed environment variable, keeping the error for
// Check: a mistyped variable must stop the start, not be ignored.
func envParse[T any](c *Config, name string, def T, parse func(string) (T, error)) T {
	v, ok := os.LookupEnv(name)
	if !ok || v == "" {
		return def
	}
	x, err := parse(v)
	if err != nil {
		c.envErrs = append(c.envErrs, fmt.Errorf("%s=%q: %w", name, v, err))
		return def
	}
	return x
}

func (c *Config) envInt(name string, def int) int { return envParse(c, name, def, strconv.Atoi) }

func (c *Config) envBool(name string, def bool) bool {
	return envParse(c, name, def, strconv.ParseBool)
}

func (c *Config) envDuration(name string, def time.Duration) time.Duration {
	return envParse(c, name, def, time.ParseDuration)
}

// Check reports a configuration that cannot work.
func (c *Config) Check() error {
	if len(c.envErrs) > 0 {
		return c.envErrs[0]
	}
	has := func(g FlagGroup) bool { return c.groups == 0 || c.groups&g != 0 }
	if has(LogFlags) {
		switch {
		case c.LogLevel != "debug" && c.LogLevel != "info" && c.LogLevel != "warn" && c.LogLevel != "error":
			return fmt.Errorf("--log-level: %q: use debug, info, warn or error", c.LogLevel)
		case c.LogFormat != "text" && c.LogFormat != "json":
			return fmt.Errorf("--log-format: %q: use text or json", c.LogFormat)
		}
	}
	if has(TemporalFlags|DataFlags) && c.TemporalAddress == "" && (c.TemporalPort <= 0 || c.TemporalPort > 65535) {
		return fmt.Errorf("--temporal-port: %d is not a port", c.TemporalPort)
	}
	if has(TemporalFlags) {
		switch {
		case c.MovedFrom != "" && c.MovingTo != "":
			return fmt.Errorf("--moved-from and --moving-to: give one: --moved-from on the new Temporal's instances, --moving-to on the old one's worker")
		case c.MovedFrom != "" && c.MovedFrom == c.TemporalAddress:
			return fmt.Errorf("--moved-from: %s is --temporal-address too: name the Temporal the province moved from", c.MovedFrom)
		case c.MovingTo != "" && c.MovingTo == c.TemporalAddress:
			return fmt.Errorf("--moving-to: %s is --temporal-address too: name the Temporal the province moves to", c.MovingTo)
		}
	}
	if !has(ServerFlags) {
		return nil
	}
	floor := 24 * time.Hour
	if c.MinRetention > 0 {
		floor = c.MinRetention
	}
	switch {
	case c.Retention < floor:
		return fmt.Errorf("--retention: %s is too short: keep closed dossiers at least a day", c.Retention)
	case c.TemporalAddress != "" && c.PayloadKeys == "":
		return fmt.Errorf("--payload-keys: every api and worker of a cluster must share the keys that seal Temporal's payloads; make one with: motcua keys new")
	}
	if c.ReconcileEvery <= 0 {
		c.ReconcileEvery = 15 * time.Minute
	}
	if c.PaymentReconcileEvery <= 0 {
		c.PaymentReconcileEvery = 10 * time.Minute
	}
	if c.PortalSyncEvery <= 0 {
		c.PortalSyncEvery = 15 * time.Second
	}
	switch {
	case c.Portal == "":
		c.Portal = "simulator"
	case c.Portal == "simulator" || c.Portal == "off":
	case !strings.HasPrefix(c.Portal, "http://") && !strings.HasPrefix(c.Portal, "https://"):
		return fmt.Errorf("--portal: %q: give the portal's http:// or https:// address, simulator, or off", c.Portal)
	}
	if c.simulatorAuto {
		c.Simulator, c.simulatorAuto = c.PaymentSecret == "", false
	}
	switch c.PaymentGateway {
	case "", "hmac":
		c.PaymentGateway = "hmac"
	case "paygov":
		if !c.Simulator && (c.PaygovURL == "" || c.PaygovPartner == "") {
			return fmt.Errorf("--paygov-url, --paygov-partner: the national payment platform's address and partner code are needed with --payment-gateway paygov")
		}
	default:
		return fmt.Errorf("--payment-gateway: %q: use hmac or paygov", c.PaymentGateway)
	}
	switch {
	case c.Simulator && c.PaymentSecret != "":
		return fmt.Errorf("--payment-simulator: a real --payment-secret is set; the simulator lets any caller mark a dossier paid, so the two never run together: drop one")
	case !c.Simulator && c.PaymentSecret == "":
		return fmt.Errorf("--payment-secret: needed to check real gateways' callbacks (or run the simulator, for demos and tests: --payment-simulator)")
	case !c.Simulator && c.SimulatorKey != "":
		return fmt.Errorf("--payment-simulator-key: set without the simulator")
	}
	return nil
}
