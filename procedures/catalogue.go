package procedures

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"time"

	"github.com/motcua/motcua/calendar"
)

// Sentinel errors of lookups, for callers to map to their own answers.
var (
	ErrUnknownProcedure = errors.New("unknown procedure")
	ErrNotInForce       = errors.New("no version in force")
)

// Catalogue is every loaded version of every procedure, the calendars
// they count deadlines in, and the directory of units that receive them.
type Catalogue struct {
	byCode    map[string][]*Procedure // versions by effective date
	calendars map[string]*calendar.Calendar
	units     *Units
	// source and prefix are where the catalogue was read from, for
	// checking drafts beside it.
	source fs.FS
	prefix string
}

// Lookup returns the version of a procedure in force at t.
func (c *Catalogue) Lookup(code string, t time.Time) (*Procedure, error) {
	vs, ok := c.byCode[code]
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrUnknownProcedure, code)
	}
	for _, p := range vs {
		if p.InForce(t) {
			return p, nil
		}
	}
	return nil, fmt.Errorf("procedure %s: %w on %s", code, ErrNotInForce, calendar.DayOf(t, vs[0].calendar.Location()))
}

// Version returns one version of a procedure, in force or not.
func (c *Catalogue) Version(code string, version int) (*Procedure, error) {
	for _, p := range c.byCode[code] {
		if p.Version == version {
			return p, nil
		}
	}
	return nil, fmt.Errorf("%w %q version %d", ErrUnknownProcedure, code, version)
}

// Versions returns every version of a procedure, oldest first.
func (c *Catalogue) Versions(code string) []*Procedure { return c.byCode[code] }

// All returns every version of every procedure, by code and then date.
func (c *Catalogue) All() []*Procedure {
	var out []*Procedure
	for _, code := range c.Codes() {
		out = append(out, c.byCode[code]...)
	}
	return out
}

// Codes returns the procedure codes in order.
func (c *Catalogue) Codes() []string {
	codes := make([]string, 0, len(c.byCode))
	for code := range c.byCode {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	return codes
}

// Calendar returns a declared calendar by its id.
func (c *Catalogue) Calendar(id string) (*calendar.Calendar, bool) {
	cal, ok := c.calendars[id]
	return cal, ok
}

// Units returns the directory of units; it is empty when the catalogue
// declares none, as a catalogue of test procedures may.
func (c *Catalogue) Units() *Units {
	if c.units == nil {
		return newUnits(nil)
	}
	return c.units
}
