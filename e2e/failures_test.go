package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua/money"
)

// dossiers is how many go through the flow while the faults are injected.
func dossiers() int {
	if n, err := strconv.Atoi(os.Getenv("MOTCUA_E2E_DOSSIERS")); err == nil && n > 0 {
		return n
	}
	return 500
}

// flow takes dossier i from filing to the returned result. Every step
// survives the faults: submissions are retried under their idempotency
// key, actions are checked against the dossier when an earlier attempt may
// have landed, and payment comes from the gateway's callbacks.
func flow(ctx context.Context, d *driver, gw *payments, i int, submitted *atomic.Int64) (string, error) {
	tk, err := d.upload(ctx, portalToken, "to_khai", pdf(fmt.Sprintf("to khai e2e %d", i)))
	if err != nil {
		return "", err
	}
	home, err := d.upload(ctx, portalToken, "cho_o_hop_phap", pdf(fmt.Sprintf("cho o e2e %d", i)))
	if err != nil {
		return "", err
	}
	body := map[string]any{"procedure": procedure, "agency": "ubnd-xa-thach-ha", "channel": "online",
		"applicant":  map[string]any{"id": fmt.Sprintf("0421%08d", i), "name": "Người nộp thử"},
		"inputs":     map[string]any{"own_home": true},
		"components": []map[string]any{{"code": "to_khai", "document": tk}, {"code": "cho_o_hop_phap", "document": home}}}
	var filed struct {
		Code  string
		Quote struct{ Total money.VND }
	}
	for {
		a, _, err := d.json(ctx, http.MethodPost, "/dossiers", portalToken, body, "Idempotency-Key", fmt.Sprintf("e2e-filing-%06d", i))
		if err != nil {
			return "", err
		}
		if a.status == http.StatusConflict { // the first attempt is still in flight
			time.Sleep(time.Second)
			continue
		}
		if a.status != http.StatusCreated && a.status != http.StatusOK {
			return "", fmt.Errorf("filing %d: %d %s", i, a.status, a.body)
		}
		if err := a.decode(&filed); err != nil {
			return "", err
		}
		break
	}
	code := filed.Code
	submitted.Add(1)
	if _, err := d.waitFor(ctx, code, func(v view) bool { return v.stage() == "in_review" }); err != nil {
		return code, err
	}
	past := func(stages ...string) func(view) bool {
		return func(v view) bool { return !slices.Contains(stages, v.stage()) }
	}
	// One citizen in five pays at once, before the officer accepts: the
	// dossier does not take the money, which is refunded, and the citizen
	// pays again once asked.
	early := i%5 == 0
	if early {
		gw.payNow(ctx, code, filed.Quote.Total)
	}
	if err := d.act(ctx, code, "accept", map[string]any{}, past("received", "in_review")); err != nil {
		return code, err
	}
	gw.pay(code, filed.Quote.Total)
	// Steps are taken once processing starts: a dossier just paid is not
	// there yet while its payment is being recorded.
	if _, err := d.waitFor(ctx, code, past("accepted", "awaiting_payment", "paid")); err != nil {
		return code, err
	}
	for _, s := range [][2]string{{"tiep_nhan", "receiver"}, {"tham_dinh", "police_officer"}, {"phe_duyet", "chief"}} {
		stepDone := func(v view) bool {
			for _, st := range v.State.Steps {
				if st.Code == s[0] {
					return !st.Done.IsZero()
				}
			}
			return false
		}
		if err := d.act(ctx, code, "complete-step", map[string]any{"step": s[0], "role": s[1]}, stepDone); err != nil {
			return code, err
		}
	}
	result, err := d.upload(ctx, officerToken, "result", pdf("result "+code))
	if err != nil {
		return code, err
	}
	if err := d.act(ctx, code, "approve", map[string]any{"result": result}, past("processing")); err != nil {
		return code, err
	}
	return code, d.act(ctx, code, "return-result", map[string]any{"via": "online"}, past("processing", "ready_to_return"))
}

