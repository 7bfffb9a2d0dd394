// Package importer brings a province's past dossiers into motcua's records
// from a file, so that reports cover the years before motcua: every row is
// checked against the catalogue and the directory of units before anything
// is written, and the rows are written in batches that a re-run resumes.
package importer

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/procedures"
)

// Row is one dossier as a file gives it: every value a string, as CSV has
// them, so that JSON Lines and CSV are checked by the same rules.
type Row map[string]string

// Field describes one column of the format, for the checker and the README.
type Field struct {
	Name     string
	Required bool
	Doc      string
}

// Fields is the format, in the order a CSV header lists it.
var Fields = []Field{
	{"code", true, "the dossier's code (mã hồ sơ), unique; a re-run skips codes already recorded"},
	{"procedure", true, "the national procedure code, as in the catalogue: 1.004194"},
	{"version", false, "the procedure's version; by default the one in force when the dossier was received"},
	{"agency", true, "the unit that received it, from the directory, in force on that day: ubnd-xa-thach-ha"},
	{"level", false, "province, district or commune; when given it must be the unit's level"},
	{"channel", true, "online, counter or postal"},
	{"assisted_by", false, "the officer who filed online on the applicant's behalf"},
	{"applicant", true, "the applicant's ID number or business code"},
	{"received", true, "when it was received: 2024-03-04T09:15:00+07:00, or 2024-03-04 09:15 in Vietnam's time"},
	{"due", false, "the appointment in force when it closed; not before received"},
	{"original_due", false, "the appointment on the receipt slip, which on time is judged by; defaults to due"},
	{"decided", false, "when the agency decided; not before received"},
	{"returned", false, "when the result was handed over; not before decided"},
	{"outcome", false, "returned, refused, withdrawn or lapsed; empty while the dossier is open"},
	{"fee", false, "the fees charged after discounts, in whole đồng, 0 or more"},
	{"paid_online", false, "true when the fee was paid online; needs a fee"},
	{"result_digitized", false, "true when the result was digitized; needs decided"},
	{"result_via", false, "how the result went back: online, counter or postal; needs outcome returned"},
	{"on_time", false, "true or false; by default decided by original_due"},
	{"supplements", false, "how many times the applicant was asked to supplement, 0 or more; more than one counts as late in the scorecard"},
}

var known = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range Fields {
		m[f.Name] = true
	}
	return m
}()

// Problem is one thing wrong with one row, at its line of the file.
type Problem struct {
	Line    int
	Field   string
	Message string
}

// Checker turns rows into records, holding each to the catalogue and the
// directory as they are.
type Checker struct {
	Catalogue *procedures.Catalogue
	// loc is the province's time zone, for times written without one.
	loc *time.Location
}

// NewChecker returns a checker for a catalogue.
func NewChecker(cat *procedures.Catalogue) *Checker {
	loc := time.FixedZone("ICT", 7*3600)
	if vn, ok := cat.Calendar("vn"); ok {
		loc = vn.Location()
	}
	return &Checker{Catalogue: cat, loc: loc}
}

var codePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]{0,79}$`)

// Check turns a row into a record, or lists everything wrong with it.
func (c *Checker) Check(line int, r Row) (model.Projection, []Problem) {
	var ps []Problem
	bad := func(field, format string, args ...any) {
		ps = append(ps, Problem{Line: line, Field: field, Message: fmt.Sprintf(format, args...)})
	}
	var unknown []string
	for name := range r {
		if !known[name] {
			unknown = append(unknown, name)
		}
	}
	sort.Strings(unknown)
	for _, name := range unknown {
		bad(name, "unknown field")
	}
	for _, f := range Fields {
		if f.Required && strings.TrimSpace(r[f.Name]) == "" {
			bad(f.Name, "is required")
		}
	}
	p := model.Projection{Code: r["code"], Agency: r["agency"], AssistedBy: r["assisted_by"], Applicant: r["applicant"],
		Outcome: r["outcome"], ResultVia: r["result_via"]}
	if p.Code != "" && !codePattern.MatchString(p.Code) {
		bad("code", "must be up to 80 letters, digits and . _ / -, got %q", p.Code)
	}
	instant := func(field string) time.Time {
		s := strings.TrimSpace(r[field])
		if s == "" {
			return time.Time{}
		}
		for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"} {
			var t time.Time
			var err error
			if layout == time.RFC3339 {
				t, err = time.Parse(layout, s)
			} else {
				t, err = time.ParseInLocation(layout, s, c.loc)
			}
			if err == nil {
				return t
			}
		}
		bad(field, "must be a time written 2006-01-02T15:04:05+07:00 or 2006-01-02 15:04, got %q", s)
		return time.Time{}
	}
	p.Received, p.Due, p.OriginalDue = instant("received"), instant("due"), instant("original_due")
	p.Decided, p.Returned = instant("decided"), instant("returned")
	if p.OriginalDue.IsZero() {
		p.OriginalDue = p.Due
	}
	flag := func(field string) bool {
		switch strings.ToLower(strings.TrimSpace(r[field])) {
		case "", "false", "0", "no":
			return false
		case "true", "1", "yes":
			return true
		}
		bad(field, "must be true or false, got %q", r[field])
		return false
	}
	p.PaidOnline, p.ResultDigitized = flag("paid_online"), flag("result_digitized")
	if s := strings.TrimSpace(r["fee"]); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		switch {
		case err != nil:
			bad("fee", "must be a whole number of đồng, got %q", s)
		case n < 0:
			bad("fee", "must not be negative, got %d", n)
		}
		p.Fee = money.VND(n)
	}
	if s := strings.TrimSpace(r["supplements"]); s != "" {
		n, err := strconv.Atoi(s)
		switch {
		case err != nil:
			bad("supplements", "must be a whole number, got %q", s)
		case n < 0:
			bad("supplements", "must not be negative, got %d", n)
		}
		p.Supplements = n
	}
	if s := strings.TrimSpace(r["on_time"]); s != "" {
		v := flag("on_time")
		p.OnTime = &v
	} else if !p.Decided.IsZero() && !p.OriginalDue.IsZero() {
		v := !p.Decided.After(p.OriginalDue)
		p.OnTime = &v
	}
	switch ch := procedures.Channel(r["channel"]); ch {
	case procedures.Online, procedures.Counter, procedures.Postal:
		p.Channel = ch
	case "":
	default:
		bad("channel", "must be online, counter or postal, got %q", r["channel"])
	}
	switch model.Outcome(p.Outcome) {
	case "":
		p.Stage = string(model.Processing)
	case model.Returned, model.Refused, model.Withdrawn, model.Lapsed:
		p.Stage = string(model.Closed)
	default:
		bad("outcome", "must be returned, refused, withdrawn or lapsed, or empty while open, got %q", p.Outcome)
	}
	switch p.ResultVia {
	case "", "online", "counter", "postal":
	default:
		bad("result_via", "must be online, counter or postal, got %q", p.ResultVia)
	}

	// What the dates and flags must say of each other.
	after := func(field string, t time.Time, than string, u time.Time) {
		if !t.IsZero() && !u.IsZero() && t.Before(u) {
			bad(field, "%s comes before %s %s", t.Format(time.RFC3339), than, u.Format(time.RFC3339))
		}
	}
	after("due", p.Due, "received", p.Received)
	after("original_due", p.OriginalDue, "received", p.Received)
	after("decided", p.Decided, "received", p.Received)
	after("returned", p.Returned, "decided", p.Decided)
	if !p.Returned.IsZero() && p.Decided.IsZero() {
		bad("returned", "a result returned needs decided")
	}
	if p.ResultVia != "" && p.Outcome != string(model.Returned) {
		bad("result_via", "only a returned result went back somehow; outcome is %q", p.Outcome)
	}
	if p.ResultDigitized && p.Decided.IsZero() {
		bad("result_digitized", "a digitized result needs decided")
	}
	if p.PaidOnline && p.Fee == 0 {
		bad("paid_online", "nothing was paid: fee is 0")
	}
	if p.Outcome == string(model.Returned) && p.Decided.IsZero() {
		bad("decided", "is required when outcome is returned")
	}

	// The catalogue and the directory as they stood on the day.
	switch p.Procedure.Code = r["procedure"]; {
	case p.Procedure.Code == "":
	case !p.Received.IsZero():
		c.procedure(&p, r["version"], bad)
	case len(c.Catalogue.Versions(p.Procedure.Code)) == 0:
		bad("procedure", "there is no procedure %q in the catalogue", p.Procedure.Code)
	}
	if level := r["level"]; level != "" {
		switch procedures.Level(level) {
		case procedures.Province, procedures.District, procedures.Commune:
			if p.Level != "" && procedures.Level(level) != p.Level {
				bad("level", "is %s, but procedure %s version %d is handled at %s level", level, p.Procedure.Code, p.Procedure.Version, p.Level)
			}
			p.Level = procedures.Level(level)
		default:
			bad("level", "must be province, district or commune, got %q", level)
		}
	}
	return p, ps
}

// procedure finds the version the dossier was received under and holds its
// unit to the directory: known, in force that day, at the version's level,
// acting as its kind of office.
func (c *Checker) procedure(p *model.Projection, version string, bad func(string, string, ...any)) {
	var v *procedures.Procedure
	var err error
	if version != "" {
		n, nerr := strconv.Atoi(version)
		if nerr != nil || n < 1 {
			bad("version", "must be a version number from 1, got %q", version)
			return
		}
		v, err = c.Catalogue.Version(p.Procedure.Code, n)
	} else {
		v, err = c.Catalogue.Lookup(p.Procedure.Code, p.Received)
	}
	if err != nil {
		bad("procedure", "%v", err)
		return
	}
	p.Procedure = v.Ref()
	p.Level = v.Level
	if p.Agency == "" {
		return
	}
	day := calendar.DayOf(p.Received, c.loc)
	units := c.Catalogue.Units()
	if err := units.MayReceive(p.Agency, v, day); err != nil {
		bad("agency", "%s", strings.TrimPrefix(err.Error(), procedures.ErrWrongUnit.Error()+": "))
	}
}
