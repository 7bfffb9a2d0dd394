package procedures

import (
	"fmt"
	"regexp"

	"gopkg.in/yaml.v3"
)

// unitsFile is a directory of units as declared in YAML beside the
// procedures (kind: Units). A province may split it over several files.
type unitsFile struct {
	Kind     string `yaml:"kind,required"`
	Province string `yaml:"province,required"`
	Units    []Unit `yaml:"units,required"`
}

// declared is a unit with where it was declared, for messages.
type declared struct {
	unit *Unit
	r    *report
	root *yaml.Node
	path string
}

var unitCode = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// checkUnits checks the directory as a whole: codes unique, parents and
// successors known, the tree without cycles and each parent at or above
// its children's level and in force whenever they are. It reports every
// problem and returns the directory of the units that passed.
func checkUnits(all []declared, kinds map[string]map[Level]bool) *Units {
	byCode := map[string]declared{}
	var units []*Unit
	for _, d := range all {
		u := d.unit
		if !unitCode.MatchString(u.Code) {
			d.r.at(d.root, d.path+".code", "must be lower-case letters, digits and single hyphens, such as ubnd-xa-thach-ha, got %q", u.Code)
			continue
		}
		if first, dup := byCode[u.Code]; dup {
			n := locate(first.root, first.path)
			d.r.at(d.root, d.path+".code", "unit %s is also declared at %s:%d", u.Code, first.r.file, n.Line)
			continue
		}
		byCode[u.Code] = d
		units = append(units, u)
	}
	for _, d := range byCode {
		u := d.unit
		if !u.To.IsZero() && u.To.Before(u.From.Day) {
			d.r.at(d.root, d.path+".to", "%s comes before from %s", u.To.Day, u.From.Day)
		}
		if u.Parent != "" {
			p, ok := byCode[u.Parent]
			switch {
			case !ok:
				d.r.at(d.root, d.path+".parent", "there is no unit %q", u.Parent)
			case p.unit.Level.Rank() > u.Level.Rank():
				d.r.at(d.root, d.path+".parent", "%s is at %s level, below this %s unit", u.Parent, p.unit.Level, u.Level)
			case u.From.Before(p.unit.From.Day) || (!p.unit.To.IsZero() && (u.To.IsZero() || p.unit.To.Before(u.To.Day))):
				d.r.at(d.root, d.path+".parent", "%s is in force %s, which does not cover this unit's %s", u.Parent, p.unit.period(), u.period())
			}
		}
		switch {
		case u.Successor != "" && u.To.IsZero():
			d.r.at(d.root, d.path+".successor", "a unit still in force has no successor: give to, the last day it acted")
		case u.Successor == "" && !u.To.IsZero():
			d.r.at(d.root, d.path+".successor", "is required once a unit ends on %s: name the unit that took over its work", u.To.Day)
		case u.Successor == u.Code:
			d.r.at(d.root, d.path+".successor", "a unit cannot succeed itself")
		case u.Successor != "":
			s, ok := byCode[u.Successor]
			if !ok {
				d.r.at(d.root, d.path+".successor", "there is no unit %q", u.Successor)
			} else if next := u.To.Day.AddDays(1); !s.unit.InForce(next) && s.unit.Successor == "" {
				d.r.at(d.root, d.path+".successor", "%s is not in force on %s, the day after this unit ends", u.Successor, next)
			}
		}
		for i, k := range u.ActsAs {
			if kinds[k] != nil && !kinds[k][u.Level] {
				d.r.at(d.root, fmt.Sprintf("%s.acts_as[%d]", d.path, i), "no procedure of %s is handled at %s level", k, u.Level)
			}
		}
	}
	// A cycle of parents would make every roll-up loop.
	for _, d := range byCode {
		seen := map[string]bool{}
		for code := d.unit.Code; code != ""; {
			if seen[code] && code != d.unit.Code {
				break // a cycle above this unit, reported at its members
			}
			if seen[code] {
				d.r.at(d.root, d.path+".parent", "unit %s is its own ancestor: follow the parents from here", d.unit.Code)
				break
			}
			seen[code] = true
			next, ok := byCode[code]
			if !ok {
				break
			}
			code = next.unit.Parent
		}
	}
	return newUnits(units)
}

// checkReceivers makes sure every procedure can be filed somewhere: some
// unit at its level acts as its kind of office while it is in force.
func checkReceivers(units *Units, all []*Procedure, ps *Problems) {
	if units.Empty() {
		return
	}
	for _, p := range all {
		found := false
		for _, u := range units.All() {
			if u.Level != p.Level || !u.Acts(p.Agency.Code) {
				continue
			}
			overlaps := (p.EffectiveTo.IsZero() || !p.EffectiveTo.Before(u.From.Day)) && (u.To.IsZero() || !u.To.Before(p.EffectiveFrom.Day))
			if overlaps {
				found = true
				break
			}
		}
		if !found {
			*ps = append(*ps, problemAt(p, "agency.code", fmt.Sprintf("no unit in the directory acts as %s at %s level while version %d is in force: add it to a unit's acts_as",
				p.Agency.Code, p.Level, p.Version)))
		}
	}
}
