package reports

import (
	"context"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/procedures"
)

// Month is one month of a trend: the rates of the unit reported on.
type Month struct {
	Period Period          `json:"period"`
	Rates  map[Rate]*Ratio `json:"rates"`
}

// Trend is the report's unit month by month over its period: the rates a
// supervisor watches climb, or not, towards their targets. A period that
// starts or ends mid-month has its first or last month cut to it; a trend
// stops at 36 months, the most a page shows.
func Trend(ctx context.Context, src Counter, cat *procedures.Catalogue, targets *Targets, req Request) ([]Month, error) {
	var out []Month
	for from := req.Period.From; !req.Period.To.Before(from) && len(out) < 36; {
		next := calendar.DayOf(time.Date(from.Year, from.Month+1, 1, 12, 0, 0, 0, vietnam), vietnam)
		to := next.AddDays(-1)
		if req.Period.To.Before(to) {
			to = req.Period.To
		}
		m := req
		m.Period = Period{From: from, To: to}
		rep, err := Build(ctx, src, cat, targets, m)
		if err != nil {
			return nil, err
		}
		out = append(out, Month{Period: m.Period, Rates: rep.Focus().Rates})
		from = next
	}
	return out, nil
}

// Focus is the row a report is about: the unit asked for, the agency, the
// level, or the whole.
func (r *Report) Focus() *Row {
	if r.Unit != "" {
		for _, c := range r.Units.Children {
			if c.Agency == r.Unit {
				return c
			}
		}
	}
	row := r.Total
	if r.Level != "" {
		for _, c := range row.Children {
			if c.Level == r.Level {
				row = c
			}
		}
	}
	if r.Agency != "" {
		for _, c := range row.Children {
			if c.Agency == r.Agency {
				return c
			}
		}
	}
	return row
}
