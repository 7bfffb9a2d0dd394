package portal

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// Simulator stands in for the national portal in tests and demos. It
// takes the three calls as the portal's documented fields, checks every
// field and its type, keeps what it accepted, and can be told to fail,
// to answer late, or to say that every dossier it is asked to create
// already exists. Being a stand-in for a system outside motcua, it keeps
// what it received in memory.
type Simulator struct {
	mu       sync.Mutex
	dossiers map[string]map[string]any
	statuses map[string][]string
	steps    map[string][]map[string]any
	calls    int
	fails    int           // calls still to fail with HTTP 500
	delay    time.Duration // how long every answer waits
	exists   bool          // every create is answered "already exists"
	refused  []string
}

// NewSimulator returns an empty simulated portal.
func NewSimulator() *Simulator {
	return &Simulator{dossiers: map[string]map[string]any{}, statuses: map[string][]string{}, steps: map[string][]map[string]any{}}
}

// Fail makes the next n calls answer HTTP 500.
func (s *Simulator) Fail(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fails = n
}

// Delay makes every answer wait d, so that a caller's timeout runs out.
func (s *Simulator) Delay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay = d
}

// AnswerExists makes every create answered "already exists", as the portal
// does for a dossier another system, or an earlier run, created.
func (s *Simulator) AnswerExists(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.exists = on
}

// Statuses lists the statuses the portal accepted for a dossier, in the
// order it got them.
func (s *Simulator) Statuses(code string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.statuses[code]...)
}

// Dossier is the record the portal holds for a dossier.
func (s *Simulator) Dossier(code string) (map[string]any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.dossiers[code]
	return d, ok
}

// Steps lists the process steps the portal accepted for a dossier.
func (s *Simulator) Steps(code string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]map[string]any(nil), s.steps[code]...)
}

// Refused lists why the portal refused what it refused.
func (s *Simulator) Refused() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.refused...)
}

// Calls counts the calls the portal answered or failed.
func (s *Simulator) Calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// Control is what the simulator's control endpoint takes, for demos and
// tests that reach it over HTTP only.
type Control struct {
	Fail   int    `json:"fail"`
	Delay  string `json:"delay"`
	Exists bool   `json:"exists"`
}

// ServeHTTP answers the three calls under their default paths, the
// control endpoint (POST /control) and a dossier's record
// (GET /dossiers/{code}).
func (s *Simulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	switch {
	case r.Method == http.MethodPost && strings.HasSuffix(path, "/control"):
		var c Control
		if err := json.NewDecoder(r.Body).Decode(&c); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		d, _ := time.ParseDuration(c.Delay)
		s.Fail(c.Fail)
		s.Delay(d)
		s.AnswerExists(c.Exists)
		w.WriteHeader(http.StatusNoContent)
		return
	case r.Method == http.MethodGet && strings.Contains(path, "/dossiers/"):
		code := path[strings.LastIndex(path, "/")+1:]
		d, ok := s.Dossier(code)
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"dossier": d, "statuses": s.Statuses(code), "steps": s.Steps(code)})
		return
	case r.Method != http.MethodPost:
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	s.mu.Lock()
	s.calls++
	delay, failing := s.delay, s.fails > 0
	if failing {
		s.fails--
	}
	s.mu.Unlock()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	if failing {
		reply(w, http.StatusInternalServerError, 99, "Hệ thống đang bận, vui lòng thử lại sau")
		return
	}
	var records []map[string]any
	dec := json.NewDecoder(r.Body)
	dec.UseNumber()
	if err := dec.Decode(&records); err != nil || len(records) == 0 {
		reply(w, http.StatusOK, 1, "Dữ liệu không hợp lệ: cần một danh sách hồ sơ")
		return
	}
	var err error
	switch {
	case strings.HasSuffix(path, "/hoso/them-moi"):
		err = s.take(records, true)
	case strings.HasSuffix(path, "/hoso/cap-nhat"):
		err = s.take(records, false)
	case strings.HasSuffix(path, "/hoso/tien-do-xu-ly"):
		err = s.takeSteps(records)
	default:
		reply(w, http.StatusNotFound, 404, "Không có dịch vụ "+path)
		return
	}
	switch e := err.(type) {
	case nil:
		reply(w, http.StatusOK, 0, "Thành công")
	case existsError:
		reply(w, http.StatusOK, 2, string(e))
	default:
		s.mu.Lock()
		s.refused = append(s.refused, err.Error())
		s.mu.Unlock()
		reply(w, http.StatusOK, 1, err.Error())
	}
}

type existsError string

func (e existsError) Error() string { return string(e) }

func reply(w http.ResponseWriter, status, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error_code": code, "message": msg})
}