// fault is one failure to inject, when, and what it met.
type fault struct {
	what     string
	heals    bool // undoes an earlier fault: it need meet no dossier in flight
	at       time.Duration
	do       func(context.Context) error
	inFlight int64
}

// scenario is a load of dossiers driven through the flow while faults are
// injected, and what the run must show besides every dossier whole.
type scenario struct {
	title   string        // names the summary
	n       int           // dossiers
	spread  time.Duration // filings are spread over it, so that every fault meets dossiers in flight
	faults  []fault
	want503 bool // a fault leaves the API without Temporal for a while
}

// With 500 dossiers in flight, a worker is killed with SIGKILL, Temporal
// is restarted, the API is cut off from Temporal for ten seconds, and every
// payment callback is delivered twice, out of order. Every dossier must end
// returned, once, with one payment and its whole record; the API must
// answer 503 with Retry-After while Temporal is away, never 500.
func TestNothingIsLostUnderFaults(t *testing.T) {
	c := newCluster(t)
	c.survive(scenario{title: "failure test", n: dossiers(), spread: time.Minute, want503: true, faults: []fault{
		{what: "kill -9 worker-1", at: 5 * time.Second, do: func(ctx context.Context) error { return c.kill(ctx, c.workers[0]) }},
		{what: "worker-1 started again", heals: true, at: 15 * time.Second, do: func(ctx context.Context) error { return c.workers[0].Start(ctx) }},
		{what: "restart Temporal (SIGTERM, then start)", at: 22 * time.Second, do: func(ctx context.Context) error { return c.restart(ctx, c.temporal[0]) }},
		{what: "API cut off from Temporal", at: 40 * time.Second, do: func(ctx context.Context) error { return c.cut(ctx, c.apis[0]) }},
		{what: "API reconnected after 10 s", heals: true, at: 50 * time.Second, do: func(ctx context.Context) error { return c.heal(ctx, c.apis[0], "api") }},
	}})
}

