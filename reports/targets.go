package reports

import (
	_ "embed"
	"errors"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/procedures"
	"gopkg.in/yaml.v3"
)

//go:embed targets.yaml
var defaultTargets []byte

// Percent is a share in hundredths of a percent (basis points): 9000 is
// 90%. Integers keep comparisons with targets exact.
type Percent int64

// String writes the percentage with two decimals, as reports do.
func (p Percent) String() string { return fmt.Sprintf("%d.%02d%%", p/100, p%100) }

// Target is what one rate must reach over a span of dates. Exactly one of
// All, ByLevel and ByServiceLevel is set.
type Target struct {
	From, To       calendar.Day // inclusive; a zero To is open-ended
	All            *Percent
	ByLevel        map[procedures.Level]Percent
	ByServiceLevel map[procedures.ServiceLevel]Percent
	Basis          string // the document that set it
}

// Targets are the targets of every rate, from a YAML file.
type Targets struct {
	byRate map[Rate][]Target
}

// DefaultTargets are the targets the government set, shipped with motcua.
func DefaultTargets() *Targets {
	t, err := ParseTargets("targets.yaml", defaultTargets)
	if err != nil {
		panic(err) // the shipped file is tested
	}
	return t
}

// LoadTargets reads a targets file, or the defaults when path is empty.
func LoadTargets(path string) (*Targets, error) {
	if path == "" {
		return DefaultTargets(), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("targets: %w", err)
	}
	return ParseTargets(path, b)
}

// For returns the target of rate on day for dossiers of a level and
// service level, if one is set.
func (t *Targets) For(rate Rate, day calendar.Day, level procedures.Level, service procedures.ServiceLevel) (Percent, bool) {
	for _, tg := range t.byRate[rate] {
		if day.Before(tg.From) || (tg.To.Year != 0 && tg.To.Before(day)) {
			continue
		}
		switch {
		case tg.All != nil:
			return *tg.All, true
		case tg.ByLevel != nil:
			p, ok := tg.ByLevel[level]
			return p, ok
		default:
			p, ok := tg.ByServiceLevel[service]
			return p, ok
		}
	}
	return 0, false
}

// ParseTargets reads a targets file. Every problem is reported, each with
// the file, line and column, and the path of the field.
func ParseTargets(name string, b []byte) (*Targets, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	p := &targetParser{file: name}
	t := &Targets{byRate: map[Rate][]Target{}}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: must be a mapping with kind: Targets and targets", name)
	}
	doc := root.Content[0]
	seenKind := false
	p.fields(doc, "", []string{"kind", "targets"}, func(key string, v *yaml.Node, path string) {
		switch key {
		case "kind":
			seenKind = true
			if v.Value != "Targets" {
				p.add(v, path, "must be Targets, got %q", v.Value)
			}
		case "targets":
			p.rates(v, path, t)
		}
	})
	if !seenKind {
		p.add(doc, "kind", "is required and must be Targets")
	}
	if len(p.problems) > 0 {
		return nil, errors.New(strings.Join(p.problems, "\n"))
	}
	return t, nil
}

type targetParser struct {
	file     string
	problems []string
}

func (p *targetParser) add(n *yaml.Node, path, format string, args ...any) {
	p.problems = append(p.problems, fmt.Sprintf("%s:%d:%d: %s: %s", p.file, n.Line, n.Column, path, fmt.Sprintf(format, args...)))
}

// fields walks a mapping, refusing keys outside allowed.
func (p *targetParser) fields(n *yaml.Node, path string, allowed []string, each func(string, *yaml.Node, string)) {
	if n.Kind != yaml.MappingNode {
		p.add(n, strings.TrimPrefix(path, "."), "must be a mapping")
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		sub := strings.TrimPrefix(path+"."+k.Value, ".")
		if allowed != nil && !contains(allowed, k.Value) {
			p.add(k, sub, "is not a known field; expected one of %s", strings.Join(allowed, ", "))
			continue
		}
		each(k.Value, v, sub)
	}
}

