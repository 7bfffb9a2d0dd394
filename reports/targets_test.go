package reports

import (
	"strings"
	"testing"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/procedures"
)

func day(s string) calendar.Day {
	d, err := calendar.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestDefaultTargetsAreTheGovernments(t *testing.T) {
	tg := DefaultTargets()
	for _, c := range []struct {
		rate    Rate
		on      string
		level   procedures.Level
		service procedures.ServiceLevel
		want    string // "" for no target
	}{
		{ResultsDigitized, "2024-06-30", procedures.Province, "", "90.00%"},
		{ResultsDigitized, "2024-12-31", procedures.District, "", "80.00%"},
		{ResultsDigitized, "2024-01-01", procedures.Commune, "", "75.00%"},
		{ResultsDigitized, "2025-01-01", procedures.Commune, "", "100.00%"},
		{ResultsDigitized, "2023-12-31", procedures.Province, "", ""},
		{FiledOnline, "2024-03-01", procedures.Commune, procedures.FullOnline, "100.00%"},
		{FiledOnline, "2024-03-01", procedures.Commune, procedures.PartialOnline, "50.00%"},
		{FiledOnline, "2024-03-01", procedures.Commune, "", ""}, // a procedure no longer in the catalogue
		{PaidOnline, "2024-03-01", procedures.Province, "", "50.00%"},
		{OnlinePaymentOffered, "2023-07-01", procedures.Province, "", "50.00%"},
		{OnlinePaymentOffered, "2024-07-01", procedures.Province, "", "100.00%"},
		{OnTime, "2024-07-01", procedures.Province, "", ""},
	} {
		p, ok := tg.For(c.rate, day(c.on), c.level, c.service)
		got := ""
		if ok {
			got = p.String()
		}
		if got != c.want {
			t.Errorf("%s on %s for %s/%s = %q, want %q", c.rate, c.on, c.level, c.service, got, c.want)
		}
	}
}

func TestBadTargetsFilesNameTheFieldAndPosition(t *testing.T) {
	for _, c := range []struct{ name, yaml, want string }{
		{"unknown rate", "kind: Targets\ntargets:\n  filed_onlin: []\n",
			"t.yaml:3:3: targets.filed_onlin: is not a known field; expected one of filed_online"},
		{"percent out of range", "kind: Targets\ntargets:\n  paid_online:\n    - {from: 2024-01-01, all: 150}\n",
			"t.yaml:4:31: targets.paid_online[0].all: must be a percentage from 0 to 100, got \"150\""},
		{"bad date", "kind: Targets\ntargets:\n  paid_online:\n    - {from: 2024-13-01, all: 50}\n",
			"t.yaml:4:14: targets.paid_online[0].from: must be a date written 2006-01-02, got \"2024-13-01\""},
		{"unknown level", "kind: Targets\ntargets:\n  results_digitized:\n    - from: 2024-01-01\n      by_level: {town: 50}\n",
			"t.yaml:5:18: targets.results_digitized[0].by_level.town: is not a known field; expected one of province, district, commune"},
		{"two shapes", "kind: Targets\ntargets:\n  paid_online:\n    - {from: 2024-01-01, all: 50, by_level: {province: 50}}\n",
			"t.yaml:4:7: targets.paid_online[0]: needs exactly one of all, by_level and by_service_level"},
		{"no from", "kind: Targets\ntargets:\n  paid_online:\n    - {all: 50}\n",
			"t.yaml:4:7: targets.paid_online[0].from: is required"},
		{"to before from", "kind: Targets\ntargets:\n  paid_online:\n    - {from: 2024-05-01, to: 2024-04-30, all: 50}\n",
			"t.yaml:4:7: targets.paid_online[0].to: 2024-04-30 is before from 2024-05-01"},
		{"overlap", "kind: Targets\ntargets:\n  paid_online:\n    - {from: 2024-01-01, all: 50}\n    - {from: 2025-01-01, all: 60}\n",
			"t.yaml:5:7: targets.paid_online[1]: overlaps the target from 2024-01-01"},
		{"three decimals", "kind: Targets\ntargets:\n  paid_online:\n    - {from: 2024-01-01, all: 50.125}\n",
			"must have at most two decimals"},
		{"wrong kind", "kind: Procedure\ntargets: {}\n", "t.yaml:1:7: kind: must be Targets"},
		{"not yaml", "kind: [", "t.yaml: yaml:"},
	} {
		_, err := ParseTargets("t.yaml", []byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
}

func TestAProvincesOwnTargets(t *testing.T) {
	tg, err := ParseTargets("own.yaml", []byte("kind: Targets\ntargets:\n  on_time:\n    - {from: 2024-01-01, all: 97.5}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := tg.For(OnTime, day("2024-02-01"), procedures.Commune, ""); !ok || p != 9750 {
		t.Errorf("on time target %v %v", p, ok)
	}
	if _, ok := tg.For(ResultsDigitized, day("2024-02-01"), procedures.Commune, ""); ok {
		t.Error("a rate the file does not set has a target")
	}
}
