package reports

import (
	"encoding/json"
	"testing"
)

func TestRateRoundsHalfUpToHundredthsOfAPercent(t *testing.T) {
	for _, c := range []struct {
		num, den int64
		want     string
	}{
		{231989, 283701, "81.77%"},
		{1, 3, "33.33%"},
		{2, 3, "66.67%"},
		{1, 8, "12.50%"},
		{1, 80000, "0.00%"}, // 0.00125% rounds down
		{1, 40000, "0.00%"}, // 0.0025% rounds down
		{1, 20000, "0.01%"}, // 0.005% rounds half up
		{5, 5, "100.00%"},
	} {
		r := Ratio{Num: c.num, Den: c.den}
		if got, ok := r.Rate(); !ok || got.String() != c.want {
			t.Errorf("%d/%d = %s, want %s", c.num, c.den, got, c.want)
		}
	}
	if _, ok := (Ratio{}).Rate(); ok {
		t.Error("a ratio without a denominator has a rate")
	}
}

func TestMeetsComparesExactlyNotRounded(t *testing.T) {
	var r Ratio
	r.add(8999, 10000, 9000, true) // 89.99% against 90%
	if meets, judged := r.Meets(); !judged || meets {
		t.Errorf("89.99%% meets 90%%: %v %v", meets, judged)
	}
	r = Ratio{}
	r.add(9, 10, 9000, true)
	if meets, _ := r.Meets(); !meets {
		t.Error("90% does not meet 90%")
	}
	// 899,999,999 of 1,000,000,000 would round to 90.00% but falls short.
	r = Ratio{}
	r.add(899999999, 1000000000, 9000, true)
	if p, _ := r.Rate(); p.String() != "90.00%" {
		t.Fatalf("rate %s", p)
	}
	if meets, _ := r.Meets(); meets {
		t.Error("a rate a hair under 90% meets 90% because it rounds up")
	}
}

func TestAMixedUnitIsHeldToTheMeanOfItsPartsTargets(t *testing.T) {
	// 30 dossiers of a full-online procedure (target 100%) and 70 of a
	// partial-online one (target 50%): the unit's target is 65%.
	var r Ratio
	r.add(30, 30, 10000, true)
	r.add(34, 70, 5000, true)
	if tg, _ := r.Target(); tg.String() != "65.00%" {
		t.Errorf("target %s, want 65.00%%", tg)
	}
	if meets, _ := r.Meets(); meets {
		t.Error("64% meets 65%")
	}
	// A part without a target counts in the rate but not in the target.
	r.add(1, 100, 0, false)
	if tg, _ := r.Target(); tg.String() != "65.00%" {
		t.Errorf("target moved to %s by a part without one", tg)
	}
	if p, _ := r.Rate(); p.String() != "32.50%" {
		t.Errorf("rate %s", p)
	}
}

func TestRatioJSONLeavesOutWhatDoesNotApply(t *testing.T) {
	var r Ratio
	r.add(1, 3, 5000, true)
	b, _ := json.Marshal(r)
	if string(b) != `{"num":1,"den":3,"percent":33.33,"target":50,"meets":false}` {
		t.Errorf("%s", b)
	}
	b, _ = json.Marshal(Ratio{})
	if string(b) != `{"num":0,"den":0}` {
		t.Errorf("%s", b)
	}
}
