package procedures

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/motcua/motcua/calendar"
)

// Unit is one body of the province that receives or oversees dossiers: the
// provincial People's Committee and its departments, a district (before
// 1 July 2025), a commune or ward. Procedures name kinds of office
// (ubnd-xa, so-tu-phap); a unit acts as one or more of them.
type Unit struct {
	Code  string `yaml:"code,required" json:"code"`
	Name  string `yaml:"name,required" json:"name"`   // the full name: Ủy ban nhân dân xã Thạch Hà
	Short string `yaml:"short,required" json:"short"` // for tables and charts: UBND xã Thạch Hà
	Level Level  `yaml:"level,required" json:"level"`
	// Parent is the unit above, whose figures include this one's; empty
	// at the top of the province.
	Parent string `yaml:"parent" json:"parent,omitempty"`
	// Place is the địa danh of the papers' date line: "Thạch Hà, ngày …".
	Place string `yaml:"place,required" json:"place"`
	// ActsAs is the kinds of office whose procedures the unit's one-stop
	// desk receives. A commune's centre receives for the commune police
	// too, so a commune acts as ubnd-xa and cong-an-xa alike.
	ActsAs []string `yaml:"acts_as" json:"acts_as,omitempty"`
	From   Date     `yaml:"from,required" json:"-"`
	To     Date     `yaml:"to" json:"-"` // inclusive; zero while in force
	// Successor is the unit that took over a merged or abolished unit's
	// work, through which its history maps onto today's map.
	Successor string `yaml:"successor" json:"successor,omitempty"`
	// Basis is the act that created, merged or abolished the unit.
	Basis string `yaml:"basis" json:"basis,omitempty"`
}

// InForce reports whether the unit existed on day d.
func (x *Unit) InForce(d calendar.Day) bool {
	if d.Before(x.From.Day) {
		return false
	}
	return x.To.IsZero() || !x.To.Day.Before(d)
}

// Acts reports whether the unit receives the procedures of a kind of office.
func (x *Unit) Acts(kind string) bool {
	for _, k := range x.ActsAs {
		if k == kind {
			return true
		}
	}
	return false
}

// LevelName is a level's Vietnamese name, as papers and reports print it.
func LevelName(l Level) string {
	switch l {
	case Province:
		return "Cấp tỉnh"
	case District:
		return "Cấp huyện"
	case Commune:
		return "Cấp xã"
	}
	return string(l)
}

// Rank orders levels from the top: a unit's parent never ranks below it.
func (l Level) Rank() int {
	for i, o := range Levels {
		if o == l {
			return i
		}
	}
	return len(Levels)
}

// Units is the directory of a province's units, past and present.
type Units struct {
	byCode   map[string]*Unit
	children map[string][]*Unit
	order    []*Unit // top down, then by code
}

func newUnits(all []*Unit) *Units {
	u := &Units{byCode: map[string]*Unit{}, children: map[string][]*Unit{}}
	for _, x := range all {
		u.byCode[x.Code] = x
	}
	for _, x := range all {
		u.children[x.Parent] = append(u.children[x.Parent], x)
	}
	for _, cs := range u.children {
		sort.Slice(cs, func(i, j int) bool { return cs[i].Code < cs[j].Code })
	}
	seen := map[string]bool{}
	var walk func(parent string)
	walk = func(parent string) {
		for _, c := range u.children[parent] {
			if !seen[c.Code] {
				seen[c.Code] = true
				u.order = append(u.order, c)
				walk(c.Code)
			}
		}
	}
	walk("")
	// Units whose parent is missing or in a cycle come last: a directory
	// with problems is still walked whole, to report on every unit.
	for _, x := range all {
		if !seen[x.Code] {
			seen[x.Code] = true
			u.order = append(u.order, x)
			walk(x.Code)
		}
	}
	return u
}

// Empty reports whether the catalogue declares no units at all.
func (u *Units) Empty() bool { return u == nil || len(u.byCode) == 0 }

// Unit returns a unit by its code.
func (u *Units) Unit(code string) (*Unit, bool) {
	if u == nil {
		return nil, false
	}
	x, ok := u.byCode[code]
	return x, ok
}

