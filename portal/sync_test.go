package portal_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/portal"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

var received = time.Date(2026, 3, 2, 8, 30, 0, 0, time.FixedZone("ICT", 7*3600))

// life is a dossier's milestones as the workflow records them: receipt,
// acceptance, a supplement request and its answer, payment, approval and
// the result returned.
func life(code string) []model.Milestone {
	p := model.Projection{Code: code, Procedure: procedures.Ref{Code: "2.000488", Version: 1}, Agency: "so-tu-phap-ha-tinh",
		Level: procedures.Province, Channel: procedures.Online, Applicant: "042090001234", Received: received,
		Due: received.Add(10 * 24 * time.Hour), Fee: 200000}
	files := []model.File{{Component: "to_khai", Document: "doc-1", How: "uploaded"}}
	var out []model.Milestone
	add := func(action, detail, stage string, change func(*model.Projection)) {
		if change != nil {
			change(&p)
		}
		p.Stage = stage
		seq := len(out) + 1
		out = append(out, model.Milestone{Dossier: p, Files: files,
			Event: model.Event{Seq: seq, At: received.Add(time.Duration(seq) * time.Hour), Actor: "officer-tinh", Action: action, Detail: detail}})
	}
	add("received", "via online", "in_review", nil)
	add("accepted", "", "accepted", nil)
	add("supplement_requested", "Bổ sung bản sao căn cước", "awaiting_supplement", nil)
	add("supplemented", "", "in_review", nil)
	add("digitized", "to_khai (uploaded)", "awaiting_payment", nil) // changes no status
	add("paid", "200.000 ₫ online", "processing", func(p *model.Projection) { p.PaidOnline = true })
	add("approved", "Phiếu lý lịch tư pháp", "ready_to_return", func(p *model.Projection) {
		p.Decided = received.Add(7 * time.Hour)
		files = append(files, model.File{Component: "result", Document: "doc-result", How: "result"})
		p.ResultDigitized = true
	})
	add("returned", "online", "closed", func(p *model.Projection) {
		p.Outcome, p.Returned, p.ResultVia = "returned", received.Add(8*time.Hour), "online"
	})
	return out
}

type rig struct {
	store *store.Store
	sim   *portal.Simulator
	sync  *portal.Sync
	now   time.Time
}

func newRig(t *testing.T) *rig { return newRigOn(t, storetest.SQLite(t)) }

