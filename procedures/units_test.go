package procedures

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/motcua/motcua/calendar"
)

// withUnits loads the test procedure (ubnd-xa, commune) beside a units file.
func withUnits(t *testing.T, units string) (*Catalogue, error) {
	t.Helper()
	cal, err := os.ReadFile("testdata/calendar.yaml")
	if err != nil {
		t.Fatal(err)
	}
	base, err := os.ReadFile("testdata/valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return Load(fstest.MapFS{"cal.yaml": {Data: cal}, "p.yaml": {Data: base}, "units.yaml": {Data: []byte(units)}}, "")
}

const twoLevels = `kind: Units
province: Tỉnh Thử
units:
  - {code: tinh, name: Ủy ban nhân dân tỉnh Thử, short: UBND tỉnh, level: province, place: Thử, from: 2020-01-01}
  - {code: huyen, name: Ủy ban nhân dân huyện Cũ, short: UBND huyện Cũ, level: district, parent: tinh, place: Cũ, from: 2020-01-01, to: 2025-06-30, successor: tinh}
  - {code: xa-cu, name: Ủy ban nhân dân xã Cũ, short: UBND xã Cũ, level: commune, parent: huyen, place: Cũ, acts_as: [ubnd-xa], from: 2020-01-01, to: 2025-06-30, successor: xa-moi}
  - {code: xa-moi, name: Ủy ban nhân dân xã Mới, short: UBND xã Mới, level: commune, parent: tinh, place: Mới, acts_as: [ubnd-xa], from: 2025-07-01}
  - {code: cong-an, name: Công an tỉnh Thử, short: Công an tỉnh, level: province, parent: tinh, place: Thử, acts_as: [cong-an-tinh], from: 2020-01-01}
`

func day(t *testing.T, s string) calendar.Day {
	t.Helper()
	d, err := calendar.ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestUnitsTreeAndSuccessors(t *testing.T) {
	c, err := withUnits(t, twoLevels)
	if err != nil {
		t.Fatal(err)
	}
	u := c.Units()
	if got := u.Within("tinh"); strings.Join(got, ",") != "tinh,cong-an,huyen,xa-moi,xa-cu" {
		t.Errorf("within the province: %v", got)
	}
	if got := u.Within("huyen"); strings.Join(got, ",") != "huyen,xa-cu" {
		t.Errorf("within the district: %v", got)
	}
	if got := u.Today("xa-cu", day(t, "2026-01-05")); got != "xa-moi" {
		t.Errorf("xa-cu today is %s, want xa-moi", got)
	}
	if got := u.Today("xa-cu", day(t, "2024-01-05")); got != "xa-cu" {
		t.Errorf("xa-cu in 2024 is %s, want itself", got)
	}
	if got := u.Today("huyen", day(t, "2026-01-05")); got != "tinh" {
		t.Errorf("the district today is %s, want the province", got)
	}
	if a := u.Ancestors("xa-cu"); len(a) != 2 || a[0].Code != "huyen" || a[1].Code != "tinh" {
		t.Errorf("ancestors of xa-cu: %v", a)
	}
	if u.Name("xa-moi") != "Ủy ban nhân dân xã Mới" || u.Name("khong-ton-tai") != "khong-ton-tai" {
		t.Error("names")
	}
}

// TestMayReceive is the rule a filing's unit is held to: known, in force
// on the day, at the procedure's level, acting as its kind of office.
func TestMayReceive(t *testing.T) {
	c, err := withUnits(t, twoLevels)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := c.Version("9.000001", 1)
	u := c.Units()
	cases := []struct {
		unit, day, want string
	}{
		{"xa-moi", "2025-07-01", ""},
		{"xa-cu", "2025-06-30", ""},
		{"khong-ton-tai", "2025-07-01", `there is no unit "khong-ton-tai"`},
		{"xa-cu", "2025-07-01", "in force from 2020-01-01 to 2025-06-30; its work passed to Ủy ban nhân dân xã Mới (xa-moi)"},
		{"xa-moi", "2025-06-30", "in force from 2025-07-01"},
		{"tinh", "2025-07-01", "is a unit at cấp tỉnh, and procedure 9.000001 is handled at cấp xã"},
	}
	for _, tc := range cases {
		err := u.MayReceive(tc.unit, p, day(t, tc.day))
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s on %s: %v", tc.unit, tc.day, err)
		case tc.want != "" && (!errors.Is(err, ErrWrongUnit) || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s on %s: %v, want %q", tc.unit, tc.day, err, tc.want)
		}
	}
	kind := *p
	kind.Level = Province
	if err := u.MayReceive("cong-an", &kind, day(t, "2025-07-01")); err == nil || !strings.Contains(err.Error(), "does not act as UBND xã") {
		t.Errorf("a unit of another kind: %v", err)
	}
	if r := u.Receivers(p, day(t, "2026-01-05")); len(r) != 1 || r[0].Code != "xa-moi" {
		t.Errorf("receivers today: %v", r)
	}
}

// TestUnitsProblems reports every mistake in a directory at once, each at
// its file, line and column with its field path.
func TestUnitsProblems(t *testing.T) {
	_, err := withUnits(t, `kind: Units
province: Tỉnh Thử
units:
  - {code: tinh, name: UBND tỉnh, short: UBND tỉnh, level: province, place: Thử, from: 2020-01-01}
  - {code: Xa_1, name: x, short: x, level: commune, place: x, from: 2020-01-01}
  - {code: xa, name: x, short: x, level: commune, parent: khong-co, place: x, acts_as: [ubnd-xa], from: 2020-01-01}
  - {code: xa, name: x, short: x, level: commune, place: x, from: 2020-01-01}
  - {code: huyen, name: x, short: x, level: county, parent: tinh, place: x, from: 2020-01-01}
  - {code: xa-2, name: x, short: x, level: commune, parent: tinh, place: x, from: 2025-07-01, to: 2025-01-01, successor: khong-co}
  - {code: xa-3, name: x, short: x, level: commune, parent: tinh, place: x, from: 2020-01-01, to: 2025-06-30}
  - {code: tinh-2, name: x, short: x, level: province, parent: xa-3, place: x, from: 2020-01-01, acts_as: [ubnd-xa]}
  - {code: a, name: x, short: x, level: province, parent: b, place: x, from: 2020-01-01}
  - {code: b, name: x, short: x, level: province, parent: a, place: x, from: 2020-01-01}
`)
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("want problems, got %v", err)
	}
	want := [][2]string{
		{"units.yaml:5:12: ", "units[1].code: must be lower-case letters, digits and single hyphens"},
		{"units.yaml:6:59: ", `units[2].parent: there is no unit "khong-co"`},
		{"units.yaml:7:12: ", "units[3].code: unit xa is also declared at units.yaml:6"},
		{"units.yaml:8:45: ", `units[4].level: must be one of province, district, commune, got "county"`},
		{"units.yaml:9:99: ", "units[5].to: 2025-01-01 comes before from 2025-07-01"},
		{"units.yaml:9:122: ", `units[5].successor: there is no unit "khong-co"`},
		{"units.yaml:10:5: ", "units[6].successor: is required once a unit ends on 2025-06-30"},
		{"units.yaml:11:64: ", "units[7].parent: xa-3 is at commune level, below this province unit"},
		{"units.yaml:11:108: ", "units[7].acts_as[0]: no procedure of ubnd-xa is handled at province level"},
		{"units.yaml:12:59: ", "units[8].parent: unit a is its own ancestor"},
	}
	got := err.Error()
	for _, w := range want {
		if !strings.Contains(got, w[0]+w[1]) {
			t.Errorf("missing %q in:\n%s", w[0]+w[1], got)
		}
	}
	if strings.Contains(got, "p.yaml") {
		t.Errorf("the procedure has a receiver (xa), yet:\n%s", got)
	}
}

func TestEveryProcedureHasAReceiver(t *testing.T) {
	_, err := withUnits(t, strings.ReplaceAll(twoLevels, "acts_as: [ubnd-xa], ", ""))
	if err == nil || !strings.Contains(err.Error(), "p.yaml:4:") || !strings.Contains(err.Error(), "no unit in the directory acts as ubnd-xa at commune level") {
		t.Fatalf("want the procedure's agency pointed at, got %v", err)
	}
}

// TestShippedDirectory holds the shipped province to both sides of the
// reform: districts and their communes until 30 June 2025, merged communes
// under the province after.
func TestShippedDirectory(t *testing.T) {
	c := defaultCatalogue(t)
	u := c.Units()
	before, after := day(t, "2025-06-30"), day(t, "2025-07-01")
	count := func(d calendar.Day, l Level) int {
		n := 0
		for _, x := range u.All() {
			if x.InForce(d) && x.Level == l {
				n++
			}
		}
		return n
	}
	if count(before, District) < 3 || count(after, District) != 0 {
		t.Errorf("districts: %d before, %d after", count(before, District), count(after, District))
	}
	if count(after, Commune) < 3 || count(before, Commune) < 5 {
		t.Errorf("communes: %d before, %d after", count(before, Commune), count(after, Commune))
	}
	for _, x := range u.All() {
		if x.InForce(after) && x.Level == Commune && (x.Parent != "ubnd-tinh-ha-tinh") {
			t.Errorf("%s is under %s after the reform", x.Code, x.Parent)
		}
	}
	if got := u.Today("ubnd-xa-tuong-son", after); got != "ubnd-xa-thach-lac-2025" {
		t.Errorf("Tượng Sơn today: %s", got)
	}
	for _, code := range c.Codes() {
		p, err := c.Lookup(code, time.Date(2025, 7, 1, 9, 0, 0, 0, p0(c).Calendar().Location()))
		if err != nil {
			continue
		}
		if len(u.Receivers(p, after)) == 0 {
			t.Errorf("%s has no receiving unit after the reform", code)
		}
	}
}

func p0(c *Catalogue) *Procedure { return c.All()[0] }
