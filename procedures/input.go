package procedures

import (
	"regexp"
	"strings"

	"cel.dev/cel-go/cel"
	"gopkg.in/yaml.v3"
)

// Input is one typed field of a dossier's form. Inputs are the variables the
// procedure's rules read, with their real types.
type Input struct {
	Name      string    `yaml:"name,required"`
	Label     string    `yaml:"label"`
	Type      InputType `yaml:"type,required"`
	Optional  bool      `yaml:"optional"`
	Default   yaml.Node `yaml:"default"`
	Min       *int64    `yaml:"min"`
	Max       *int64    `yaml:"max"`
	MaxLength *int      `yaml:"max_length"`
	Pattern   string    `yaml:"pattern"`
	Values    []string  `yaml:"values"`    // for enum inputs
	MaxItems  *int      `yaml:"max_items"` // for list inputs

	pattern *regexp.Regexp
	zero    any // the value an optional input takes when not given
}

// Limits that keep rules cheap when the definition states none: the cost of
// an expression that walks a list or a string is bounded by them.
const (
	defaultMaxLength = 1000
	defaultMaxItems  = 100
)

func (in *Input) maxLength() int {
	if in.MaxLength != nil {
		return *in.MaxLength
	}
	return defaultMaxLength
}

func (in *Input) maxItems() int {
	if in.MaxItems != nil {
		return *in.MaxItems
	}
	return defaultMaxItems
}

// Scalar is the type of a single input value.
type Scalar string

// The scalar types an input can have.
const (
	String Scalar = "string"
	Int    Scalar = "int"
	Bool   Scalar = "bool"
	DateT  Scalar = "date"
	Enum   Scalar = "enum"
)

// InputType is a scalar type or a list of one, written int or list<int>.
type InputType struct {
	Scalar Scalar
	List   bool
}

func (t *InputType) decodeNode(r *report, n *yaml.Node, path string) {
	s := strings.TrimSpace(n.Value)
	if inner, ok := strings.CutPrefix(s, "list<"); ok && strings.HasSuffix(inner, ">") {
		t.List, s = true, strings.TrimSuffix(inner, ">")
	}
	switch sc := Scalar(s); sc {
	case String, Int, Bool, DateT, Enum:
		t.Scalar = sc
	default:
		r.add(n.Line, n.Column, path, "must be one of string, int, bool, date, enum, or list<…> of one of them, got %q", n.Value)
	}
}

// String formats the type as written.
func (t InputType) String() string {
	if t.List {
		return "list<" + string(t.Scalar) + ">"
	}
	return string(t.Scalar)
}

// celType is the CEL type rules see. Dates are timestamps at midnight UTC of
// the civil date, so they compare with date("2024-01-01") and filed_on.
func (t InputType) celType() *cel.Type {
	var s *cel.Type
	switch t.Scalar {
	case Int:
		s = cel.IntType
	case Bool:
		s = cel.BoolType
	case DateT:
		s = cel.TimestampType
	default:
		s = cel.StringType
	}
	if t.List {
		return cel.ListType(s)
	}
	return s
}