// take checks records and keeps them: creates only of new dossiers,
// updates only of known ones.
func (s *Simulator) take(records []map[string]any, create bool) error {
	for i, rec := range records {
		if err := checkDossier(rec); err != nil {
			return fmt.Errorf("[%d].%w", i, err)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, rec := range records {
		code := rec["MaHoSo"].(string)
		_, known := s.dossiers[code]
		switch {
		case create && (known || s.exists):
			return existsError(fmt.Sprintf("Hồ sơ %s đã tồn tại", code))
		case !create && !known:
			return fmt.Errorf("[%d].MaHoSo: hồ sơ %s chưa được đồng bộ", i, code)
		}
	}
	for _, rec := range records {
		code := rec["MaHoSo"].(string)
		s.dossiers[code] = rec
		s.statuses[code] = append(s.statuses[code], rec["TrangThaiHoSo"].(string))
	}
	return nil
}

// takeSteps keeps process steps of known dossiers, each once.
func (s *Simulator) takeSteps(records []map[string]any) error {
	for i, rec := range records {
		if err := checkFields(rec, stepFields); err != nil {
			return fmt.Errorf("[%d].%w", i, err)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, rec := range records {
		if _, ok := s.dossiers[rec["MaHoSo"].(string)]; !ok {
			return fmt.Errorf("[%d].MaHoSo: hồ sơ %s chưa được đồng bộ", i, rec["MaHoSo"])
		}
	}
	for _, rec := range records {
		code := rec["MaHoSo"].(string)
		dup := false
		for _, old := range s.steps[code] {
			dup = dup || (old["ThoiDiemXuLy"] == rec["ThoiDiemXuLy"] && old["TrangThai"] == rec["TrangThai"] &&
				old["NoiDungXuLy"] == rec["NoiDungXuLy"])
		}
		if !dup {
			s.steps[code] = append(s.steps[code], rec)
		}
	}
	return nil
}

// kinds of field the portal checks.
type kind int

const (
	text       kind = iota // a non-empty string
	textOpt                // a string, maybe empty
	instant                // yyyyMMddHHmmss
	instantOpt             // yyyyMMddHHmmss or empty
	flagged                // "0" or "1"
	channelK               // "1", "2" or "3"
	statusK                // "1" to "10"
	amount                 // a whole number, not negative
	list                   // a list of objects, checked by its own fields
)

type spec struct {
	kind kind
	item map[string]spec
}

var (
	dossierFields = map[string]spec{
		"MaHoSo": {kind: text}, "MaTTHC": {kind: text}, "TenTTHC": {kind: text}, "MaLinhVuc": {kind: text},
		"KenhThucHien": {kind: channelK}, "ChuHoSo": {kind: text}, "NgayTiepNhan": {kind: instant},
		"NgayHenTra": {kind: instantOpt}, "NgayTra": {kind: instantOpt}, "NgayKetThucXuLy": {kind: instantOpt},
		"TrangThaiHoSo": {kind: statusK}, "DonViXuLy": {kind: text},
		"HoSoCoThanhPhanSoHoa": {kind: flagged}, "DuocThanhToanTrucTuyen": {kind: flagged},
		"TaiKhoanDuocXacThucVoiVNeID": {kind: flagged},
		"TaiLieuNop": {kind: list, item: map[string]spec{"MaThanhPhanHoSo": {kind: text}, "DuongDanTaiTepTin": {kind: text},
			"DuocSoHoa": {kind: flagged}, "DuocTaiSuDung": {kind: flagged}, "DuocLayTuKhoDMQG": {kind: flagged}}},
		"DanhSachLePhi": {kind: list, item: map[string]spec{"TenPhiLePhi": {kind: text}, "Gia": {kind: amount},
			"HinhThucThu": {kind: text}}},
		"DanhSachHoSoBoSung": {kind: list, item: map[string]spec{"NgayYeuCauBoSung": {kind: instant},
			"NoiDungBoSung": {kind: textOpt}}},
		"DanhSachGiayToKetQua": {kind: list, item: map[string]spec{"TenGiayTo": {kind: text},
			"DuongDanTepTinKetQua": {kind: text}}},
	}
	stepFields = map[string]spec{
		"MaHoSo": {kind: text}, "NguoiXuLy": {kind: text}, "ThoiDiemXuLy": {kind: instant},
		"NoiDungXuLy": {kind: text}, "TrangThai": {kind: statusK}, "NgayKetThucTheoQuyDinh": {kind: instantOpt},
	}
	stamped = regexp.MustCompile(`^\d{14}$`)
)

func checkDossier(rec map[string]any) error { return checkFields(rec, dossierFields) }

// checkFields checks that a record has exactly the fields of specs, each
// of its type, and names the first that is not.
func checkFields(rec map[string]any, specs map[string]spec) error {
	names := make([]string, 0, len(specs))
	for n := range specs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		v, ok := rec[n]
		if !ok {
			return fmt.Errorf("%s: trường bắt buộc bị thiếu", n)
		}
		if err := checkValue(v, specs[n]); err != nil {
			return fmt.Errorf("%s%w", n, err)
		}
	}
	for n := range rec {
		if _, ok := specs[n]; !ok {
			return fmt.Errorf("%s: trường không được hỗ trợ", n)
		}
	}
	return nil
}

func checkValue(v any, sp spec) error {
	if sp.kind == list {
		items, ok := v.([]any)
		if !ok {
			return fmt.Errorf(": phải là danh sách")
		}
		for i, it := range items {
			obj, ok := it.(map[string]any)
			if !ok {
				return fmt.Errorf("[%d]: phải là đối tượng", i)
			}
			if err := checkFields(obj, sp.item); err != nil {
				return fmt.Errorf("[%d].%w", i, err)
			}
		}
		return nil
	}
	if sp.kind == amount {
		n, ok := v.(json.Number)
		if x, err := n.Int64(); !ok || err != nil || x < 0 {
			return fmt.Errorf(": phải là số nguyên không âm, nhận %v", v)
		}
		return nil
	}
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf(": phải là chuỗi, nhận %T", v)
	}
	bad := false
	switch sp.kind {
	case text:
		bad = strings.TrimSpace(s) == ""
	case instant:
		bad = !validStamp(s)
	case instantOpt:
		bad = s != "" && !validStamp(s)
	case flagged:
		bad = s != "0" && s != "1"
	case channelK:
		bad = s != "1" && s != "2" && s != "3"
	case statusK:
		bad = true
		for i := 1; i <= 10; i++ {
			bad = bad && s != fmt.Sprint(i)
		}
	}
	if bad {
		return fmt.Errorf(": giá trị %q không hợp lệ", s)
	}
	return nil
}

func validStamp(s string) bool {
	if !stamped.MatchString(s) {
		return false
	}
	_, err := time.Parse(timeLayout, s)
	return err == nil
}
