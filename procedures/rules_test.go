package procedures

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/motcua/motcua/money"
)

// rulesYAML exercises each kind of rule: amounts, discounts with dates and
// rounding, conditional components and digitization, pilots and channels.
const rulesYAML = `kind: Procedure
code: "9.000002"
name: Thủ tục kiểm thử quy tắc
agency: {code: so-thu, name: Sở Thử}
level: province
legal_basis: [Thông tư thử]
version: 1
effective_from: 2024-01-01
effective_to: 2026-12-31
inputs:
  - {name: base, type: int, min: 0, max: 10000000}
  - {name: by_proxy, type: bool, optional: true}
  - {name: group, type: enum, values: [general, student], optional: true, default: general}
  - {name: born, type: date, optional: true, default: 2000-01-01}
  - {name: owners, type: list<string>, optional: true, max_items: 5}
  - {name: note, type: string, optional: true, max_length: 10, pattern: "^[a-z ]*$"}
service:
  level: partial_online
  channels: [online, counter]
  online_payment: true
  paperless_pilots:
    - {from: 2025-01-01, to: 2025-06-30, basis: Quyết định thí điểm}
components:
  - {code: don, name: Đơn}
  - {code: uy_quyen, name: Giấy ủy quyền, required: by_proxy, digitize: required}
  - {code: so_do, name: Sơ đồ, required: size(owners) > 1, digitize: channel == "online"}
  - {code: anh, name: Ảnh, required: false, digitize: required}
fees:
  rounding: {mode: half_up, unit: 1000}
  items:
    - code: le_phi
      name: Lệ phí
      kind: charge
      amount: base
      discounts:
        - {name: Giảm 50% trực tuyến, when: channel == "online", percent: 50, effective_from: 2024-07-01}
        - {name: Giảm 20.000 đ học sinh, when: group == "student", amount: 20000}
    - code: phi_tuoi
      name: Phí theo tuổi
      kind: fee
      amount: 'filed_on - born < duration("8760h") ? 1000 : 0'
deadline: {working_days: 3, calendar: vn, on_supplement: pause}
steps:
  - {code: xu_ly, name: Xử lý, role: officer, share: 3}
result: {name: Kết quả, kind: ket_qua}
`

func testProcedure(t testing.TB, rounding string) *Procedure {
	t.Helper()
	cal, err := os.ReadFile("testdata/calendar.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := rulesYAML
	if rounding != "" {
		src = strings.Replace(src, "mode: half_up", "mode: "+rounding, 1)
	}
	c, err := Load(fstest.MapFS{"cal.yaml": {Data: cal}, "p.yaml": {Data: []byte(src)}}, "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Version("9.000002", 1)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func moment(t testing.TB, p *Procedure, s string) time.Time {
	t.Helper()
	at, err := ParseMoment(s, p.Calendar())
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func TestDiscounts(t *testing.T) {
	cases := []struct {
		name     string
		rounding string
		base     int64
		channel  Channel
		group    string
		at       string
		want     money.VND
		discount string
	}{
		{"online halves", "", 75000, Online, "general", "2025-08-01 09:00", 38000, "Giảm 50% trực tuyến"},
		{"counter pays in full", "", 75000, Counter, "general", "2025-08-01 09:00", 75000, ""},
		{"before the discount's effective date", "", 75000, Online, "general", "2024-06-28 09:00", 75000, ""},
		{"on the discount's effective date", "", 75000, Online, "general", "2024-07-01 09:00", 38000, "Giảm 50% trực tuyến"},
		{"rounded down", "down", 75000, Online, "general", "2025-08-01 09:00", 37000, "Giảm 50% trực tuyến"},
		{"rounded up", "up", 75000, Online, "general", "2025-08-01 09:00", 38000, "Giảm 50% trực tuyến"},
		{"half up below the half", "half_up", 74800, Online, "general", "2025-08-01 09:00", 37000, "Giảm 50% trực tuyến"},
		{"amount discount", "", 75000, Counter, "student", "2025-08-01 09:00", 55000, "Giảm 20.000 đ học sinh"},
		{"largest discount wins, they do not stack", "", 30000, Online, "student", "2025-08-01 09:00", 10000, "Giảm 20.000 đ học sinh"},
		{"amount discount never below zero", "", 15000, Counter, "student", "2025-08-01 09:00", 0, "Giảm 20.000 đ học sinh"},
		{"free stays free", "", 0, Online, "general", "2025-08-01 09:00", 0, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := testProcedure(t, tc.rounding)
			q, err := p.Quote(map[string]any{"base": tc.base, "group": tc.group}, tc.channel, Individual, moment(t, p, tc.at))
			if err != nil {
				t.Fatal(err)
			}
			f := q.Fees[0]
			if f.Amount != tc.want || f.Discount != tc.discount {
				t.Fatalf("got %s with %q, want %s with %q", f.Amount, f.Discount, tc.want, tc.discount)
			}
			if f.Base-f.Reduction != f.Amount || q.Total != f.Amount+q.Fees[1].Amount {
				t.Fatalf("lines do not add up: %+v total %s", q.Fees, q.Total)
			}
		})
	}
}

func TestDateRule(t *testing.T) {
	p := testProcedure(t, "")
	at := moment(t, p, "2025-08-01 09:00")
	young, err := p.Quote(map[string]any{"base": 0, "born": "2025-01-01"}, Counter, Individual, at)
	if err != nil {
		t.Fatal(err)
	}
	old, err := p.Quote(map[string]any{"base": 0}, Counter, Individual, at)
	if err != nil {
		t.Fatal(err)
	}
	if young.Fees[1].Amount != 1000 || old.Fees[1].Amount != 0 {
		t.Fatalf("age rule: born this year pays %s, born 2000 pays %s", young.Fees[1].Amount, old.Fees[1].Amount)
	}
}

func TestComponentRules(t *testing.T) {
	p := testProcedure(t, "")
	at := moment(t, p, "2025-08-01 09:00")
	cases := []struct {
		name     string
		inputs   map[string]any
		channel  Channel
		required string
		digitize string
	}{
		{"applicant files alone", map[string]any{"base": 1}, Counter, "don", ""},
		{"someone files on the applicant's behalf", map[string]any{"base": 1, "by_proxy": true}, Counter, "don,uy_quyen", "uy_quyen"},
		{"several owners need a plan, digitized online", map[string]any{"base": 1, "owners": []any{"a", "b"}}, Online, "don,so_do", "so_do"},
		{"several owners at the counter", map[string]any{"base": 1, "owners": "a,b"}, Counter, "don,so_do", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q, err := p.Quote(tc.inputs, tc.channel, Individual, at)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(q.Required(), ","); got != tc.required {
				t.Errorf("required %q, want %q", got, tc.required)
			}
			if got := strings.Join(q.ToDigitize(), ","); got != tc.digitize {
				t.Errorf("to digitize %q, want %q", got, tc.digitize)
			}
		})
	}
}

func TestRefusals(t *testing.T) {
	p := testProcedure(t, "")
	cases := []struct {
		name    string
		channel Channel
		at      string
		reason  string
	}{
		{"paper inside the pilot", Counter, "2025-03-03 09:00", ReasonPaperless},
		{"paper on the pilot's last day", Counter, "2025-06-30 09:00", ReasonPaperless},
		{"paper after the pilot", Counter, "2025-07-01 09:00", ""},
		{"online inside the pilot", Online, "2025-03-03 09:00", ""},
		{"a channel not offered", Postal, "2025-08-01 09:00", ReasonChannel},
		{"before the version is in force", Online, "2023-12-29 09:00", ReasonNotInForce},
		{"after the version ends", Online, "2027-01-04 09:00", ReasonNotInForce},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := p.Quote(map[string]any{"base": 1}, tc.channel, Individual, moment(t, p, tc.at))
			var r *Refusal
			switch {
			case tc.reason == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.reason != "" && (!errors.As(err, &r) || r.Reason != tc.reason):
				t.Fatalf("got %v, want refusal %s", err, tc.reason)
			}
		})
	}
}

