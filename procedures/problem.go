package procedures

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one mistake in a definition, pointed at its place in the file.
type Problem struct {
	File    string
	Line    int
	Column  int
	Path    string // the field path, such as fees[1].amount
	Message string
}

// String formats the problem as file:line:col: field.path: message.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", p.Line, p.Column)
	}
	b.WriteString(": ")
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Problems is every mistake found in a catalogue; it is returned as one error
// so that an analyst sees them all at once.
type Problems []Problem

// Error lists the problems, one a line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return ps
}

// report collects problems for one file.
type report struct {
	file     string
	src      []string // the file's lines, to place errors inside block scalars
	problems *Problems
}

func (r *report) add(line, col int, path, format string, args ...any) {
	*r.problems = append(*r.problems, Problem{File: r.file, Line: line, Column: col, Path: path, Message: fmt.Sprintf(format, args...)})
}