// All returns every unit, each after its parent, siblings by code.
func (u *Units) All() []*Unit {
	if u == nil {
		return nil
	}
	return u.order
}

// Children returns the units directly under code ("" for the top).
func (u *Units) Children(code string) []*Unit {
	if u == nil {
		return nil
	}
	return u.children[code]
}

// Ancestors returns the units above code, nearest first.
func (u *Units) Ancestors(code string) []*Unit {
	var out []*Unit
	x, ok := u.Unit(code)
	for ok && x.Parent != "" {
		x, ok = u.Unit(x.Parent)
		if ok {
			out = append(out, x)
		}
	}
	return out
}

// Within returns code and every unit under it, at any depth and of any
// date: a unit's figures include its descendants' past and present.
func (u *Units) Within(code string) []string {
	out := []string{code}
	for i := 0; i < len(out); i++ {
		for _, c := range u.Children(out[i]) {
			out = append(out, c.Code)
		}
	}
	return out
}

// Today follows a unit's successors to the unit that carries its work on
// day d, so that history can be reported under today's map. A unit with
// no successor in force is its own answer.
func (u *Units) Today(code string, d calendar.Day) string {
	seen := map[string]bool{}
	for {
		x, ok := u.Unit(code)
		if !ok || x.InForce(d) || x.Successor == "" || seen[code] {
			return code
		}
		seen[code] = true
		code = x.Successor
	}
}

// Name is a unit's full name, or the code itself for a unit the directory
// does not know (records imported from before the directory).
func (u *Units) Name(code string) string {
	if x, ok := u.Unit(code); ok {
		return x.Name
	}
	return code
}

// Short is a unit's short name, or its code when unknown.
func (u *Units) Short(code string) string {
	if x, ok := u.Unit(code); ok {
		return x.Short
	}
	return code
}

// Receivers returns the units that may receive a procedure's dossiers on
// day d: in force, at the procedure's level, acting as its kind of office.
func (u *Units) Receivers(p *Procedure, d calendar.Day) []*Unit {
	var out []*Unit
	for _, x := range u.All() {
		if x.InForce(d) && x.Level == p.Level && x.Acts(p.Agency.Code) {
			out = append(out, x)
		}
	}
	return out
}

// ErrWrongUnit is a filing at a unit that may not receive it.
var ErrWrongUnit = errors.New("the unit may not receive this procedure")

// MayReceive checks that a unit may receive a procedure's dossier on day d,
// and says why not in words an applicant or a portal can act on.
func (u *Units) MayReceive(code string, p *Procedure, d calendar.Day) error {
	x, ok := u.Unit(code)
	switch {
	case !ok:
		return fmt.Errorf("%w: there is no unit %q", ErrWrongUnit, code)
	case !x.InForce(d):
		msg := fmt.Sprintf("%s was in force %s", x.Name, x.period())
		if x.Successor != "" {
			msg += "; its work passed to " + u.Name(x.Successor) + " (" + x.Successor + ")"
		}
		return fmt.Errorf("%w: %s", ErrWrongUnit, msg)
	case x.Level != p.Level:
		return fmt.Errorf("%w: %s is a unit at %s, and procedure %s is handled at %s", ErrWrongUnit,
			x.Name, strings.ToLower(LevelName(x.Level)), p.Code, strings.ToLower(LevelName(p.Level)))
	case !x.Acts(p.Agency.Code):
		return fmt.Errorf("%w: %s does not act as %s, which handles procedure %s", ErrWrongUnit, x.Name, p.Agency.Name, p.Code)
	}
	return nil
}

func (x *Unit) period() string {
	if x.To.IsZero() {
		return "from " + x.From.Day.String()
	}
	return "from " + x.From.Day.String() + " to " + x.To.Day.String()
}

// Under reports whether code is top or a unit below it.
func (u *Units) Under(code, top string) bool {
	if code == top {
		return true
	}
	for _, a := range u.Ancestors(code) {
		if a.Code == top {
			return true
		}
	}
	return false
}
