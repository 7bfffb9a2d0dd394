package reports

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/motcua/motcua/calendar"
)

// vietnam is the time zone whose days reports count in.
var vietnam = calendar.Vietnam

// Period is a span of whole days in Vietnam's time, both inclusive, such as
// a month or a year.
type Period struct {
	From, To calendar.Day
}

// PeriodJSON is how a period is written in JSON.
type PeriodJSON struct {
	From string `json:"from" format:"date"`
	To   string `json:"to" format:"date"`
}

// MarshalJSON writes the period as two dates, 2006-01-02.
func (p Period) MarshalJSON() ([]byte, error) {
	return json.Marshal(PeriodJSON{From: p.From.String(), To: p.To.String()})
}

// ParsePeriod reads a period written as two dates, 2006-01-02.
func ParsePeriod(from, to string) (Period, error) {
	f, err := calendar.ParseDay(from)
	if err != nil {
		return Period{}, fmt.Errorf("from: must be a date written 2006-01-02, got %q", from)
	}
	t, err := calendar.ParseDay(to)
	if err != nil {
		return Period{}, fmt.Errorf("to: must be a date written 2006-01-02, got %q", to)
	}
	if t.Before(f) {
		return Period{}, fmt.Errorf("to: %s is before from %s", t, f)
	}
	return Period{From: f, To: t}, nil
}

// bounds are the period's instants as a half-open interval [start, end).
func (p Period) bounds() (time.Time, time.Time) {
	start := time.Date(p.From.Year, p.From.Month, p.From.Day, 0, 0, 0, 0, vietnam)
	end := time.Date(p.To.Year, p.To.Month, p.To.Day, 0, 0, 0, 0, vietnam).AddDate(0, 0, 1)
	return start, end
}

// Bounds are the period's instants as a half-open interval [start, end),
// for filters that read instants.
func (p Period) Bounds() (time.Time, time.Time) { return p.bounds() }

// String writes the period as from–to.
func (p Period) String() string { return p.From.String() + " – " + p.To.String() }
