package procedures

import (
	"fmt"
	"strings"
	"time"

	"github.com/motcua/motcua/calendar"
	"gopkg.in/yaml.v3"
)

// calendarFile is a working-day calendar as declared in YAML beside the
// procedures (kind: Calendar).
type calendarFile struct {
	Kind        string     `yaml:"kind,required"`
	ID          string     `yaml:"id,required"`
	Name        string     `yaml:"name,required"`
	Timezone    string     `yaml:"timezone,required"`
	Weekends    []weekday  `yaml:"weekends,required"`
	OfficeHours []span     `yaml:"office_hours,required"`
	Covers      dateRange  `yaml:"covers,required"`
	Holidays    []dayEntry `yaml:"holidays"`
	WorkingDays []dayEntry `yaml:"working_days"`
}

type dateRange struct {
	From Date `yaml:"from,required"`
	To   Date `yaml:"to,required"`
}

// dayEntry is one named day, or a named run of days from..to inclusive.
type dayEntry struct {
	Date Date   `yaml:"date"`
	From Date   `yaml:"from"`
	To   Date   `yaml:"to"`
	Name string `yaml:"name,required"`
}

type weekday time.Weekday

func (w *weekday) decodeNode(r *report, n *yaml.Node, path string) {
	names := []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
	if s, ok := enum(r, n, path, names...); ok {
		for i, name := range names {
			if name == s {
				*w = weekday(i)
			}
		}
	}
}

type span calendar.Span

func (s *span) decodeNode(r *report, n *yaml.Node, path string) {
	a, b, ok := strings.Cut(n.Value, "-")
	start, err1 := parseClock(a)
	end, err2 := parseClock(b)
	if n.Kind != yaml.ScalarNode || !ok || err1 != nil || err2 != nil {
		r.add(n.Line, n.Column, path, "must be office hours written 07:30-11:30, got %q", n.Value)
		return
	}
	*s = span{Start: start, End: end}
}

func (r *report) days(entries []dayEntry, root *yaml.Node, path string) []calendar.Holiday {
	var out []calendar.Holiday
	for i, e := range entries {
		p := fmt.Sprintf("%s[%d]", path, i)
		switch {
		case !e.Date.IsZero() && e.From.IsZero() && e.To.IsZero():
			out = append(out, calendar.Holiday{Day: e.Date.Day, Name: e.Name})
		case e.Date.IsZero() && !e.From.IsZero() && !e.To.IsZero():
			if e.To.Before(e.From.Day) {
				r.at(root, p+".to", "%s comes before from %s", e.To.Day, e.From.Day)
				continue
			}
			for d := e.From.Day; !e.To.Before(d); d = d.AddDays(1) {
				out = append(out, calendar.Holiday{Day: d, Name: e.Name})
			}
		default:
			r.at(root, p, "give either date, or from and to")
		}
	}
	return out
}

// build turns the declaration into a calendar, reporting what is wrong.
func (r *report) buildCalendar(f *calendarFile, root *yaml.Node) *calendar.Calendar {
	loc, err := time.LoadLocation(f.Timezone)
	if err != nil {
		r.at(root, "timezone", "unknown time zone %q", f.Timezone)
		return nil
	}
	spec := calendar.Spec{ID: f.ID, Name: f.Name, Location: loc, From: f.Covers.From.Day, To: f.Covers.To.Day}
	for _, w := range f.Weekends {
		spec.Weekends = append(spec.Weekends, time.Weekday(w))
	}
	for _, s := range f.OfficeHours {
		spec.OfficeHours = append(spec.OfficeHours, calendar.Span(s))
	}
	spec.Holidays = r.days(f.Holidays, root, "holidays")
	spec.WorkingDays = r.days(f.WorkingDays, root, "working_days")
	c, err := calendar.New(spec)
	if err != nil {
		r.at(root, "", "%v", err)
		return nil
	}
	return c
}
