// Package bench is motcua's load generator. On one embedded server it
// drives dossiers through the standard flow over the REST API, measures a
// one-activity workflow as Temporal's own ceiling on the machine and a
// workflow of the flow's bare shape as the most such a flow can carry, and
// paces submissions to measure their latency under a steady load.
package bench

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"path"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/motcua/motcua/embedded"
	"github.com/motcua/motcua/service"
	"github.com/motcua/motcua/workflows"
)

// Options size a run.
type Options struct {
	Dossiers    int     // dossiers through the whole flow
	Concurrency int     // dossiers in flight at once
	Rate        float64 // submissions per second in the paced phase; 0 is half the ceiling measured
	Paced       time.Duration
	// CeilingAt, when set, is another Temporal frontend (host:port, with
	// its namespace in CeilingNamespace) whose one-activity ceiling is
	// measured right after motcua's, with the same client: the Temporal
	// CLI's dev server, say, to compare the embedded server with.
	CeilingAt        string
	CeilingNamespace string
	// FlowProfile, when set, receives a CPU profile of the standard flow's
	// phase alone: everything the process does while the dossiers go
	// through, and nothing of the ceilings measured before it.
	FlowProfile io.Writer
}

// Report is what a run measured.
type Report struct {
	Dossiers      int
	FlowPerSecond float64 // dossiers through the whole flow per second
	CeilingPerSec float64 // one-activity workflows per second
	Ratio         float64 // FlowPerSecond / CeilingPerSec
	// ShapePerSec is workflows per second of the flow's shape with no work
	// in it (see shape), and ShapeRatio it against the ceiling: the most
	// the standard flow could reach.
	ShapePerSec float64
	ShapeRatio  float64
	// OtherCeiling is the ceiling at Options.CeilingAt, when given.
	OtherCeiling   float64
	SubmitP50      time.Duration
	SubmitP99      time.Duration
	PacedRate      float64
	PacedSubmits   int
	PacedP50       time.Duration
	PacedP99       time.Duration
	HistoryEvents  int // of one dossier of the standard flow
	ActionsPerFlow int // HTTP requests per dossier
	// Requests is the median latency of each kind of request in the
	// flow, slowest first.
	Requests []Latency
}

// Latency is one kind of request's median latency under the flow.
type Latency struct {
	Kind string
	P50  time.Duration
}

// Run starts motcua in a temporary directory and measures it.
func Run(ctx context.Context, o Options) (Report, error) {
	dir, err := os.MkdirTemp("", "motcua-bench-")
	if err != nil {
		return Report{}, err
	}
	defer os.RemoveAll(dir)
	port, err := embedded.FreePort("127.0.0.1")
	if err != nil {
		return Report{}, err
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return Report{}, err
	}
	cfg := service.Config{DataDir: dir, HTTPAddr: ln.Addr().String(), TemporalPort: port, Namespace: "default",
		Retention: 7 * 24 * time.Hour, SimulatorKey: "bench-secret", Simulator: true, LogLevel: "error", LogFormat: "text"}
	svc, err := service.Open(ctx, cfg, quiet)
	if err != nil {
		return Report{}, err
	}
	defer svc.Close()
	if err := svc.Prepare(ctx); err != nil {
		return Report{}, err
	}
	w := svc.Worker()
	if err := w.Start(); err != nil {
		return Report{}, err
	}
	defer w.Stop()
	srv := &http.Server{Handler: svc.Handler()}
	go srv.Serve(ln)
	defer srv.Close()
	d := &driver{base: "http://" + ln.Addr().String(), client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}}

	var r Report
	r.Dossiers = o.Dossiers
	if r.CeilingPerSec, err = ceiling(ctx, svc.Temporal, o); err != nil {
		return r, err
	}
	if r.ShapePerSec, err = shape(ctx, svc.Temporal, o); err != nil {
		return r, fmt.Errorf("the flow's bare shape: %w", err)
	}
	r.ShapeRatio = r.ShapePerSec / r.CeilingPerSec
	if o.CeilingAt != "" {
		if r.OtherCeiling, err = otherCeiling(ctx, o); err != nil {
			return r, fmt.Errorf("the ceiling at %s: %w", o.CeilingAt, err)
		}
	}
	if o.FlowProfile != nil {
		if err := pprof.StartCPUProfile(o.FlowProfile); err != nil {
			return r, err
		}
	}
	start := time.Now()
	var submits []time.Duration
	var mu sync.Mutex
	var firstCode atomic.Value
	err = fan(o.Dossiers, o.Concurrency, func(i int) error {
		code, took, n, err := d.flow(ctx, i)
		if err != nil {
			return err
		}
		firstCode.CompareAndSwap(nil, code)
		mu.Lock()
		submits = append(submits, took)
		r.ActionsPerFlow = n
		mu.Unlock()
		return nil
	})
	took := time.Since(start)
	if o.FlowProfile != nil {
		pprof.StopCPUProfile()
	}
	if err != nil {
		return r, err
	}
	r.FlowPerSecond = float64(o.Dossiers) / took.Seconds()
	r.Ratio = r.FlowPerSecond / r.CeilingPerSec
	r.SubmitP50, r.SubmitP99 = quantile(submits, 0.5), quantile(submits, 0.99)
	for k, l := range d.took {
		r.Requests = append(r.Requests, Latency{k, quantile(l, 0.5)})
	}
	slices.SortFunc(r.Requests, func(a, b Latency) int { return cmp.Compare(b.P50, a.P50) })
	if r.HistoryEvents, err = historyLength(ctx, svc.Temporal, firstCode.Load().(string)); err != nil {
		return r, err
	}
	if o.Paced > 0 {
		if o.Rate <= 0 {
			// Half the machine's ceiling: a load it carries with room.
			o.Rate = r.CeilingPerSec / 2
		}
		lat, err := d.paced(ctx, o.Rate, o.Paced)
		if err != nil {
			return r, err
		}
		r.PacedRate, r.PacedSubmits = o.Rate, len(lat)
		r.PacedP50, r.PacedP99 = quantile(lat, 0.5), quantile(lat, 0.99)
	}
	return r, nil
}

