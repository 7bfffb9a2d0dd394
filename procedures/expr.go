package procedures

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"cel.dev/cel-go/cel"
	"gopkg.in/yaml.v3"
)

// Expr is a CEL expression as an analyst wrote it, with the place it was
// written so that a mistake inside it can be pointed at precisely.
type Expr struct {
	Source string
	line   int
	col    int
	style  yaml.Style
	prg    cel.Program
}

func (e *Expr) take(n *yaml.Node) {
	*e = Expr{Source: n.Value, line: n.Line, col: n.Column, style: n.Style}
}

// position maps a place inside the expression, as CEL reports it (line from
// 1, column from 0, in characters), to a place in the YAML file. Plain and
// quoted scalars start where the node starts; block scalars (| and >) start on
// the next line at its indentation. Folded lines are joined by one character
// either way, so walking the source lines finds the place.
func (e *Expr) position(src []string, celLine, celCol int) (int, int) {
	offset := 0
	for i, l := range strings.Split(e.Source, "\n") {
		if i+1 == celLine {
			offset += celCol
			break
		}
		offset += utf8.RuneCountInString(l) + 1
	}
	line, col := e.line, e.col
	block := e.style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0
	blockIndent := 0
	switch {
	case block:
		line++
		blockIndent = indent(src, line)
		col = blockIndent + 1
	case e.style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		col++
	}
	for guard := 0; guard < 1000; guard++ {
		if line-1 >= len(src) {
			return line, col + offset
		}
		text := []rune(src[line-1])
		avail := len(text) - (col - 1)
		if line == e.line {
			avail = len([]rune(strings.TrimRight(string(text), " \t'\""))) - (col - 1)
		}
		if offset <= avail {
			return line, col + offset
		}
		offset -= avail + 1
		line++
		// A block scalar keeps the spaces past its indentation as content;
		// a plain or quoted scalar folds them away.
		if col = indent(src, line) + 1; block {
			col = blockIndent + 1
		}
	}
	return e.line, e.col
}

func indent(src []string, line int) int {
	if line-1 >= len(src) || line < 1 {
		return 0
	}
	l := src[line-1]
	return len(l) - len(strings.TrimLeft(l, " "))
}

// Condition is a rule that decides yes or no: written as true, false, or a
// CEL expression of type bool.
type Condition struct {
	Expr
	Const *bool // set when written as a plain true or false
}

// Set reports whether the definition gave the condition at all.
func (c Condition) Set() bool { return c.Const != nil || c.Source != "" }

func (c *Condition) decodeNode(r *report, n *yaml.Node, path string) {
	if n.Kind != yaml.ScalarNode || isNull(n) {
		r.add(n.Line, n.Column, path, "must be true, false or a CEL expression")
		return
	}
	if n.Tag == "!!bool" {
		b, _ := strconv.ParseBool(strings.ToLower(n.Value))
		c.Const = &b
		return
	}
	c.take(n)
}

// Always returns a condition that always holds.
func always(b bool) Condition { return Condition{Const: &b} }

// Digitize says whether a component must be digitized (số hóa): required,
// optional, or a CEL condition that makes it required.
type Digitize struct {
	Condition
}

func (d *Digitize) decodeNode(r *report, n *yaml.Node, path string) {
	switch {
	case n.Kind == yaml.ScalarNode && n.Value == "required":
		d.Condition = always(true)
	case n.Kind == yaml.ScalarNode && n.Value == "optional":
		d.Condition = always(false)
	case n.Kind == yaml.ScalarNode && n.Tag == "!!bool":
		r.add(n.Line, n.Column, path, "must be required, optional or a CEL condition, got %q", n.Value)
	default:
		d.Condition.decodeNode(r, n, path)
	}
}

// Amount is a sum of money in đồng: a whole number, or a CEL expression of
// type int.
type Amount struct {
	Expr
	Const *int64
}

func (a *Amount) decodeNode(r *report, n *yaml.Node, path string) {
	if n.Kind != yaml.ScalarNode || isNull(n) {
		r.add(n.Line, n.Column, path, "must be a whole number of đồng or a CEL expression")
		return
	}
	if n.Tag == "!!int" {
		v, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 10, 64)
		if err != nil {
			r.add(n.Line, n.Column, path, "must be a whole number of đồng, got %q", n.Value)
			return
		}
		a.Const = &v
		return
	}
	if n.Tag == "!!float" {
		r.add(n.Line, n.Column, path, "must be a whole number of đồng, got %q", n.Value)
		return
	}
	a.take(n)
}
