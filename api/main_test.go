package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/service"
	"github.com/motcua/motcua/service/servicetest"
)

// One embedded Temporal server, worker, store and API serve every test of
// the package, over real HTTP.
var (
	svc  *service.Service
	base string
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	var stop func()
	svc, base, stop = servicetest.Start(func(c *service.Config) { c.CodecOrigins = []string{webUI} })
	defer stop()
	return m.Run()
}

// webUI is the origin of the Temporal Web UI allowed to call the codec
// endpoint.
const webUI = "http://temporal-ui.example:8233"

// The demo tokens of the README.
const (
	citizenAn   = "demo-citizen-an-0001"
	citizenBinh = "demo-citizen-binh-0002"
	portal      = "demo-portal-000000003"
	officerXa   = "demo-officer-xa-0004"
	officerTinh = "demo-officer-tinh-0005"
	supervisor  = "demo-supervisor-0007"
)

// response is an HTTP answer, decoded.
type response struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

func call(t testing.TB, method, path, token string, body any, headers ...string) response {
	t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		j, _ := json.Marshal(b)
		r = bytes.NewReader(j)
	}
	req, _ := http.NewRequest(method, base+path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return do(t, req)
}

func do(t testing.TB, req *http.Request) response {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := response{status: res.StatusCode, header: res.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &out.body)
	return out
}

// must fails the test unless the answer has the status.
func (r response) must(t testing.TB, status int) response {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.raw)
	}
	return r
}

func (r response) str(key string) string {
	v, _ := r.body[key].(string)
	return v
}

// upload stores a file for a component and returns its ID.
func upload(t testing.TB, token, procedure, component, name string, content []byte) response {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("procedure", procedure)
	mw.WriteField("component", component)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, base+"/uploads", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	return do(t, req)
}

// pdf makes a distinct small PDF.
func pdf(label string) []byte {
	return []byte(fmt.Sprintf("%%PDF-1.7\n%% %s\n1 0 obj <<>> endobj\ntrailer <<>>\n%%%%EOF\n", label))
}

var keys int

// key returns a fresh idempotency key.
func key(t testing.TB) string {
	keys++
	return fmt.Sprintf("%s-%d-%d", t.Name(), time.Now().UnixNano(), keys)
}

// stage reads a dossier's stage from the API.
func stage(t testing.TB, token, code string) string {
	t.Helper()
	r := call(t, http.MethodGet, "/dossiers/"+code, token, nil).must(t, 200)
	state, _ := r.body["state"].(map[string]any)
	if state == nil {
		rec, _ := r.body["record"].(map[string]any)
		return rec["stage"].(string)
	}
	return state["stage"].(string)
}

// waitStage polls until the dossier reaches the stage.
func waitStage(t testing.TB, token, code, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		got := stage(t, token, code)
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("dossier %s is %s, want %s", code, got, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