func (p *targetParser) rates(n *yaml.Node, path string, t *Targets) {
	names := make([]string, len(Rates))
	for i, r := range Rates {
		names[i] = string(r)
	}
	p.fields(n, path, names, func(key string, v *yaml.Node, path string) {
		if v.Kind != yaml.SequenceNode {
			p.add(v, path, "must be a list of targets (use [] for none)")
			return
		}
		rate := Rate(key)
		for i, item := range v.Content {
			if tg, ok := p.target(item, fmt.Sprintf("%s[%d]", path, i)); ok {
				for _, o := range t.byRate[rate] {
					if overlaps(o, tg) {
						p.add(item, fmt.Sprintf("%s[%d]", path, i), "overlaps the target from %s", o.From)
					}
				}
				t.byRate[rate] = append(t.byRate[rate], tg)
			}
		}
		sort.Slice(t.byRate[rate], func(i, j int) bool { return t.byRate[rate][i].From.Before(t.byRate[rate][j].From) })
	})
}

func (p *targetParser) target(n *yaml.Node, path string) (Target, bool) {
	var tg Target
	before := len(p.problems)
	shapes := 0
	p.fields(n, path, []string{"from", "to", "all", "by_level", "by_service_level", "basis"}, func(key string, v *yaml.Node, path string) {
		switch key {
		case "from", "to":
			d, err := calendar.ParseDay(v.Value)
			if err != nil || v.Kind != yaml.ScalarNode {
				p.add(v, path, "must be a date written 2006-01-02, got %q", v.Value)
			}
			if key == "from" {
				tg.From = d
			} else {
				tg.To = d
			}
		case "all":
			shapes++
			pc := p.percent(v, path)
			tg.All = &pc
		case "by_level":
			shapes++
			tg.ByLevel = map[procedures.Level]Percent{}
			p.fields(v, path, []string{"province", "district", "commune"}, func(k string, v *yaml.Node, path string) {
				tg.ByLevel[procedures.Level(k)] = p.percent(v, path)
			})
		case "by_service_level":
			shapes++
			tg.ByServiceLevel = map[procedures.ServiceLevel]Percent{}
			p.fields(v, path, []string{string(procedures.PartialOnline), string(procedures.FullOnline)}, func(k string, v *yaml.Node, path string) {
				tg.ByServiceLevel[procedures.ServiceLevel(k)] = p.percent(v, path)
			})
		case "basis":
			tg.Basis = v.Value
		}
	})
	if n.Kind != yaml.MappingNode {
		return tg, false
	}
	if tg.From.Year == 0 && len(p.problems) == before {
		p.add(n, path+".from", "is required: the first day the target is in force")
	}
	if shapes != 1 {
		p.add(n, path, "needs exactly one of all, by_level and by_service_level")
	}
	if tg.To.Year != 0 && tg.To.Before(tg.From) {
		p.add(n, path+".to", "%s is before from %s", tg.To, tg.From)
	}
	return tg, len(p.problems) == before
}

// percent reads a percentage such as 90 or 82.5, to two decimals.
func (p *targetParser) percent(n *yaml.Node, path string) Percent {
	var f float64
	if n.Kind != yaml.ScalarNode || n.Decode(&f) != nil || f < 0 || f > 100 {
		p.add(n, path, "must be a percentage from 0 to 100, got %q", n.Value)
		return 0
	}
	bp := math.Round(f * 100)
	if math.Abs(bp-f*100) > 1e-6 {
		p.add(n, path, "must have at most two decimals, got %q", n.Value)
	}
	return Percent(bp)
}

func overlaps(a, b Target) bool {
	endsBefore := func(x, y Target) bool { return x.To.Year != 0 && x.To.Before(y.From) }
	return !endsBefore(a, b) && !endsBefore(b, a)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
