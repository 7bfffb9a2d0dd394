package reports

import (
	"context"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/store"
)

// LateDossier is a dossier past or near its due instant.
type LateDossier struct {
	model.Projection
	// AgencyName is the receiving unit's full name, from the directory.
	AgencyName string `json:"agency_name"`
	Overdue    bool   `json:"overdue"`
	// LateBy is how far past due it is, in working time, as days and
	// hours; DueIn is how much working time is left.
	LateByMinutes int64   `json:"late_by_minutes,omitempty"`
	LateByDays    float64 `json:"late_by_days,omitempty"`
	DueInMinutes  int64   `json:"due_in_minutes,omitempty"`
}

// LateSource lists the open dossiers due before an instant, the earliest
// due first; the store is one.
type LateSource interface {
	Late(ctx context.Context, f store.Filter, horizon time.Time, limit int) ([]model.Projection, error)
}

// Which late dossiers a list shows.
const (
	OnlyOverdue = "overdue"
	OnlyDueSoon = "due_soon"
)

// Late lists the dossiers overdue at now and those due within dueSoon of
// working time, or only one of the two, with how late each is. Lateness
// is counted in the calendar of each dossier's own version, since a
// province's calendar may differ from the nation's.
func Late(ctx context.Context, src LateSource, cat *procedures.Catalogue, f store.Filter, now time.Time,
	dueSoon time.Duration, only string, limit int) ([]LateDossier, error) {
	// The horizon of "due soon" is one instant for all, so it is taken in
	// the national calendar.
	national, _ := cat.Calendar("vn")
	horizon := now
	if only != OnlyOverdue && national != nil {
		if h, err := national.Add(now, dueSoon); err == nil {
			horizon = h
		}
	}
	rows, err := src.Late(ctx, f, horizon, limit)
	if err != nil {
		return nil, err
	}
	out := []LateDossier{}
	for _, r := range rows {
		d := LateDossier{Projection: r, AgencyName: cat.Units().Name(r.Agency), Overdue: r.Due.Before(now)}
		if only == OnlyDueSoon && d.Overdue {
			continue
		}
		cal := national
		if v, err := cat.Version(r.Procedure.Code, r.Procedure.Version); err == nil {
			cal = v.Calendar()
		}
		if cal != nil {
			if d.Overdue {
				if w, err := cal.Between(r.Due, now); err == nil {
					d.LateByMinutes, d.LateByDays = int64(w/time.Minute), cal.InDays(w)
				}
			} else if w, err := cal.Between(now, r.Due); err == nil {
				d.DueInMinutes = int64(w / time.Minute)
			}
		}
		out = append(out, d)
	}
	return out, nil
}