func TestInputsNameEveryBadField(t *testing.T) {
	p := testProcedure(t, "")
	_, err := p.Quote(map[string]any{
		"base": "many", "group": "teacher", "born": "01/02/2000",
		"owners": []any{"a", "b", "c", "d", "e", "f"}, "note": "CAPITALS", "colour": "blue",
	}, Online, Individual, moment(t, p, "2025-08-01 09:00"))
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("got %v, want an InputError", err)
	}
	want := []string{"inputs.base", "inputs.group", "inputs.born", "inputs.owners", "inputs.note", "inputs.colour"}
	if len(ie.Fields) != len(want) {
		t.Fatalf("named %d fields, want %d: %v", len(ie.Fields), len(want), ie)
	}
	for i, f := range ie.Fields {
		if f.Field != want[i] {
			t.Errorf("field %d is %s, want %s (%s)", i, f.Field, want[i], f.Message)
		}
	}
	_, err = p.Quote(map[string]any{}, Online, Individual, moment(t, p, "2025-08-01 09:00"))
	if !errors.As(err, &ie) || len(ie.Fields) != 1 || ie.Fields[0].Message != "is required" {
		t.Fatalf("a missing required input: %v", err)
	}
	for _, bad := range []map[string]any{{"base": -1}, {"base": 10000001}, {"base": 1.5}, {"base": 1, "by_proxy": "maybe"}, {"base": 1, "note": "far too long a note"}} {
		if _, err := p.Quote(bad, Online, Individual, moment(t, p, "2025-08-01 09:00")); !errors.As(err, &ie) {
			t.Errorf("%v accepted", bad)
		}
	}
}

func TestDeadlineInQuote(t *testing.T) {
	p := testProcedure(t, "")
	// Received on the last working day before Tết 2026 (Friday 13 February).
	q, err := p.Quote(map[string]any{"base": 1}, Online, Individual, moment(t, p, "2026-02-13 10:00"))
	if err != nil {
		t.Fatal(err)
	}
	want := moment(t, p, "2026-02-25 10:00")
	if !q.Due.Equal(want) || !q.Steps[0].Due.Equal(want) {
		t.Fatalf("due %s (step %s), want %s", q.Due, q.Steps[0].Due, want)
	}
	if q.WorkingMinutes != 3*450 {
		t.Fatalf("working minutes %d, want %d", q.WorkingMinutes, 3*450)
	}
}