func newRigOn(t *testing.T, st *store.Store) *rig {
	cat, err := procedures.Default()
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{store: st, sim: portal.NewSimulator(), now: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	srv := httptest.NewServer(r.sim)
	t.Cleanup(srv.Close)
	cfg := portal.Default()
	cfg.URL = srv.URL + "/portal-simulator"
	cfg.Timeout = portal.Duration(300 * time.Millisecond)
	r.sync = &portal.Sync{Store: r.store, Client: &portal.Client{Config: cfg, HTTP: &http.Client{}},
		Names: portal.Names{Catalogue: cat}, Now: func() time.Time { return r.now }, Parallel: 4}
	return r
}

func (r *rig) record(t *testing.T, ms ...model.Milestone) {
	t.Helper()
	for _, m := range ms {
		if err := r.store.Record(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
}

func (r *rig) run(t *testing.T) portal.Summary {
	t.Helper()
	sum, err := r.sync.Run(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func (r *rig) health(t *testing.T) store.PortalHealth {
	t.Helper()
	h, err := r.store.PortalHealth(context.Background(), store.Filter{}, 100)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// Every status reaches the portal in order, with the dossier's fields as
// they stood, and each process step once.
func TestEveryStatusArrivesInOrder(t *testing.T) {
	r := newRig(t)
	r.record(t, life("HS-1")...)
	sum := r.run(t)
	if sum.Sent != 7 || sum.Skipped != 1 || sum.Failed != 0 {
		t.Fatalf("run: %s", sum)
	}
	want := []string{"1", "2", "5", "4", "4", "9", "10"}
	if got := r.sim.Statuses("HS-1"); !slices.Equal(got, want) {
		t.Errorf("statuses %v, want %v", got, want)
	}
	d, _ := r.sim.Dossier("HS-1")
	checks := map[string]any{"MaHoSo": "HS-1", "MaTTHC": "2.000488", "MaLinhVuc": "ly-lich-tu-phap",
		"KenhThucHien": "2", "NgayTiepNhan": "20260302083000", "NgayTra": "20260302163000", "TrangThaiHoSo": "10",
		"DuocThanhToanTrucTuyen": "1", "HoSoCoThanhPhanSoHoa": "1", "DonViXuLy": "Sở Tư pháp tỉnh Hà Tĩnh"}
	for k, v := range checks {
		if d[k] != v {
			t.Errorf("%s = %v, want %v", k, d[k], v)
		}
	}
	if !strings.HasPrefix(d["TenTTHC"].(string), "Cấp Phiếu lý lịch tư pháp") {
		t.Errorf("TenTTHC %v", d["TenTTHC"])
	}
	if sup := d["DanhSachHoSoBoSung"].([]any); len(sup) != 1 || sup[0].(map[string]any)["NoiDungBoSung"] != "Bổ sung bản sao căn cước" {
		t.Errorf("supplements %v", d["DanhSachHoSoBoSung"])
	}
	if res := d["DanhSachGiayToKetQua"].([]any); len(res) != 1 {
		t.Errorf("results %v", d["DanhSachGiayToKetQua"])
	}
	if steps := r.sim.Steps("HS-1"); len(steps) != 7 || steps[2]["NoiDungXuLy"] != "supplement_requested: Bổ sung bản sao căn cước" {
		t.Errorf("%d steps: %v", len(steps), steps)
	}
	h := r.health(t)
	if h.Pending != 0 || h.Sent != 7 || len(h.Units) != 1 || h.Units[0].Synced != 1 || h.Units[0].Received != 1 {
		t.Errorf("health %+v", h)
	}
	if again := r.run(t); again != (portal.Summary{}) {
		t.Errorf("a second run did %s", again)
	}
}

// A portal that is down fails every change; each failure is counted with
// its error and waits for its backoff, later changes of the dossier wait
// behind the first, and when the portal is back everything arrives, in
// order, counted as retried.
func TestAPortalDownForAWhile(t *testing.T) {
	for engine, st := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) { portalDownForAWhile(t, newRigOn(t, st)) })
	}
}

func portalDownForAWhile(t *testing.T, r *rig) {
	ms := life("HS-2")
	r.record(t, ms[:3]...)
	r.sim.Fail(1000)
	if sum := r.run(t); sum.Failed != 1 || sum.Sent != 0 {
		t.Fatalf("first run: %s", sum)
	}
	h := r.health(t)
	if h.Pending != 3 || h.Failing != 1 || len(h.Failures) != 1 || !strings.Contains(h.Failures[0].LastError, "HTTP 500") ||
		h.Failures[0].Attempts != 1 || h.Failures[0].Action != "received" {
		t.Fatalf("health %+v", h)
	}
	// Before its backoff the change is not tried again.
	calls := r.sim.Calls()
	if sum := r.run(t); sum != (portal.Summary{}) || r.sim.Calls() != calls {
		t.Fatalf("tried before its backoff: %s", sum)
	}
	r.now = r.now.Add(portal.Backoff(1))
	r.run(t)
	if h := r.health(t); h.Failures[0].Attempts != 2 || !h.Failures[0].Next.Equal(r.now.Add(portal.Backoff(2))) {
		t.Fatalf("second failure %+v", h.Failures)
	}
	// The rest of the dossier's life is recorded while the portal is down.
	r.record(t, ms[3:]...)
	r.sim.Fail(0)
	r.now = r.now.Add(portal.Backoff(2))
	if sum := r.run(t); sum.Sent != 7 {
		t.Fatalf("after recovery: %s", sum)
	}
	if got, want := r.sim.Statuses("HS-2"), []string{"1", "2", "5", "4", "4", "9", "10"}; !slices.Equal(got, want) {
		t.Errorf("statuses %v, want %v", got, want)
	}
	if h := r.health(t); h.Pending != 0 || h.Failing != 0 || h.Retried != 1 || h.Units[0].Synced != 1 {
		t.Errorf("health %+v", h)
	}
}

// A portal that answers too late counts as failed, and the change is
// delivered once it answers in time again.
func TestAPortalThatTimesOut(t *testing.T) {
	r := newRig(t)
	r.record(t, life("HS-3")[0])
	r.sim.Delay(2 * time.Second)
	if sum := r.run(t); sum.Failed != 1 {
		t.Fatalf("run: %s", sum)
	}
	if h := r.health(t); !strings.Contains(h.Failures[0].LastError, "no answer in 300ms") {
		t.Fatalf("error %q", h.Failures[0].LastError)
	}
	r.sim.Delay(0)
	if _, err := r.store.PortalRetry(context.Background(), "HS-3"); err != nil {
		t.Fatal(err)
	}
	if sum := r.run(t); sum.Sent != 1 {
		t.Fatalf("after a retry: %s", sum)
	}
}

// A create the portal answers "already exists" is sent again as an update.
func TestAlreadyExistsIsSentAsAnUpdate(t *testing.T) {
	r := newRig(t)
	r.record(t, life("HS-4")[:2]...)
	r.run(t) // the portal now has it
	// The same dossier's record, queued again as if never sent, as after a
	// restore of motcua's database from a backup.
	r2 := newRig(t)
	r2.sim = r.sim
	r2.sync.Client.Config.URL = r.sync.Client.Config.URL
	r2.record(t, life("HS-4")[:3]...)
	if sum := r2.run(t); sum.Sent != 3 || sum.Failed != 0 {
		t.Fatalf("run: %s; refused %v", sum, r.sim.Refused())
	}
	if got := r.sim.Statuses("HS-4"); !slices.Equal(got, []string{"1", "2", "1", "2", "5"}) {
		t.Errorf("statuses %v", got)
	}
}

// What the portal refuses is not lost: it waits, with the portal's words.
func TestARefusedFieldIsKeptWithTheReason(t *testing.T) {
	r := newRig(t)
	m := life("HS-5")[0]
	m.Dossier.Applicant = "" // ChuHoSo is required
	r.record(t, m)
	if sum := r.run(t); sum.Failed != 1 {
		t.Fatalf("run: %s", sum)
	}
	if h := r.health(t); !strings.Contains(h.Failures[0].LastError, "ChuHoSo") {
		t.Errorf("error %q", h.Failures[0].LastError)
	}
}

// The money fields carry the fee; a fee-free dossier sends no fee line.
func TestFeesAreSent(t *testing.T) {
	r := newRig(t)
	ms := life("HS-6")
	free := ms[0]
	free.Dossier.Code, free.Dossier.Fee = "HS-7", money.VND(0)
	r.record(t, ms[0], free)
	r.run(t)
	paid, _ := r.sim.Dossier("HS-6")
	fees := paid["DanhSachLePhi"].([]any)
	if len(fees) != 1 || fmt.Sprint(fees[0].(map[string]any)["Gia"]) != "200000" {
		t.Errorf("fees %v", fees)
	}
	none, _ := r.sim.Dossier("HS-7")
	if len(none["DanhSachLePhi"].([]any)) != 0 {
		t.Errorf("a free dossier sends fees %v", none["DanhSachLePhi"])
	}
}
