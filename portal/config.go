// Package portal keeps the national public service portal (Cổng Dịch vụ
// công quốc gia) told of every dossier and every change of its status.
// Each milestone the store records is queued beside it, in the same
// transaction; a scheduled Temporal workflow delivers the queue in order
// per dossier, with backoff, and supervisors see what is pending and what
// failed. The portal's specification is not public, so its endpoints, its
// status codes and its field names are configuration (dvcqg.yaml).
package portal

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

//go:embed dvcqg.yaml
var defaultConfig []byte

// Config is how motcua speaks to the portal.
type Config struct {
	Kind      string    `yaml:"kind"`
	URL       string    `yaml:"url"`
	Endpoints Endpoints `yaml:"endpoints"`
	Timeout   Duration  `yaml:"timeout"`
	Answers   Answers   `yaml:"answers"`
	// Statuses maps an event of motcua's timeline to the portal's status
	// code; an event not listed is not sent.
	Statuses map[string]int `yaml:"statuses"`
	Channels map[string]int `yaml:"channels"`
	// Fields maps motcua's name of each field sent to the portal's.
	Fields map[string]string `yaml:"fields"`
	// FileLink prefixes a document's ID to make the link sent for it;
	// empty sends the bare ID.
	FileLink string `yaml:"file_link"`
}

// Endpoints are the paths, under URL, of the portal's three calls.
type Endpoints struct {
	Create string `yaml:"create"`
	Update string `yaml:"update"`
	Steps  string `yaml:"steps"`
}

// Answers are the error codes that mean success, and those that mean a
// create found the dossier already there.
type Answers struct {
	OK     []string `yaml:"ok"`
	Exists []string `yaml:"exists"`
}

// Duration is a time.Duration written as "20s".
type Duration time.Duration

// UnmarshalYAML reads "20s", "1m".
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q is not a duration such as 20s", n.Line, n.Value)
	}
	*d = Duration(v)
	return nil
}

// FieldNames are motcua's names of what it sends: each must be mapped.
var FieldNames = []string{
	"code", "procedure", "procedure_name", "field", "channel", "owner", "received", "due", "returned",
	"finished", "status", "unit", "digitized", "paid_online", "vneid",
	"files", "file_component", "file_link", "file_digitized", "file_reused", "file_from_national",
	"fees", "fee_name", "fee_amount", "fee_paid_via",
	"supplements", "supplement_at", "supplement_reason",
	"results", "result_name", "result_link",
	"step_actor", "step_at", "step_content", "step_status", "step_due",
}

// Default is the mapping shipped with motcua, aimed at the simulated
// portal of a single instance.
func Default() Config {
	c, err := Parse("dvcqg.yaml", defaultConfig)
	if err != nil {
		panic(err) // the shipped file is tested
	}
	return c
}

// Load reads a mapping file, or the default when path is empty.
func Load(path string) (Config, error) {
	if path == "" {
		return Default(), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("portal: %w", err)
	}
	return Parse(path, b)
}

// Parse reads a mapping and checks it, reporting every problem at its
// file and line.
func Parse(name string, b []byte) (Config, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return Config{}, fmt.Errorf("%s: %w", name, err)
	}
	if len(root.Content) == 0 {
		return Config{}, fmt.Errorf("%s: is empty", name)
	}
	doc := root.Content[0]
	var c Config
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return Config{}, fmt.Errorf("%s: %w", name, err)
	}
	var problems []string
	at := func(path, format string, args ...any) {
		line := lineOf(doc, path)
		problems = append(problems, fmt.Sprintf("%s:%d: %s: %s", name, line, path, fmt.Sprintf(format, args...)))
	}
	if c.Kind != "Portal" {
		at("kind", "must be Portal, got %q", c.Kind)
	}
	if !strings.HasPrefix(c.URL, "http://") && !strings.HasPrefix(c.URL, "https://") {
		at("url", "must be an http:// or https:// address, got %q", c.URL)
	}
	for key, p := range map[string]string{"create": c.Endpoints.Create, "update": c.Endpoints.Update, "steps": c.Endpoints.Steps} {
		if !strings.HasPrefix(p, "/") {
			at("endpoints."+key, "must be a path starting with /, got %q", p)
		}
	}
	if c.Timeout <= 0 {
		c.Timeout = Duration(20 * time.Second)
	}
	if len(c.Answers.OK) == 0 {
		at("answers.ok", "must list the error codes that mean success, such as [\"0\"]")
	}
	if len(c.Statuses) == 0 {
		at("statuses", "must map the timeline's events to the portal's status codes")
	}
	if _, ok := c.Statuses["received"]; !ok && len(c.Statuses) > 0 {
		at("statuses", "must give received a status: it opens the dossier on the portal")
	}
	for _, ch := range []string{"counter", "online", "postal"} {
		if _, ok := c.Channels[ch]; !ok {
			at("channels", "must give %s a code", ch)
		}
	}
	var missing []string
	for _, f := range FieldNames {
		if c.Fields[f] == "" {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		at("fields", "must name the portal's field for %s", strings.Join(missing, ", "))
	}
	var unknown []string
	for f := range c.Fields {
		if !slices.Contains(FieldNames, f) {
			unknown = append(unknown, f)
		}
	}
	sort.Strings(unknown)
	for _, f := range unknown {
		at("fields."+f, "is not a field motcua sends; the fields are %s", strings.Join(FieldNames, ", "))
	}
	if len(problems) > 0 {
		return Config{}, errors.New(strings.Join(problems, "\n"))
	}
	return c, nil
}

// lineOf finds the line of a dotted path in a mapping, or of the deepest
// part of it that exists.
func lineOf(n *yaml.Node, path string) int {
	line := n.Line
	for _, key := range strings.Split(path, ".") {
		if n.Kind != yaml.MappingNode {
			break
		}
		found := false
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				line, n, found = n.Content[i].Line, n.Content[i+1], true
				break
			}
		}
		if !found {
			break
		}
	}
	return line
}

// exists reports whether an error code means the dossier is already there.
func (c Config) exists(code string) bool { return slices.Contains(c.Answers.Exists, code) }

// ok reports whether an error code means success.
func (c Config) ok(code string) bool { return slices.Contains(c.Answers.OK, code) }
