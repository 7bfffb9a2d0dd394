package ui

import (
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/reports"
)

// preset is a period offered with one click.
type preset struct {
	Label    string
	From, To string
}

// presets are the periods supervisors look at most, as of today.
func presets(today time.Time) []preset {
	y, m, _ := today.Date()
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	monthStart := time.Date(y, m, 1, 0, 0, 0, 0, vietnam)
	lastMonth := monthStart.AddDate(0, -1, 0)
	quarter := time.Date(y, ((m-1)/3)*3+1, 1, 0, 0, 0, 0, vietnam)
	yearStart := time.Date(y, 1, 1, 0, 0, 0, 0, vietnam)
	return []preset{
		{"this_month", day(monthStart), day(today)},
		{"last_month", day(lastMonth), day(monthStart.AddDate(0, 0, -1))},
		{"this_quarter", day(quarter), day(today)},
		{"this_year", day(yearStart), day(today)},
		{"last_year", day(yearStart.AddDate(-1, 0, 0)), day(yearStart.AddDate(0, 0, -1))},
	}
}

// period reads the period a page asks for: from and to, or this year so
// far. A bad date is named by its field.
func period(from, to string, now time.Time) (reports.Period, string, error) {
	today := now.In(vietnam)
	if from == "" && to == "" {
		return reports.Period{From: calendar.Day{Year: today.Year(), Month: 1, Day: 1},
			To: calendar.DayOf(today, vietnam)}, "", nil
	}
	p, err := reports.ParsePeriod(from, to)
	if err != nil {
		field := "from"
		if _, ferr := reports.ParsePeriod(from, from); ferr == nil {
			field = "to"
		}
		return p, field, err
	}
	return p, "", nil
}
