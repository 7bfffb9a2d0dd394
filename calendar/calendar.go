package calendar

import (
	"errors"
	"fmt"
	"sort"
	"time"
	_ "time/tzdata" // a scratch image has no zoneinfo; Asia/Ho_Chi_Minh must still load
)

// ErrOutOfRange is returned when counting would cross the dates for which the
// calendar declares its holidays: a deadline counted past them could silently
// ignore a Tết that nobody has entered yet.
var ErrOutOfRange = errors.New("outside the dates the calendar covers")

// Span is a stretch of office hours within a day, in minutes after midnight.
type Span struct {
	Start, End int
}

// Day is a civil date, with no time of day or zone.
type Day struct {
	Year  int
	Month time.Month
	Day   int
}

// DayOf returns the civil date of t as seen in loc.
func DayOf(t time.Time, loc *time.Location) Day {
	y, m, d := t.In(loc).Date()
	return Day{y, m, d}
}

// ParseDay reads a date written as 2006-01-02.
func ParseDay(s string) (Day, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Day{}, fmt.Errorf("%q is not a date of the form 2006-01-02", s)
	}
	return Day{t.Year(), t.Month(), t.Day()}, nil
}

// String formats the day as 2006-01-02.
func (d Day) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Before reports whether d comes before o.
func (d Day) Before(o Day) bool { return d.key() < o.key() }

// AddDays returns the date n calendar days after d.
func (d Day) AddDays(n int) Day {
	t := time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC)
	return Day{t.Year(), t.Month(), t.Day()}
}

// Weekday returns the day of the week of d.
func (d Day) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Weekday()
}

func (d Day) key() int { return d.Year*10000 + int(d.Month)*100 + d.Day }

// Holiday is a named day off, or a named swapped working day.
type Holiday struct {
	Day  Day
	Name string
}

// Spec is everything a calendar declares; New checks it and builds the Calendar.
type Spec struct {
	ID          string
	Name        string
	Location    *time.Location
	Weekends    []time.Weekday
	OfficeHours []Span
	Holidays    []Holiday // days off that would otherwise be working days
	WorkingDays []Holiday // swapped days: weekend days worked in exchange for a bridge holiday
	From, To    Day       // the dates for which holidays are declared
}

// Calendar answers working-time questions for one jurisdiction.
type Calendar struct {
	id, name string
	loc      *time.Location
	weekend  [7]bool
	hours    []Span
	dayLen   time.Duration
	off      map[int]string
	on       map[int]string
	from, to Day

	// The covered days as a table, so that counting skips whole days at
	// once: working[i] says whether day first+i is worked, and cum[i] how
	// many of the days before it are.
	first   int
	working []bool
	cum     []int32
	spans   []officeSpan
}

// officeSpan is a Span as offsets from midnight.
type officeSpan struct{ start, end time.Duration }

// New checks a spec and returns its calendar.
func New(s Spec) (*Calendar, error) {
	if s.Location == nil {
		return nil, errors.New("calendar has no time zone")
	}
	if len(s.OfficeHours) == 0 {
		return nil, errors.New("calendar has no office hours")
	}
	if s.To.Before(s.From) {
		return nil, fmt.Errorf("calendar covers %s to %s: the end comes before the start", s.From, s.To)
	}
	hours := append([]Span(nil), s.OfficeHours...)
	sort.Slice(hours, func(i, j int) bool { return hours[i].Start < hours[j].Start })
	c := &Calendar{id: s.ID, name: s.Name, loc: s.Location, hours: hours,
		off: map[int]string{}, on: map[int]string{}, from: s.From, to: s.To}
	for i, h := range hours {
		if h.Start < 0 || h.End > 24*60 || h.End <= h.Start {
			return nil, fmt.Errorf("office hours %s are not a stretch within one day", h)
		}
		if i > 0 && h.Start < hours[i-1].End {
			return nil, fmt.Errorf("office hours %s overlap %s", h, hours[i-1])
		}
		c.dayLen += time.Duration(h.End-h.Start) * time.Minute
	}
	for _, w := range s.Weekends {
		c.weekend[w] = true
	}
	for _, h := range s.Holidays {
		c.off[h.Day.key()] = h.Name
	}
	for _, h := range s.WorkingDays {
		if _, clash := c.off[h.Day.key()]; clash {
			return nil, fmt.Errorf("%s is declared both a holiday and a working day", h.Day)
		}
		c.on[h.Day.key()] = h.Name
	}
	for _, h := range hours {
		c.spans = append(c.spans, officeSpan{time.Duration(h.Start) * time.Minute, time.Duration(h.End) * time.Minute})
	}
	c.first = dayNumber(s.From.Year, s.From.Month, s.From.Day)
	n := dayNumber(s.To.Year, s.To.Month, s.To.Day) - c.first + 1
	c.working = make([]bool, n)
	c.cum = make([]int32, n+1)
	for i := range n {
		c.working[i] = c.IsWorkingDay(civil(c.first + i))
		c.cum[i+1] = c.cum[i]
		if c.working[i] {
			c.cum[i+1]++
		}
	}
	return c, nil
}

// String formats the span as 07:30-11:30.
func (s Span) String() string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", s.Start/60, s.Start%60, s.End/60, s.End%60)
}

// ID returns the identifier procedures use to name this calendar.
func (c *Calendar) ID() string { return c.id }

// Name returns the calendar's human name.
func (c *Calendar) Name() string { return c.name }

// Location returns the time zone in which office hours are read.
func (c *Calendar) Location() *time.Location { return c.loc }

// DayLength is the working time in one office day: one "working day".
func (c *Calendar) DayLength() time.Duration { return c.dayLen }

// Covers returns the first and last dates for which holidays are declared.
func (c *Calendar) Covers() (from, to Day) { return c.from, c.to }

// IsWorkingDay reports whether offices open on d.
func (c *Calendar) IsWorkingDay(d Day) bool {
	k := d.key()
	if _, ok := c.on[k]; ok {
		return true
	}
	if _, ok := c.off[k]; ok {
		return false
	}
	return !c.weekend[d.Weekday()]
}

// HolidayName returns the name of the holiday on d, if d is one.
func (c *Calendar) HolidayName(d Day) (string, bool) {
	n, ok := c.off[d.key()]
	return n, ok
}
