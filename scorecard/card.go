package scorecard

import (
	"cmp"
	"context"
	"math"
	"slices"
	"time"

	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/store"
)

// Request is the scorecard asked for: a period, and optionally one level
// or one unit with the units under it.
type Request struct {
	Period reports.Period
	Level  procedures.Level
	Unit   string
	// Now decides which open dossiers are overdue, and how far into the
	// period the forecast stands.
	Now time.Time
}

// Line is one indicator of one unit.
type Line struct {
	Indicator
	Num    int     `json:"numerator"`
	Den    int     `json:"denominator"`
	Ratio  float64 `json:"ratio" doc:"In percent, two decimals; 0 when nothing was counted."`
	Earned float64 `json:"points"`
	// Scored is false when nothing was counted: the indicator is left out
	// of the unit's total, not scored zero.
	Scored bool `json:"scored"`
	Meets  bool `json:"meets"`
}

// Forecast is a unit's score at the end of the period at today's pace.
type Forecast struct {
	Points float64  `json:"points"`
	Max    float64  `json:"max"`
	Score  float64  `json:"score" doc:"Points over the points it can be scored on, in percent."`
	Misses []string `json:"misses" doc:"The indicators forecast to miss their targets."`
}

// Score is one unit's scorecard.
type Score struct {
	Unit     string           `json:"unit"`
	Name     string           `json:"name"`
	Level    procedures.Level `json:"level"`
	Parent   string           `json:"parent,omitempty"`
	Lines    []Line           `json:"indicators"`
	Points   float64          `json:"points"`
	Max      float64          `json:"max" doc:"The points the unit can be scored on: those of the indicators it has dossiers for."`
	Score    float64          `json:"score" doc:"Points over max, in percent."`
	Rank     int              `json:"rank" doc:"Among the units of its level shown; ties share a rank."`
	Peers    int              `json:"peers"`
	Forecast Forecast         `json:"forecast"`
	counts   store.ScoreCounts
}

// Card is the scorecard of a period.
type Card struct {
	Period reports.Period `json:"period"`
	Basis  string         `json:"basis"`
	AsOf   time.Time      `json:"as_of"`
	Units  []Score        `json:"units" doc:"By level, then by rank."`
	// AtRisk are the dossiers costing points now.
	AtRisk []store.AtRisk `json:"at_risk"`
	// Watch is the forecast's order: the units that will miss the most
	// targets first, then the lowest forecast score.
	Watch []string `json:"watch"`
}

// Build computes the scorecard from the store.
func Build(ctx context.Context, st *store.Store, cat *procedures.Catalogue, cfg *Config, req Request) (*Card, error) {
	from, to := req.Period.Bounds()
	now := req.Now
	if now.IsZero() {
		now = time.Now()
	}
	units := cat.Units()
	var scope []string
	if req.Unit != "" {
		scope = units.Within(req.Unit)
	}
	counts, err := st.ScoreCountsByUnit(ctx, from, to, now, scope)
	if err != nil {
		return nil, err
	}
	risk, err := st.AtRisk(ctx, from, to, now, scope, 200)
	if err != nil {
		return nil, err
	}
	card := &Card{Period: req.Period, Basis: cfg.Basis, AsOf: now, AtRisk: risk, Units: []Score{}, Watch: []string{}}
	// Each unit's figures include those of the units under it.
	codes := map[string]bool{}
	for code := range counts {
		codes[code] = true
		for _, a := range units.Ancestors(code) {
			codes[a.Code] = true
		}
	}
	// The elapsed share of the period, for the forecast.
	elapsed := 1.0
	if total := to.Sub(from); now.Before(to) && now.After(from) {
		elapsed = float64(now.Sub(from)) / float64(total)
	}
	for code := range codes {
		if scope != nil && !slices.Contains(scope, code) {
			continue
		}
		var sum store.ScoreCounts
		for _, c := range units.Within(code) {
			sum.Add(counts[c])
		}
		if len(units.Within(code)) == 0 {
			sum = counts[code] // a unit the directory does not know
		}
		s := Score{Unit: code, Name: units.Name(code), counts: sum}
		if u, ok := units.Unit(code); ok {
			s.Level, s.Parent = u.Level, u.Parent
		}
		if req.Level != "" && s.Level != req.Level {
			continue
		}
		s.Lines, s.Points, s.Max = cfg.score(sum, nil)
		s.Score = share(s.Points, s.Max)
		s.Forecast = cfg.forecast(sum, elapsed)
		card.Units = append(card.Units, s)
	}
	rank(card.Units)
	slices.SortFunc(card.Units, func(a, b Score) int {
		if d := a.Level.Rank() - b.Level.Rank(); d != 0 {
			return d
		}
		if a.Rank != b.Rank {
			return a.Rank - b.Rank
		}
		return cmp.Compare(a.Unit, b.Unit)
	})
	watch := slices.Clone(card.Units)
	slices.SortStableFunc(watch, func(a, b Score) int {
		if d := len(b.Forecast.Misses) - len(a.Forecast.Misses); d != 0 {
			return d
		}
		return cmp.Compare(a.Forecast.Score, b.Forecast.Score)
	})
	for _, s := range watch {
		card.Watch = append(card.Watch, s.Unit)
	}
	return card, nil
}

