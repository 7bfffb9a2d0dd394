package procedures

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/motcua/motcua/calendar"
	"gopkg.in/yaml.v3"
)

// Load reads every .yaml file under fsys, checks every definition, runs every
// example, and returns the catalogue. When anything is wrong it returns
// Problems listing all of it; prefix is put before file names in messages.
func Load(fsys fs.FS, prefix string) (*Catalogue, error) {
	c, err := Compile(fsys, prefix)
	if err != nil {
		return nil, err
	}
	var ps Problems
	for _, res := range c.Test() {
		if !res.Passed() {
			ps = append(ps, res.Problems...)
		}
	}
	if len(ps) > 0 {
		return nil, ps.sorted()
	}
	return c, nil
}

// LoadDir is Load on a directory of the file system.
func LoadDir(dir string) (*Catalogue, error) { return Load(os.DirFS(dir), dir) }

// Compile is Load without running the examples: what `procedures test` needs
// to report on each example rather than fail on the first.
func Compile(fsys fs.FS, prefix string) (*Catalogue, error) {
	var ps Problems
	docs, err := readDocs(fsys, prefix, &ps)
	if err != nil {
		return nil, err
	}
	cat := &Catalogue{byCode: map[string][]*Procedure{}, calendars: map[string]*calendar.Calendar{}, source: fsys, prefix: prefix}
	for _, d := range docs {
		if d.kind != "Calendar" {
			continue
		}
		var f calendarFile
		d.r.decode(d.node, "", reflect.ValueOf(&f).Elem())
		if c := d.r.buildCalendar(&f, d.node); c != nil {
			if _, dup := cat.calendars[f.ID]; dup {
				d.r.at(d.node, "id", "calendar %q is declared twice", f.ID)
			}
			cat.calendars[f.ID] = c
		}
	}
	var all []*Procedure
	for _, d := range docs {
		if d.kind != "Procedure" {
			continue
		}
		before := len(ps)
		p := &Procedure{node: d.node, File: d.r.file}
		d.r.decode(d.node, "", reflect.ValueOf(p).Elem())
		if len(ps) > before {
			continue // a definition that does not decode cannot be checked further
		}
		d.r.check(p, cat.calendars)
		p.Hash = hashOf(d.node)
		all = append(all, p)
	}
	checkVersions(all, &ps)
	kinds := map[string]map[Level]bool{}
	for _, p := range all {
		if kinds[p.Agency.Code] == nil {
			kinds[p.Agency.Code] = map[Level]bool{}
		}
		kinds[p.Agency.Code][p.Level] = true
	}
	var units []declared
	for _, d := range docs {
		if d.kind != "Units" {
			continue
		}
		var f unitsFile
		d.r.decode(d.node, "", reflect.ValueOf(&f).Elem())
		for i := range f.Units {
			units = append(units, declared{unit: &f.Units[i], r: d.r, root: d.node, path: fmt.Sprintf("units[%d]", i)})
		}
	}
	cat.units = checkUnits(units, kinds)
	checkReceivers(cat.units, all, &ps)
	if len(ps) > 0 {
		return nil, ps.sorted()
	}

	for _, p := range all {
		cat.byCode[p.Code] = append(cat.byCode[p.Code], p)
	}
	for _, vs := range cat.byCode {
		sort.Slice(vs, func(i, j int) bool { return vs[i].EffectiveFrom.Before(vs[j].EffectiveFrom.Day) })
	}
	return cat, nil
}

type doc struct {
	r    *report
	node *yaml.Node
	kind string
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func readDocs(fsys fs.FS, prefix string, ps *Problems) ([]doc, error) {
	var docs []doc
	err := fs.WalkDir(fsys, ".", func(name string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() || (path.Ext(name) != ".yaml" && path.Ext(name) != ".yml") {
			return nil
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		r := &report{file: path.Join(prefix, name), src: strings.Split(string(data), "\n"), problems: ps}
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		for {
			var n yaml.Node
			err := dec.Decode(&n)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				line, msg := 1, strings.TrimPrefix(err.Error(), "yaml: ")
				if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
					line, _ = strconv.Atoi(m[1])
					msg = m[2]
				}
				r.add(line, 1, "", "not valid YAML: %s", msg)
				break
			}
			root := &n
			for root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
				root = root.Content[0]
			}
			kind := field(root, "kind")
			switch {
			case root.Kind != yaml.MappingNode:
				r.add(root.Line, root.Column, "", "a definition must be a mapping of fields")
			case kind == nil:
				r.add(root.Line, root.Column, "kind", "is required: Procedure, Calendar or Units")
			case kind.Value != "Procedure" && kind.Value != "Calendar" && kind.Value != "Units":
				r.add(kind.Line, kind.Column, "kind", "must be Procedure, Calendar or Units, got %q", kind.Value)
			default:
				docs = append(docs, doc{r, root, kind.Value})
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read procedures: %w", err)
	}
	return docs, nil
}

// hashOf fingerprints a definition's content, so that a dossier can tell
// whether the definition it was received under has since been edited.
func hashOf(n *yaml.Node) string {
	b, _ := yaml.Marshal(n)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// checkVersions rejects the same version twice and versions of one code
// whose effective dates overlap: on any date, one version is in force.
func checkVersions(all []*Procedure, ps *Problems) {
	byCode := map[string][]*Procedure{}
	for _, p := range all {
		byCode[p.Code] = append(byCode[p.Code], p)
	}
	for _, vs := range byCode {
		sort.SliceStable(vs, func(i, j int) bool { return vs[i].EffectiveFrom.Before(vs[j].EffectiveFrom.Day) })
		for i, p := range vs {
			for _, q := range vs[:i] {
				if q.Version == p.Version {
					*ps = append(*ps, problemAt(p, "version", fmt.Sprintf("procedure %s version %d is also defined at %s:%d", p.Code, p.Version, q.File, q.node.Line)))
				}
			}
			if i == 0 {
				continue
			}
			prev := vs[i-1]
			if prev.EffectiveTo.IsZero() || !prev.EffectiveTo.Before(p.EffectiveFrom.Day) {
				until := "with no end"
				if !prev.EffectiveTo.IsZero() {
					until = "until " + prev.EffectiveTo.Day.String()
				}
				*ps = append(*ps, problemAt(p, "effective_from", fmt.Sprintf("%s overlaps version %d of %s, in force from %s %s (%s:%d)",
					p.EffectiveFrom.Day, prev.Version, p.Code, prev.EffectiveFrom.Day, until, prev.File, prev.node.Line)))
			}
		}
	}
}

func problemAt(p *Procedure, path, msg string) Problem {
	n := locate(p.node, path)
	return Problem{File: p.File, Line: n.Line, Column: n.Column, Path: path, Message: msg}
}

func sorted(s []string) []string {
	sort.Strings(s)
	return s
}