// ceiling runs one-activity workflows as fast as the machine allows.
func ceiling(ctx context.Context, c client.Client, o Options) (float64, error) {
	return workflowsPerSecond(ctx, c, o, "ceiling", func(w worker.Worker) {
		w.RegisterWorkflowWithOptions(oneActivity, workflow.RegisterOptions{Name: "OneActivity"})
		w.RegisterActivity(noop)
	}, func(queue, id string) error {
		run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: queue}, "OneActivity")
		if err != nil {
			return err
		}
		return run.Get(ctx, nil)
	})
}

// workflowsPerSecond runs o.Dossiers workflows, o.Concurrency at a time, on
// a task queue of their own that a worker set up by register serves, and
// returns how many went through a second. run takes one workflow through.
func workflowsPerSecond(ctx context.Context, c client.Client, o Options, name string, register func(worker.Worker),
	run func(queue, id string) error) (float64, error) {
	queue := "bench-" + name
	w := worker.New(c, queue, worker.Options{})
	register(w)
	if err := w.Start(); err != nil {
		return 0, err
	}
	defer w.Stop()
	// A server measured before keeps those runs: this run's IDs are its own.
	tag := strconv.FormatInt(time.Now().UnixNano(), 36)
	start := time.Now()
	err := fan(o.Dossiers, o.Concurrency, func(i int) error {
		return run(queue, fmt.Sprintf("%s-%s-%d", name, tag, i))
	})
	return float64(o.Dossiers) / time.Since(start).Seconds(), err
}

// otherCeiling measures the ceiling of another Temporal frontend with the
// same workers and client code as motcua's own.
func otherCeiling(ctx context.Context, o Options) (float64, error) {
	ns := o.CeilingNamespace
	if ns == "" {
		ns = "default"
	}
	c, err := client.DialContext(ctx, client.Options{HostPort: o.CeilingAt, Namespace: ns,
		Logger: log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))})
	if err != nil {
		return 0, err
	}
	defer c.Close()
	return ceiling(ctx, c, o)
}

func oneActivity(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second})
	return workflow.ExecuteActivity(ctx, noop).Get(ctx, nil)
}

func noop(context.Context) error { return nil }

func historyLength(ctx context.Context, c client.Client, code string) (int, error) {
	iter := c.GetWorkflowHistory(ctx, workflows.WorkflowID(code), "", false, 0)
	n := 0
	for iter.HasNext() {
		if _, err := iter.Next(); err != nil {
			return 0, err
		}
		n++
	}
	return n, nil
}