// score scores counts by the rule: an indicator at or above its target
// earns its points, below it ratio × points ÷ target. ratios, when given,
// replace the counted ratios (the forecast's).
func (cfg *Config) score(c store.ScoreCounts, ratios map[string]float64) ([]Line, float64, float64) {
	var lines []Line
	var points, max float64
	for _, ind := range cfg.Indicators {
		m := measures[ind.Measure]
		l := Line{Indicator: ind, Num: m.num(c), Den: m.den(c)}
		l.Scored = l.Den > 0
		if l.Scored {
			l.Ratio = round2(100 * float64(l.Num) / float64(l.Den))
			if r, ok := ratios[ind.Code]; ok {
				l.Ratio = round2(r)
			}
			l.Meets = l.Ratio >= ind.Target
			l.Earned = ind.Points
			if !l.Meets {
				l.Earned = round4(l.Ratio * ind.Points / ind.Target)
			}
			points += l.Earned
			max += ind.Points
		}
		lines = append(lines, l)
	}
	return lines, round4(points), max
}

// forecast scores the period's end at today's pace. Each ratio holds as
// it is, but for being on time, where what is already known counts: by
// the end, dossiers are decided at today's pace; those still open past
// their appointment are among them and will be late; the others are on
// time at today's share. A period already over is forecast as it stands.
func (cfg *Config) forecast(c store.ScoreCounts, elapsed float64) Forecast {
	ratios := map[string]float64{}
	if elapsed < 1 {
		shareOnTime := 1.0
		if c.Decided > 0 {
			shareOnTime = float64(c.OnTime) / float64(c.Decided)
		}
		more := float64(c.Decided)/elapsed - float64(c.Decided)
		if c.Decided == 0 {
			more = float64(c.OpenOverdue + c.OpenInTime)
		}
		more = math.Max(more, float64(c.OpenOverdue))
		den := float64(c.Decided) + more
		num := float64(c.OnTime) + shareOnTime*(more-float64(c.OpenOverdue))
		for _, ind := range cfg.Indicators {
			if ind.Measure == "on_time" && den > 0 {
				ratios[ind.Code] = 100 * num / den
			}
		}
	}
	// An indicator with nothing counted yet stays unscored: today's pace
	// says nothing of it.
	lines, points, max := cfg.score(c, ratios)
	f := Forecast{Points: points, Max: max, Score: share(points, max), Misses: []string{}}
	for _, l := range lines {
		if l.Scored && !l.Meets {
			f.Misses = append(f.Misses, l.Code)
		}
	}
	return f
}

// rank gives each unit its rank among the units of its level: ties share
// a rank, and the next rank skips as many.
func rank(units []Score) {
	byLevel := map[procedures.Level][]int{}
	for i, u := range units {
		byLevel[u.Level] = append(byLevel[u.Level], i)
	}
	for _, idx := range byLevel {
		slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(units[b].Score, units[a].Score) })
		for pos, i := range idx {
			units[i].Peers = len(idx)
			if pos > 0 && units[idx[pos-1]].Score == units[i].Score {
				units[i].Rank = units[idx[pos-1]].Rank
			} else {
				units[i].Rank = pos + 1
			}
		}
	}
}

func share(points, max float64) float64 {
	if max == 0 {
		return 0
	}
	return round2(100 * points / max)
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }
func round4(x float64) float64 { return math.Round(x*10000) / 10000 }