// survive runs the scenario and checks that nothing was lost: every
// dossier returned, once, with one payment and its whole record, a ledger
// that balances, and motcua reconcile finding no problem.
func (c *cluster) survive(sc scenario) {
	t, n := c.t, sc.n
	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Minute)
	defer cancel()
	tl := &tally{}
	var drivers []*driver
	for _, base := range c.bases {
		drivers = append(drivers, &driver{base: base, tally: tl, client: &http.Client{Timeout: 30 * time.Second,
			Transport: &http.Transport{MaxIdleConnsPerHost: 64}}})
	}
	d := drivers[0]
	gw := &payments{d: d, secret: []byte(c.secret)}
	gwCtx, stopGateway := context.WithCancel(ctx)
	gwDone := make(chan struct{})
	go func() { gw.run(gwCtx); close(gwDone) }()

	start := time.Now()
	var submitted, finished atomic.Int64
	inFlight := func() int64 { return submitted.Load() - finished.Load() }

	// The faults, one after another, once the flow is under way.
	faults := sc.faults
	var faultErr error
	faultsDone := make(chan struct{})
	go func() {
		defer close(faultsDone)
		for i := range faults {
			f := &faults[i]
			time.Sleep(time.Until(start.Add(f.at)))
			f.at, f.inFlight = time.Since(start).Round(100*time.Millisecond), inFlight()
			if err := f.do(ctx); err != nil {
				faultErr = fmt.Errorf("%s: %w", f.what, err)
				return
			}
		}
	}()

	// Each dossier goes through one API, the APIs taking turns.
	pace := sc.spread / time.Duration(n)
	codes := make([]string, n)
	errs := make([]error, n)
	var next, failedFlows atomic.Int64
	var wg sync.WaitGroup
	for range 40 {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				time.Sleep(time.Until(start.Add(time.Duration(i) * pace)))
				codes[i], errs[i] = flow(ctx, drivers[i%len(drivers)], gw, i, &submitted)
				if errs[i] != nil && failedFlows.Add(1) <= 3 {
					t.Logf("dossier %d failed at %s: %v", i, time.Since(start).Round(time.Second), errs[i])
				}
				finished.Add(1)
			}
		})
	}
	wg.Wait()
	flowTook := time.Since(start)
	<-faultsDone
	// Let the gateway's second copies go out.
	drain, cancelDrain := context.WithTimeout(ctx, time.Minute)
	gw.drain(drain, int64(4*n+2*((n+4)/5)))
	cancelDrain()
	stopGateway()
	<-gwDone
	if faultErr != nil {
		t.Fatalf("injecting a fault: %v", faultErr)
	}
	for i, err := range errs {
		if err != nil {
			t.Errorf("dossier %d (%s): %v", i, codes[i], err)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	// Every dossier, read back from the API: returned, once, with one
	// payment, one line in the ledger and its whole timeline.
	check := context.Background()
	ledger := struct {
		received, refunded money.VND
		unapplied          map[string]int
	}{unapplied: map[string]int{}}
	// Refunds of money no dossier took run on their own: wait for them.
	d.settle(check, t, codes)
	seen := map[string]int{}
	var problems []string
	for i, code := range codes {
		seen[code]++
		v, err := d.view(check, code)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		bad := func(f string, a ...any) {
			problems = append(problems, fmt.Sprintf("dossier %d %s: ", i, code)+fmt.Sprintf(f, a...))
		}
		if v.Record.Stage != "closed" || v.Record.Outcome != "returned" {
			bad("record %s/%s", v.Record.Stage, v.Record.Outcome)
		}
		if v.State == nil || len(v.State.Payments) != 1 || !strings.HasPrefix(v.State.Payments[0].TxID, "E2E-") {
			bad("workflow payments %+v", v.State)
		}
		// Every payment was made twice, through two transactions, and one
		// in five was first paid too early: exactly one transaction is
		// applied, and every other was refunded, so the ledger balances.
		applied, refunded, received := 0, money.VND(0), money.VND(0)
		for _, p := range v.Payments {
			received += p.Amount
			switch p.State {
			case "applied":
				applied++
			case "refunded":
				refunded += p.Amount
				ledger.unapplied[p.Reason]++
			default:
				bad("payment %s is %s (%s)", p.TxID, p.State, p.Reason)
			}
		}
		wantLines := 2
		if i%5 == 0 {
			wantLines = 3
		}
		if applied != 1 || len(v.Payments) != wantLines || received-refunded != v.fee() {
			bad("ledger: %d applied of %d lines (want 1 of %d); received %s, refunded %s", applied, len(v.Payments), wantLines, received, refunded)
		}
		var back money.VND
		for _, r := range v.Refunds {
			back += r.Amount
		}
		if back != refunded {
			bad("refunds %s, ledger says %s refunded", back, refunded)
		}
		ledger.received += received
		ledger.refunded += refunded
		for action, want := range map[string]int{"received": 1, "accepted": 1, "paid": 1, "step_done": 3, "approved": 1, "returned": 1} {
			if got := v.count(action); got != want {
				bad("%d %q in the timeline, want %d", got, action, want)
			}
		}
		if len(v.Files) < 3 {
			bad("%d files, want the two components and the result", len(v.Files))
		}
	}
	if len(seen) != n {
		problems = append(problems, fmt.Sprintf("%d distinct dossiers for %d filings", len(seen), n))
	}
	listed := c.countDossiers(t, d)
	if listed != n {
		problems = append(problems, fmt.Sprintf("the store lists %d dossiers, %d were filed", listed, n))
	}

	var sb strings.Builder
	fmt.Fprintf(&sb, "\n== %s: %d dossiers through the whole flow in %s, over %d API(s), %d worker(s), %d Temporal node(s)\n", sc.title, n, flowTook.Round(time.Second), len(c.apis), len(c.workers), len(c.temporal))
	for _, f := range faults {
		fmt.Fprintf(&sb, "   injected at %6s: %s (%d dossiers in flight)\n", f.at, f.what, f.inFlight)
	}
	fmt.Fprintf(&sb, "   payment callbacks: %d answered 2xx (two transactions per dossier, each sent twice, shuffled); %d paid before the dossier awaited payment; %d refused otherwise\n",
		gw.delivered.Load(), gw.early.Load(), gw.refused.Load())
	fmt.Fprintf(&sb, "   ledger: %s received, %s refunded, not applied: %v\n", ledger.received, ledger.refunded, ledger.unapplied)
	fmt.Fprintf(&sb, "   requests: %d; 503: %d (without Retry-After: %d); other 5xx: %d; connection errors: %d; retries: %d\n",
		tl.requests.Load(), tl.unavailable.Load(), tl.noRetryAfter.Load(), tl.serverErrors.Load(), tl.transport.Load(), tl.retries.Load())
	fmt.Fprintf(&sb, "   checked: %d dossiers closed and returned, %d distinct, %d in the store; each with 1 payment in the workflow and 1 in the ledger, and received, accepted, paid, 3 steps, approved, returned once each\n",
		n-len(problems), len(seen), listed)
	reconciled := c.reconcile(ctx)
	fmt.Fprintf(&sb, "   motcua reconcile: %s\n", reconciled)
	fmt.Fprintf(&sb, "   problems: %d\n", len(problems))
	fmt.Print(sb.String())

	for _, p := range problems[:min(len(problems), 20)] {
		t.Error(p)
	}
	if tl.serverErrors.Load() > 0 {
		t.Errorf("the API answered 5xx other than 503 %d times; the first: %s", tl.serverErrors.Load(), tl.firstServerError)
	}
	if tl.noRetryAfter.Load() > 0 {
		t.Errorf("%d answers 503 had no Retry-After", tl.noRetryAfter.Load())
	}
	if !strings.HasSuffix(reconciled, ": 0 problems") {
		t.Errorf("motcua reconcile: %s", reconciled)
	}
	if sc.want503 && tl.unavailable.Load() == 0 {
		t.Error("no 503 while Temporal was away: the faults did not reach the API")
	}
	for _, f := range faults {
		if !f.heals && f.inFlight == 0 {
			t.Errorf("%q met no dossier in flight", f.what)
		}
	}
	if gw.early.Load() == 0 {
		t.Error("no callback arrived before its dossier awaited payment")
	}
	if want := int64(4*n + 2*((n+4)/5)); gw.delivered.Load() != want || gw.refused.Load() > 0 {
		t.Errorf("%d callbacks answered 2xx, want %d; %d refused", gw.delivered.Load(), want, gw.refused.Load())
	}
	// Each dossier's second transaction was refused as paid twice, or as
	// after closure when it came once the dossier had already closed; one
	// in five paid too early.
	if second := ledger.unapplied["duplicate"] + ledger.unapplied["after_closure"]; second != n || ledger.unapplied["too_early"] != (n+4)/5 {
		t.Errorf("refunded as not applied: %v; want %d duplicates or after closure, and %d too early", ledger.unapplied, n, (n+4)/5)
	}
}

// countDossiers pages through the store's list of dossiers.
func (c *cluster) countDossiers(t *testing.T, d *driver) int {
	total, cursor := 0, ""
	for {
		a, _, err := d.json(context.Background(), http.MethodGet, "/dossiers?limit=200&agency=ubnd-xa-thach-ha&cursor="+url.QueryEscape(cursor), supervisorToken, nil)
		if err != nil || a.status != http.StatusOK {
			t.Fatalf("listing dossiers: %v %d %s", err, a.status, a.body)
		}
		var page struct {
			Dossiers []struct{ Code string } `json:"dossiers"`
			Next     string                  `json:"next"`
		}
		if err := a.decode(&page); err != nil {
			t.Fatal(err)
		}
		total += len(page.Dossiers)
		if page.Next == "" {
			return total
		}
		cursor = page.Next
	}
}
