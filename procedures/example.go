package procedures

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/money"
	"gopkg.in/yaml.v3"
)

// Example is an inline test case of a procedure: a filing and what the rules
// must make of it. Examples run whenever the catalogue loads.
type Example struct {
	Name      string        `yaml:"name,required"`
	Channel   Channel       `yaml:"channel,required"`
	At        Moment        `yaml:"at,required"`
	Applicant ApplicantKind `yaml:"applicant_kind"`
	Inputs    yaml.Node     `yaml:"inputs"`
	Expect    Expectation   `yaml:"expect,required"`
}

// Expectation is what an example must produce. A refused filing names the
// refusal reason and nothing else.
type Expectation struct {
	Fees       map[string]int64 `yaml:"fees"`
	Total      *int64           `yaml:"total"`
	Components []string         `yaml:"components"`
	Digitize   []string         `yaml:"digitize"`
	Due        *Moment          `yaml:"due"`
	Refused    string           `yaml:"refused"`
}

// Moment is an instant written in the calendar's zone as 2006-01-02 15:04, or
// a bare date. As a filing time a bare date means the day's opening; as a due
// time it means "due on that day", whatever the hour.
type Moment struct {
	Text   string
	Line   int
	Column int
}

func (m *Moment) decodeNode(r *report, n *yaml.Node, path string) {
	*m = Moment{Text: n.Value, Line: n.Line, Column: n.Column}
	if _, _, err := m.resolve(time.UTC); n.Kind != yaml.ScalarNode || err != nil {
		r.add(n.Line, n.Column, path, "must be a moment written 2006-01-02 15:04 or a date 2006-01-02, got %q", n.Value)
	}
}

func (m Moment) resolve(loc *time.Location) (t time.Time, dateOnly bool, err error) {
	if t, err = time.ParseInLocation("2006-01-02 15:04", m.Text, loc); err == nil {
		return t, false, nil
	}
	if t, err = time.Parse(time.RFC3339, m.Text); err == nil {
		return t, false, nil
	}
	t, err = time.ParseInLocation("2006-01-02", m.Text, loc)
	return t, true, err
}

// ParseMoment reads a moment written 2006-01-02 15:04 in the calendar's zone,
// RFC 3339, or a bare date, which means that day's opening when it is a
// working day and its midnight otherwise.
func ParseMoment(text string, cal *calendar.Calendar) (time.Time, error) {
	t, dateOnly, err := Moment{Text: text}.resolve(cal.Location())
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a moment written 2006-01-02 15:04 or a date 2006-01-02", text)
	}
	if dateOnly && cal.IsWorkingDay(calendar.DayOf(t, cal.Location())) {
		if open, err := cal.Start(t, calendar.NoCutoff); err == nil {
			return open, nil
		}
	}
	return t, nil
}

// ExampleResult is the outcome of one example.
type ExampleResult struct {
	Procedure *Procedure
	Index     int
	Name      string
	Problems  Problems
}

// Passed reports whether the example produced what it expects.
func (r ExampleResult) Passed() bool { return len(r.Problems) == 0 }

// Test runs every example of every version.
func (c *Catalogue) Test() []ExampleResult {
	var out []ExampleResult
	for _, p := range c.All() {
		out = append(out, p.Test()...)
	}
	return out
}

// Test runs the version's own examples.
func (p *Procedure) Test() []ExampleResult {
	out := make([]ExampleResult, 0, len(p.Examples))
	for i := range p.Examples {
		out = append(out, p.runExample(i))
	}
	return out
}

func (p *Procedure) runExample(i int) ExampleResult {
	ex := &p.Examples[i]
	path := fmt.Sprintf("examples[%d]", i)
	res := ExampleResult{Procedure: p, Index: i, Name: ex.Name}
	fail := func(field, format string, args ...any) {
		res.Problems = append(res.Problems, problemAt(p, path+field, fmt.Sprintf(format, args...)))
	}
	at, _ := ParseMoment(ex.At.Text, p.calendar)
	raw := map[string]any{}
	if ex.Inputs.Kind != 0 {
		if err := ex.Inputs.Decode(&raw); err != nil {
			fail(".inputs", "must be a mapping of input names to values: %v", err)
			return res
		}
	}
	q, err := p.Quote(raw, ex.Channel, ex.Applicant, at)
	var refusal *Refusal
	switch {
	case ex.Expect.Refused != "":
		if !errors.As(err, &refusal) || refusal.Reason != ex.Expect.Refused {
			fail(".expect.refused", "expected the filing to be refused for %s, got %v", ex.Expect.Refused, orAccepted(err))
		}
		return res
	case err != nil:
		fail("", "the rules failed: %v", err)
		return res
	}
	p.compareFees(q, ex, fail)
	if ex.Expect.Total == nil {
		fail(".expect.total", "is required: give the total in đồng, 0 if free")
	} else if q.Total != money.VND(*ex.Expect.Total) {
		fail(".expect.total", "got %s, want %s", q.Total, money.VND(*ex.Expect.Total))
	}
	compareCodes(".expect.components", "required components", q.Required(), ex.Expect.Components, fail)
	compareCodes(".expect.digitize", "components to digitize", q.ToDigitize(), ex.Expect.Digitize, fail)
	if ex.Expect.Due == nil {
		fail(".expect.due", "is required: give the appointment date")
	} else {
		want, dateOnly, _ := ex.Expect.Due.resolve(p.calendar.Location())
		got := q.Due.In(p.calendar.Location())
		if (dateOnly && got.Format("2006-01-02") != want.Format("2006-01-02")) || (!dateOnly && !got.Equal(want)) {
			fail(".expect.due", "got %s, want %s", got.Format("2006-01-02 15:04"), ex.Expect.Due.Text)
		}
	}
	return res
}

func orAccepted(err error) any {
	if err == nil {
		return "an accepted filing"
	}
	return err
}

func (p *Procedure) compareFees(q *Quote, ex *Example, fail func(string, string, ...any)) {
	got := map[string]int64{}
	for _, f := range q.Fees {
		if f.Amount != 0 {
			got[f.Code] = int64(f.Amount)
		}
	}
	codes := map[string]bool{}
	for c := range got {
		codes[c] = true
	}
	for c := range ex.Expect.Fees {
		codes[c] = true
	}
	var all []string
	for c := range codes {
		all = append(all, c)
	}
	sort.Strings(all)
	for _, c := range all {
		if got[c] != ex.Expect.Fees[c] {
			fail(".expect.fees", "fee %s: got %s, want %s", c, money.VND(got[c]), money.VND(ex.Expect.Fees[c]))
		}
	}
}

func compareCodes(field, what string, got, want []string, fail func(string, string, ...any)) {
	g, w := slices.Clone(got), slices.Clone(want)
	sort.Strings(g)
	sort.Strings(w)
	if !slices.Equal(g, w) {
		fail(field, "%s: got [%s], want [%s]", what, strings.Join(g, ", "), strings.Join(w, ", "))
	}
}
