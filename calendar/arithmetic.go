package calendar

import (
	"errors"
	"fmt"
	"time"
)

// NoCutoff means that a filing counts from the moment it is received, however
// late in the office day.
const NoCutoff = -1

// Add returns the earliest instant at which d of working time has elapsed
// since t. Time outside office hours, on weekends and on holidays does not
// count; swapped working Saturdays do.
func (c *Calendar) Add(t time.Time, d time.Duration) (time.Time, error) {
	if d < 0 {
		return time.Time{}, fmt.Errorf("add %s of working time: %w", d, errNegative)
	}
	t = t.In(c.loc)
	if d == 0 {
		return t, nil
	}
	day := DayOf(t, c.loc)
	for {
		if err := c.inRange(day); err != nil {
			return time.Time{}, err
		}
		if c.IsWorkingDay(day) {
			for _, s := range c.hours {
				start, end := c.at(day, s.Start), c.at(day, s.End)
				if !t.Before(end) {
					continue
				}
				if t.After(start) {
					start = t
				}
				if avail := end.Sub(start); d <= avail {
					return start.Add(d), nil
				} else {
					d -= avail
				}
			}
		}
		day = day.AddDays(1)
	}
}

var errNegative = errors.New("working time cannot be negative")

// Between returns the working time from a to b, negative when b is before a.
func (c *Calendar) Between(a, b time.Time) (time.Duration, error) {
	if b.Before(a) {
		d, err := c.Between(b, a)
		return -d, err
	}
	a, b = a.In(c.loc), b.In(c.loc)
	var total time.Duration
	last := DayOf(b, c.loc)
	for day := DayOf(a, c.loc); !last.Before(day); day = day.AddDays(1) {
		if err := c.inRange(day); err != nil {
			return 0, err
		}
		if !c.IsWorkingDay(day) {
			continue
		}
		for _, s := range c.hours {
			start, end := c.at(day, s.Start), c.at(day, s.End)
			if start.Before(a) {
				start = a
			}
			if end.After(b) {
				end = b
			}
			if end.After(start) {
				total += end.Sub(start)
			}
		}
	}
	return total, nil
}

// Start returns the instant from which a filing received at t is counted:
// t itself during office hours, otherwise the next opening. A filing received
// after cutoff (minutes after midnight, or NoCutoff) counts from the next
// working day's opening, because the office can no longer act on it that day.
func (c *Calendar) Start(t time.Time, cutoff int) (time.Time, error) {
	t = t.In(c.loc)
	day := DayOf(t, c.loc)
	if err := c.inRange(day); err != nil {
		return time.Time{}, err
	}
	minute := t.Hour()*60 + t.Minute()
	if c.IsWorkingDay(day) && (cutoff == NoCutoff || minute < cutoff) {
		for _, s := range c.hours {
			if start := c.at(day, s.Start); t.Before(start) {
				return start, nil
			}
			if t.Before(c.at(day, s.End)) {
				return t, nil
			}
		}
	}
	return c.NextOpening(day)
}

// NextOpening returns the first office opening on a working day after d.
func (c *Calendar) NextOpening(d Day) (time.Time, error) {
	for {
		d = d.AddDays(1)
		if err := c.inRange(d); err != nil {
			return time.Time{}, err
		}
		if c.IsWorkingDay(d) {
			return c.at(d, c.hours[0].Start), nil
		}
	}
}

// Due returns the due instant of a filing received at t with d of working
// time to resolve it: the clock starts as Start says and runs for d.
func (c *Calendar) Due(t time.Time, d time.Duration, cutoff int) (time.Time, error) {
	start, err := c.Start(t, cutoff)
	if err != nil {
		return time.Time{}, err
	}
	return c.Add(start, d)
}

// Days converts a number of working days, fractions allowed, to working time,
// rounded to the second.
func (c *Calendar) Days(n float64) time.Duration {
	return (time.Duration(n * float64(c.dayLen))).Round(time.Second)
}

// InDays expresses working time as a number of working days.
func (c *Calendar) InDays(d time.Duration) float64 {
	return float64(d) / float64(c.dayLen)
}
