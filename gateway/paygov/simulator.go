package paygov

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/motcua/motcua/money"
)

// Simulator stands in for the national payment platform in tests and
// demos. It opens payments, lets a citizen pay or fail, posts signed
// callbacks, and answers QUERY; and it can be told to lose callbacks, to
// send each twice, to send a stale failure after a success, or to hold
// payments pending with no callback. Being a stand-in for a system
// outside motcua, it keeps its books in memory.
type Simulator struct {
	Partner     string
	Secret      string
	CallbackURL string
	// PayURL is where the citizen is sent to pay; the reference is added.
	PayURL string
	Client *http.Client

	mu       sync.Mutex
	payments map[string]*simPayment
	lose     int
	twice    bool
	stale    bool
	hold     bool
}

type simPayment struct {
	ref, dossier string
	amount       money.VND
	state        int
	tx, bank, at string
}

// NewSimulator returns a platform that posts its callbacks to callbackURL.
func NewSimulator(partner, secret, callbackURL string) *Simulator {
	return &Simulator{Partner: partner, Secret: secret, CallbackURL: callbackURL, Client: http.DefaultClient,
		payments: map[string]*simPayment{}}
}

// Lose makes the next n callbacks vanish on the way.
func (s *Simulator) Lose(n int) { s.mu.Lock(); s.lose = n; s.mu.Unlock() }

// Twice makes every callback arrive two times.
func (s *Simulator) Twice(on bool) { s.mu.Lock(); s.twice = on; s.mu.Unlock() }

// Stale makes every success followed by the callback of an earlier
// attempt that failed, arriving late.
func (s *Simulator) Stale(on bool) { s.mu.Lock(); s.stale = on; s.mu.Unlock() }

// Hold keeps payments pending with no callback, as a bank that has not
// confirmed yet.
func (s *Simulator) Hold(on bool) { s.mu.Lock(); s.hold = on; s.mu.Unlock() }

// ErrUnknown is a reference the platform never opened.
var ErrUnknown = errors.New("no such payment at the simulated platform")

// Pay is the citizen paying (or failing to) at the platform's page. The
// callbacks it sends are answered with the HTTP statuses returned.
func (s *Simulator) Pay(ctx context.Context, ref string, success bool) ([]int, error) {
	s.mu.Lock()
	p, ok := s.payments[ref]
	if !ok {
		s.mu.Unlock()
		return nil, ErrUnknown
	}
	if p.state == StatePending {
		p.tx, p.bank, p.at = "PG"+rand.Text()[:12], "VCB", time.Now().In(vietnam).Format("20060102150405")
		p.state = StateFailed
		if success {
			p.state = StatePaid
		}
	}
	if s.hold {
		p.state = StatePending
		s.mu.Unlock()
		return nil, nil
	}
	cbs := []Callback{s.callbackOf(p)}
	if s.stale && p.state == StatePaid {
		old := Callback{MaLoi: "24", MaThamChieu: p.ref, SoTien: p.amount, MaGiaoDich: "PG" + rand.Text()[:12], NganHang: p.bank, ThoiGianGD: p.at}
		old.MaXacThuc = Sign(s.Secret, old.Fields())
		cbs = append(cbs, old)
	}
	if s.twice {
		cbs = append(cbs, cbs...)
	}
	var send []Callback
	for _, cb := range cbs {
		if s.lose > 0 {
			s.lose--
			continue
		}
		send = append(send, cb)
	}
	s.mu.Unlock()
	var statuses []int
	for _, cb := range send {
		st, err := s.deliver(ctx, cb)
		if err != nil {
			return statuses, err
		}
		statuses = append(statuses, st)
	}
	return statuses, nil
}

// Release settles a held payment as paid or failed, without a callback:
// only QUERY will tell.
func (s *Simulator) Release(ref string, success bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.payments[ref]
	if !ok {
		return ErrUnknown
	}
	p.tx, p.bank, p.at = "PG"+rand.Text()[:12], "BIDV", time.Now().In(vietnam).Format("20060102150405")
	p.state = StateFailed
	if success {
		p.state = StatePaid
	}
	return nil
}