// fan runs n jobs, k at a time, and returns the first error.
func fan(n, k int, job func(int) error) error {
	var wg sync.WaitGroup
	var first error
	var once sync.Once
	next := atomic.Int64{}
	for range k {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if err := job(i); err != nil {
					once.Do(func() { first = err })
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

func quantile(d []time.Duration, q float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

// driver speaks to the API as a portal, an officer and a citizen would.
type driver struct {
	base   string
	client *http.Client
	mu     sync.Mutex
	// took holds each request's latency by what it asked for, so that a
	// run shows which step of the flow holds it back.
	took map[string][]time.Duration
}

// requestKind names a request of the flow by its path's last word
// ("accept", "complete-step"), or by what it does where that word is a
// code.
func requestKind(r *http.Request) string {
	p := r.URL.Path
	switch {
	case p == "/dossiers":
		return "file"
	case p == "/simulator/payments":
		return "payment order"
	case strings.HasPrefix(p, "/simulator/payments/"):
		return "payment callback"
	}
	return path.Base(p)
}

const (
	portalToken  = "demo-portal-000000003"
	officerToken = "demo-officer-xa-0004"
	procedure    = "1.004194" // permanent residence: online, fee-bearing, three steps
)

func (d *driver) call(ctx context.Context, method, path, token string, body any, out any, headers ...string) error {
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, d.base+path, r)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return d.send(req, out)
}

func (d *driver) send(req *http.Request, out any) error {
	start := time.Now()
	res, err := d.client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	took := time.Since(start)
	d.mu.Lock()
	if d.took == nil {
		d.took = map[string][]time.Duration{}
	}
	k := requestKind(req)
	d.took[k] = append(d.took[k], took)
	d.mu.Unlock()
	if res.StatusCode >= 300 {
		return fmt.Errorf("%s %s: %d %s", req.Method, req.URL.Path, res.StatusCode, b)
	}
	if out != nil {
		return json.Unmarshal(b, out)
	}
	return nil
}

// upload stores a file as the caller token names: the portal uploads
// what it files, the officer the result they approve with.
func (d *driver) upload(ctx context.Context, token, component string, content []byte) (string, error) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("procedure", procedure)
	mw.WriteField("component", component)
	fw, _ := mw.CreateFormFile("file", component+".pdf")
	fw.Write(content)
	mw.Close()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, d.base+"/uploads", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	var out struct{ ID string }
	return out.ID, d.send(req, &out)
}

func pdf(label string) []byte {
	return fmt.Appendf(nil, "%%PDF-1.7\n%% %s\n1 0 obj <<>> endobj\ntrailer <<>>\n%%%%EOF\n", label)
}

// submit files one dossier and returns its code and how long the POST took.
func (d *driver) submit(ctx context.Context, i int, tag string) (string, time.Duration, error) {
	tk, err := d.upload(ctx, portalToken, "to_khai", pdf(fmt.Sprintf("to khai %s %d", tag, i)))
	if err != nil {
		return "", 0, err
	}
	home, err := d.upload(ctx, portalToken, "cho_o_hop_phap", pdf(fmt.Sprintf("cho o %s %d", tag, i)))
	if err != nil {
		return "", 0, err
	}
	body := map[string]any{"procedure": procedure, "agency": "ubnd-xa-thach-ha", "channel": "online",
		"applicant":  map[string]any{"id": fmt.Sprintf("0421%08d", i), "name": "Người nộp thử"},
		"inputs":     map[string]any{"own_home": true},
		"components": []map[string]any{{"code": "to_khai", "document": tk}, {"code": "cho_o_hop_phap", "document": home}}}
	var out struct {
		Code  string
		Quote struct{ Total int64 }
	}
	start := time.Now()
	err = d.call(ctx, http.MethodPost, "/dossiers", portalToken, body, &out, "Idempotency-Key", fmt.Sprintf("bench-%s-%d", tag, i))
	return out.Code, time.Since(start), err
}

// flow takes one dossier through the standard flow: an online filing with
// two uploads, acceptance, a gateway payment, the steps, approval with a
// digitized result, and the result returned online.
func (d *driver) flow(ctx context.Context, i int) (string, time.Duration, int, error) {
	code, took, err := d.submit(ctx, i, "flow")
	if err != nil {
		return "", 0, 0, err
	}
	n := 3
	act := func(path, token string, body any, out any) error {
		n++
		return d.call(ctx, http.MethodPost, "/dossiers/"+code+path, token, body, out)
	}
	// Actions that arrive while the receipt is checked wait for it.
	if err := act("/accept", officerToken, map[string]any{}, nil); err != nil {
		return code, took, n, err
	}
	var pay struct {
		TxID string `json:"tx_id"`
	}
	n++
	if err := d.call(ctx, http.MethodPost, "/simulator/payments", portalToken, map[string]any{"dossier": code}, &pay); err != nil {
		return code, took, n, err
	}
	n++
	if err := d.call(ctx, http.MethodPost, "/simulator/payments/"+pay.TxID+"/complete", portalToken, nil, nil); err != nil {
		return code, took, n, err
	}
	for _, s := range [][2]string{{"tiep_nhan", "receiver"}, {"tham_dinh", "police_officer"}, {"phe_duyet", "chief"}} {
		if err := act("/complete-step", officerToken, map[string]any{"step": s[0], "role": s[1]}, nil); err != nil {
			return code, took, n, err
		}
	}
	result, err := d.upload(ctx, officerToken, "result", pdf("result "+code))
	n++
	if err != nil {
		return code, took, n, err
	}
	if err := act("/approve", officerToken, map[string]any{"result": result}, nil); err != nil {
		return code, took, n, err
	}
	var ack struct{ Stage string }
	if err := act("/return-result", officerToken, map[string]any{"via": "online"}, &ack); err != nil {
		return code, took, n, err
	}
	if ack.Stage != "closed" {
		return code, took, n, fmt.Errorf("dossier %s ended %s", code, ack.Stage)
	}
	return code, took, n, nil
}

// paced submits at a steady rate for a while and returns each POST's
// latency.
func (d *driver) paced(ctx context.Context, rate float64, span time.Duration) ([]time.Duration, error) {
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer tick.Stop()
	end := time.After(span)
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	var failed atomic.Value
	for i := 0; ; i++ {
		select {
		case <-end:
			wg.Wait()
			if err, ok := failed.Load().(error); ok {
				return lat, err
			}
			return lat, nil
		case <-tick.C:
			wg.Go(func() {
				_, took, err := d.submit(ctx, 100000+i, "paced")
				if err != nil {
					failed.Store(err)
					return
				}
				mu.Lock()
				lat = append(lat, took)
				mu.Unlock()
			})
		}
	}
}
