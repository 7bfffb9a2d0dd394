package procedures

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/motcua/motcua/suggest"
)

// nodeDecoder is implemented by the types that read themselves from YAML,
// keeping the node's position for later messages (CEL expressions, dates).
type nodeDecoder interface {
	decodeNode(r *report, n *yaml.Node, path string)
}

var nodeDecoderType = reflect.TypeOf((*nodeDecoder)(nil)).Elem()

// decode walks a YAML node into v, reporting every mismatch with its field
// path instead of stopping at the first, as yaml.v3's own decoder would.
func (r *report) decode(n *yaml.Node, path string, v reflect.Value) {
	for n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if v.CanAddr() && v.Addr().Type().Implements(nodeDecoderType) {
		v.Addr().Interface().(nodeDecoder).decodeNode(r, n, path)
		return
	}
	if isNull(n) {
		return
	}
	if v.Type() == reflect.TypeOf(yaml.Node{}) {
		v.Set(reflect.ValueOf(*n))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		r.decode(n, path, v.Elem())
	case reflect.Struct:
		r.decodeStruct(n, path, v)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			r.add(n.Line, n.Column, path, "must be a list")
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			r.decode(item, fmt.Sprintf("%s[%d]", path, i), s.Index(i))
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			r.add(n.Line, n.Column, path, "must be a mapping of names to values")
			return
		}
		m := reflect.MakeMap(v.Type())
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			e := reflect.New(v.Type().Elem()).Elem()
			r.decode(val, join(path, k.Value), e)
			m.SetMapIndex(reflect.ValueOf(k.Value), e)
		}
		v.Set(m)
	case reflect.String:
		if s, ok := r.scalar(n, path); ok {
			v.SetString(s)
		}
	case reflect.Bool:
		if s, ok := r.scalar(n, path); ok {
			if n.Tag != "!!bool" {
				r.add(n.Line, n.Column, path, "must be true or false, got %q", s)
				return
			}
			b, _ := strconv.ParseBool(strings.ToLower(s))
			v.SetBool(b)
		}
	case reflect.Int, reflect.Int64:
		if s, ok := r.scalar(n, path); ok {
			i, err := strconv.ParseInt(strings.ReplaceAll(s, "_", ""), 0, 64)
			if n.Tag != "!!int" || err != nil {
				r.add(n.Line, n.Column, path, "must be a whole number, got %q", s)
				return
			}
			v.SetInt(i)
		}
	case reflect.Float64:
		if s, ok := r.scalar(n, path); ok {
			f, err := strconv.ParseFloat(s, 64)
			if (n.Tag != "!!int" && n.Tag != "!!float") || err != nil {
				r.add(n.Line, n.Column, path, "must be a number, got %q", s)
				return
			}
			v.SetFloat(f)
		}
	default:
		panic(fmt.Sprintf("procedures: cannot decode into %s", v.Type()))
	}
}

func (r *report) scalar(n *yaml.Node, path string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		r.add(n.Line, n.Column, path, "must be a single value, not a %s", kindName(n))
		return "", false
	}
	return n.Value, true
}

func (r *report) decodeStruct(n *yaml.Node, path string, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		r.add(n.Line, n.Column, path, "must be a mapping of fields, not a %s", kindName(n))
		return
	}
	t := v.Type()
	fields := map[string]int{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		fields[name] = i
		names = append(names, name)
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if first, dup := seen[k.Value]; dup {
			r.add(k.Line, k.Column, join(path, k.Value), "is given twice (first on line %d)", first.Line)
			continue
		}
		seen[k.Value] = k
		idx, ok := fields[k.Value]
		if !ok {
			msg := fmt.Sprintf("unknown field %q", k.Value)
			if s := closest(k.Value, names); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else if n.Style&yaml.FlowStyle != 0 && isNull(val) {
				msg += "; a comma inside a value written between { } ends that value: put the value in quotes"
			}
			r.add(k.Line, k.Column, path, "%s", msg)
			continue
		}
		r.decode(val, join(path, k.Value), v.Field(idx))
	}
	for i := 0; i < t.NumField(); i++ {
		name, opts, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if opts != "required" {
			continue
		}
		if k, ok := seen[name]; !ok || isNull(valueOf(n, k)) {
			r.add(n.Line, n.Column, join(path, name), "is required")
		}
	}
}

func valueOf(m, key *yaml.Node) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i] == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	default:
		return "value"
	}
}

func join(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

// closest suggests the known name an analyst most likely meant.
func closest(got string, names []string) string { return suggest.Closest(got, names) }