func (s *Simulator) callbackOf(p *simPayment) Callback {
	code := Success
	if p.state != StatePaid {
		code = "51" // insufficient funds
	}
	cb := Callback{MaLoi: code, MaThamChieu: p.ref, SoTien: p.amount, MaGiaoDich: p.tx, NganHang: p.bank, ThoiGianGD: p.at}
	cb.MaXacThuc = Sign(s.Secret, cb.Fields())
	return cb
}

func (s *Simulator) deliver(ctx context.Context, cb Callback) (int, error) {
	body, _ := json.Marshal(cb)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.CallbackURL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := s.Client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("delivering the callback: %w", err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, nil
}

var vietnam = time.FixedZone("ICT", 7*3600)

// ServeHTTP answers INIT (POST /init) and QUERY (POST /query), the
// citizen paying (POST /pay/{ref}/success or /fail) and the control
// endpoint (POST /control, {"lose": n, "twice": b, "stale": b, "hold": b}).
func (s *Simulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	path := r.URL.Path
	write := func(v any) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(v)
	}
	switch {
	case strings.HasSuffix(path, "/init"):
		var req InitRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			write(InitResponse{MaLoi: "01", MoTa: "dữ liệu không hợp lệ"})
			return
		}
		resp := InitResponse{MaThamChieu: req.MaThamChieu}
		switch {
		case req.MaDoiTac != s.Partner:
			resp.MaLoi, resp.MoTa = "02", "mã đối tác không đúng"
		case !Verify(s.Secret, req.Fields(), req.MaXacThuc):
			resp.MaLoi, resp.MoTa = "03", "sai mã xác thực"
		case req.SoTien <= 0 || req.MaThamChieu == "" || req.MaHoSo == "":
			resp.MaLoi, resp.MoTa = "01", "thiếu số tiền, mã tham chiếu hoặc mã hồ sơ"
		default:
			s.mu.Lock()
			if _, dup := s.payments[req.MaThamChieu]; !dup {
				s.payments[req.MaThamChieu] = &simPayment{ref: req.MaThamChieu, dossier: req.MaHoSo, amount: req.SoTien, state: StatePending}
			}
			s.mu.Unlock()
			resp.MaLoi, resp.MoTa, resp.UrlThanhToan = Success, "thành công", strings.TrimSuffix(s.PayURL, "/")+"/"+req.MaThamChieu
		}
		resp.MaXacThuc = Sign(s.Secret, resp.Fields())
		write(resp)
	case strings.HasSuffix(path, "/query"):
		var req QueryRequest
		json.NewDecoder(r.Body).Decode(&req)
		resp := QueryResponse{MaThamChieu: req.MaThamChieu}
		s.mu.Lock()
		p, ok := s.payments[req.MaThamChieu]
		switch {
		case !Verify(s.Secret, req.Fields(), req.MaXacThuc):
			resp.MaLoi = "03"
		case !ok:
			resp.MaLoi = "04"
		default:
			resp.MaLoi, resp.TrangThai, resp.SoTien, resp.MaGiaoDich, resp.NganHang, resp.ThoiGianGD =
				Success, p.state, p.amount, p.tx, p.bank, p.at
		}
		s.mu.Unlock()
		resp.MaXacThuc = Sign(s.Secret, resp.Fields())
		write(resp)
	case strings.HasSuffix(path, "/control"):
		var c struct {
			Lose  int  `json:"lose"`
			Twice bool `json:"twice"`
			Stale bool `json:"stale"`
			Hold  bool `json:"hold"`
		}
		if err := json.NewDecoder(r.Body).Decode(&c); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		s.Lose(c.Lose)
		s.Twice(c.Twice)
		s.Stale(c.Stale)
		s.Hold(c.Hold)
		w.WriteHeader(http.StatusNoContent)
	case strings.Contains(path, "/pay/"):
		parts := strings.Split(strings.TrimSuffix(path, "/"), "/")
		if len(parts) < 2 {
			http.NotFound(w, r)
			return
		}
		ref, outcome := parts[len(parts)-2], parts[len(parts)-1]
		statuses, err := s.Pay(r.Context(), ref, outcome == "success")
		if errors.Is(err, ErrUnknown) {
			http.NotFound(w, r)
			return
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		write(map[string]any{"callback_statuses": statuses})
	default:
		http.NotFound(w, r)
	}
}
