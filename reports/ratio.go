package reports

import (
	"encoding/json"
	"math/big"
)

// Ratio is one rate of one unit: a numerator over a denominator, and the
// target the unit is held to. A unit that mixes dossiers with different
// targets (levels, service levels) is held to their mean, weighted by each
// part's share of the denominator: the rate it would reach if every part
// just met its own target.
type Ratio struct {
	Num, Den int64
	// weighted is Σ weight × target over the parts that have a target, in
	// basis points, and weight is Σ weight over those parts.
	weighted, weight int64
}

// add counts a part of the unit, with its target if it has one.
func (r *Ratio) add(num, den int64, target Percent, hasTarget bool) {
	r.Num += num
	r.Den += den
	if hasTarget && den > 0 {
		r.weighted += den * int64(target)
		r.weight += den
	}
}

// Rate is the ratio in basis points, rounded half up, when there is a
// denominator.
func (r Ratio) Rate() (Percent, bool) {
	if r.Den == 0 {
		return 0, false
	}
	return Percent((r.Num*20000 + r.Den) / (2 * r.Den)), true
}

// Target is the weighted target in basis points, rounded half up, when one
// applies.
func (r Ratio) Target() (Percent, bool) {
	if r.weight == 0 {
		return 0, false
	}
	return Percent((r.weighted*2 + r.weight) / (2 * r.weight)), true
}

// Meets reports whether the rate reaches its target, compared exactly, and
// whether there is anything to judge: a rate without dossiers or without a
// target neither meets nor misses.
func (r Ratio) Meets() (meets, judged bool) {
	if r.Den == 0 || r.weight == 0 {
		return false, false
	}
	// Num/Den ≥ weighted/(weight × 10000), in integers that may pass 2^63.
	lhs := new(big.Int).Mul(big.NewInt(r.Num), big.NewInt(r.weight))
	lhs.Mul(lhs, big.NewInt(10000))
	rhs := new(big.Int).Mul(big.NewInt(r.weighted), big.NewInt(r.Den))
	return lhs.Cmp(rhs) >= 0, true
}

// gap is how far the rate falls short of its target, in percentage points.
func (r Ratio) gap() float64 {
	rate := float64(r.Num) / float64(r.Den) * 100
	target := float64(r.weighted) / float64(r.weight) / 100
	return target - rate
}

// RatioJSON is how a ratio is written in JSON: percentages as numbers with
// two decimals, and only what applies.
type RatioJSON struct {
	Num     int64    `json:"num"`
	Den     int64    `json:"den"`
	Percent *float64 `json:"percent,omitempty" doc:"num/den as a percentage; absent without a denominator"`
	Target  *float64 `json:"target,omitempty" doc:"The target as a percentage; absent when none applies"`
	Meets   *bool    `json:"meets,omitempty" doc:"Whether the rate reaches its target; absent when there is nothing to judge"`
}

// MarshalJSON writes the ratio as a RatioJSON.
func (r Ratio) MarshalJSON() ([]byte, error) {
	out := RatioJSON{Num: r.Num, Den: r.Den}
	if p, ok := r.Rate(); ok {
		f := float64(p) / 100
		out.Percent = &f
	}
	if t, ok := r.Target(); ok {
		f := float64(t) / 100
		out.Target = &f
	}
	if m, ok := r.Meets(); ok {
		out.Meets = &m
	}
	return json.Marshal(out)
}
