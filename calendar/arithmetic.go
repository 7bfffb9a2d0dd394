package calendar

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// NoCutoff means that a filing counts from the moment it is received, however
// late in the office day.
const NoCutoff = -1

var errNegative = errors.New("working time cannot be negative")

// index returns the position of the civil day of t in the calendar's table,
// and how far into that day t is by the clock.
func (c *Calendar) index(t time.Time) (int, time.Duration, error) {
	y, m, d := t.Date()
	i := dayNumber(y, m, d) - c.first
	if i < 0 || i >= len(c.working) {
		return 0, 0, fmt.Errorf("%s: %w %s (%s to %s)", Day{y, m, d}, ErrOutOfRange, c.id, c.from, c.to)
	}
	h, mi, s := t.Clock()
	return i, time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute + time.Duration(s)*time.Second + time.Duration(t.Nanosecond()), nil
}

// instant is the moment off into the day at index i, read on the clock.
func (c *Calendar) instant(i int, off time.Duration) time.Time {
	d := civil(c.first + i)
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, int(off), c.loc)
}

// nth returns the index of the n-th working day after day i.
func (c *Calendar) nth(i, n int) (int, error) {
	want := c.cum[i+1] + int32(n)
	j := i + 1 + sort.Search(len(c.working)-i-1, func(k int) bool { return c.cum[i+2+k] >= want })
	if j >= len(c.working) {
		return 0, fmt.Errorf("%s: %w %s (%s to %s)", civil(c.first+len(c.working)), ErrOutOfRange, c.id, c.from, c.to)
	}
	return j, nil
}

// overlap is the office time within the stretch [from, to) of a working day.
func (c *Calendar) overlap(from, to time.Duration) time.Duration {
	var total time.Duration
	for _, s := range c.spans {
		a, b := max(s.start, from), min(s.end, to)
		if b > a {
			total += b - a
		}
	}
	return total
}

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
	i, off, err := c.index(t)
	if err != nil {
		return time.Time{}, err
	}
	if c.working[i] {
		for _, s := range c.spans {
			if off >= s.end {
				continue
			}
			from := max(off, s.start)
			if avail := s.end - from; d <= avail {
				return c.instant(i, from+d), nil
			} else {
				d -= avail
			}
		}
	}
	// What is left ends on the n-th working day after today, r into it.
	n := int((d + c.dayLen - 1) / c.dayLen)
	r := d - time.Duration(n-1)*c.dayLen
	j, err := c.nth(i, n)
	if err != nil {
		return time.Time{}, err
	}
	for _, s := range c.spans {
		if avail := s.end - s.start; r <= avail {
			return c.instant(j, s.start+r), nil
		} else {
			r -= avail
		}
	}
	panic("calendar: working time left over after a whole day")
}

// Between returns the working time from a to b, negative when b is before a.
func (c *Calendar) Between(a, b time.Time) (time.Duration, error) {
	if b.Before(a) {
		d, err := c.Between(b, a)
		return -d, err
	}
	ia, oa, err := c.index(a.In(c.loc))
	if err != nil {
		return 0, err
	}
	ib, ob, err := c.index(b.In(c.loc))
	if err != nil {
		return 0, err
	}
	if ia == ib {
		if !c.working[ia] {
			return 0, nil
		}
		return c.overlap(oa, ob), nil
	}
	var total time.Duration
	if c.working[ia] {
		total += c.overlap(oa, 24*time.Hour)
	}
	if c.working[ib] {
		total += c.overlap(0, ob)
	}
	return total + time.Duration(c.cum[ib]-c.cum[ia+1])*c.dayLen, nil
}

// Start returns the instant from which a filing received at t is counted:
// t itself during office hours, otherwise the next opening. A filing received
// after cutoff (minutes after midnight, or NoCutoff) counts from the next
// working day's opening, because the office can no longer act on it that day.
func (c *Calendar) Start(t time.Time, cutoff int) (time.Time, error) {
	t = t.In(c.loc)
	i, off, err := c.index(t)
	if err != nil {
		return time.Time{}, err
	}
	if c.working[i] && (cutoff == NoCutoff || off < time.Duration(cutoff)*time.Minute) {
		for _, s := range c.spans {
			if off < s.start {
				return c.instant(i, s.start), nil
			}
			if off < s.end {
				return t, nil
			}
		}
	}
	j, err := c.nth(i, 1)
	if err != nil {
		return time.Time{}, err
	}
	return c.instant(j, c.spans[0].start), nil
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
