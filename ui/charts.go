package ui

import (
	"sort"

	"github.com/motcua/motcua/reports"
)

// chart is one rate across the units under the one looked at, as
// horizontal bars with the target marked, drawn as SVG on the server.
type chart struct {
	Rate   reports.Rate
	Height int
	Bars   []bar
	More   int // units left out, the best ones
}

// bar is one unit's rate.
type bar struct {
	Label   string
	Y       int
	Width   float64 // of barWidth, for 100%
	Value   string
	Target  float64 // x of the target line; 0 when none
	Verdict string  // meets, misses or none
}

// The geometry of a chart, in SVG units.
const (
	barLeft   = 190
	barWidth  = 300
	barHeight = 18
	barGap    = 8
	maxBars   = 15
)

// charts draws every rate over the rows, the worst first, so that a long
// list of communes still shows the ones that need attention.
func charts(rows []*reports.Row) []chart {
	var out []chart
	for _, rate := range reports.Rates {
		c := chart{Rate: rate}
		shown := make([]*reports.Row, 0, len(rows))
		for _, r := range rows {
			if r.Rates[rate].Den > 0 {
				shown = append(shown, r)
			}
		}
		sort.SliceStable(shown, func(i, j int) bool { return value(shown[i].Rates[rate]) < value(shown[j].Rates[rate]) })
		if len(shown) > maxBars {
			c.More, shown = len(shown)-maxBars, shown[:maxBars]
		}
		for i, r := range shown {
			ratio := r.Rates[rate]
			b := bar{Label: short(r.Name), Y: i*(barHeight+barGap) + 4, Width: value(ratio) / 100 * barWidth,
				Value: pct(ratio), Verdict: verdict(ratio)}
			if t, ok := ratio.Target(); ok {
				b.Target = barLeft + float64(t)/10000*barWidth
			}
			c.Bars = append(c.Bars, b)
		}
		c.Height = len(c.Bars)*(barHeight+barGap) + 8
		out = append(out, c)
	}
	return out
}

// value is a ratio in percent, 0 without a denominator.
func value(r *reports.Ratio) float64 {
	v, ok := r.Rate()
	if !ok {
		return 0
	}
	return float64(v) / 100
}

// short cuts a unit's name to what fits beside its bar.
func short(s string) string {
	r := []rune(s)
	if len(r) <= 26 {
		return s
	}
	return string(r[:25]) + "…"
}
