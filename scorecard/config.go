// Package scorecard computes the Decision 766 scorecard every unit is
// ranked by, as far as one-stop records can give it: each indicator's
// numerator, denominator, ratio, target and points, each unit's total out
// of the points it can be scored on and its rank among its peers, the
// dossiers costing points now, and a forecast of the period's end. The
// indicators, targets, points and rule are in scorecard.yaml, which a
// province can replace.
package scorecard

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/motcua/motcua/store"
)

//go:embed scorecard.yaml
var defaultConfig []byte

// Config is the scorecard's indicators and rule.
type Config struct {
	Kind       string      `yaml:"kind"`
	Basis      string      `yaml:"basis"`
	Rule       string      `yaml:"rule"`
	Indicators []Indicator `yaml:"indicators"`
}

// Indicator is one line of the scorecard.
type Indicator struct {
	Code    string  `yaml:"code" json:"code"`
	Name    string  `yaml:"name" json:"name"`
	Group   string  `yaml:"group" json:"group"`
	Measure string  `yaml:"measure" json:"measure"`
	Points  float64 `yaml:"points" json:"max"`
	Target  float64 `yaml:"target" json:"target" doc:"In percent."`
}

// A measure is what an indicator counts, from the records: its numerator
// and denominator, and what the forecast expects of the dossiers still
// open.
type measure struct {
	num, den func(store.ScoreCounts) int
	about    string
}

// measures are the indicators one-stop records can give.
var measures = map[string]measure{
	"synced": {func(c store.ScoreCounts) int { return c.Synced }, func(c store.ScoreCounts) int { return c.Received },
		"dossiers received in the period that the national portal holds as they stand, over those received"},
	"on_time": {func(c store.ScoreCounts) int { return c.OnTime }, func(c store.ScoreCounts) int { return c.Decided },
		"dossiers decided in the period by their appointment (time waiting for a supplement excluded) and asked to supplement at most once, over those decided"},
	"online": {func(c store.ScoreCounts) int { return c.Online }, func(c store.ScoreCounts) int { return c.Decided },
		"dossiers decided in the period that were filed online and, when returned, returned electronically, over those decided"},
	"paid_online": {func(c store.ScoreCounts) int { return c.PaidOnline }, func(c store.ScoreCounts) int { return c.WithFee },
		"dossiers decided in the period whose fee was paid online, over those with a fee (zero fees excluded)"},
	"electronic_results": {func(c store.ScoreCounts) int { return c.Electronic }, func(c store.ScoreCounts) int { return c.Returned },
		"results returned in the period with an electronic (digitized) copy, over results returned"},
	"digitized": {func(c store.ScoreCounts) int { return c.Digitized }, func(c store.ScoreCounts) int { return c.Received },
		"dossiers received in the period with their components digitized, over those received"},
	"reused": {func(c store.ScoreCounts) int { return c.Reused }, func(c store.ScoreCounts) int { return c.Received },
		"dossiers received in the period that reused a digitized document, over those received"},
}

// Measures lists the measures an indicator may name.
func Measures() []string {
	out := make([]string, 0, len(measures))
	for m := range measures {
		out = append(out, m)
	}
	slices.Sort(out)
	return out
}

// Default is the scorecard shipped with motcua.
func Default() *Config {
	c, err := Parse("scorecard.yaml", defaultConfig)
	if err != nil {
		panic(err) // the shipped file is tested
	}
	return c
}

// Load reads a scorecard file, or the default when path is empty.
func Load(path string) (*Config, error) {
	if path == "" {
		return Default(), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("scorecard: %w", err)
	}
	return Parse(path, b)
}

// Parse reads a scorecard and checks it, naming every problem at its
// file, line and field.
func Parse(name string, b []byte) (*Config, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	var c Config
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var problems []string
	doc := root.Content[0]
	at := func(n *yaml.Node, path, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s:%d: %s: %s", name, n.Line, path, fmt.Sprintf(format, args...)))
	}
	if c.Kind != "Scorecard" {
		at(doc, "kind", "must be Scorecard, got %q", c.Kind)
	}
	if c.Rule != "proportional" {
		at(doc, "rule", "must be proportional (full points at the target, else ratio × points ÷ target), got %q", c.Rule)
	}
	if len(c.Indicators) == 0 {
		at(doc, "indicators", "must list at least one indicator")
	}
	var items []*yaml.Node
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == "indicators" {
			items = doc.Content[i+1].Content
		}
	}
	seen := map[string]bool{}
	for i, ind := range c.Indicators {
		n := doc
		if i < len(items) {
			n = items[i]
		}
		path := fmt.Sprintf("indicators[%d]", i)
		switch {
		case ind.Code == "":
			at(n, path+".code", "is required")
		case seen[ind.Code]:
			at(n, path+".code", "%s is listed twice", ind.Code)
		}
		seen[ind.Code] = true
		if ind.Name == "" {
			at(n, path+".name", "is required")
		}
		if _, ok := measures[ind.Measure]; !ok {
			at(n, path+".measure", "must be one of %s, got %q", strings.Join(Measures(), ", "), ind.Measure)
		}
		if ind.Points <= 0 {
			at(n, path+".points", "must be more than 0, got %g", ind.Points)
		}
		if ind.Target <= 0 || ind.Target > 100 {
			at(n, path+".target", "must be a percentage above 0 and at most 100, got %g", ind.Target)
		}
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	return &c, nil
}
