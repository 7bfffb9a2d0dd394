package reports

import (
	"fmt"
	"io"
	"strings"
)

// Format is how a report is written out.
type Format string

// The formats a report can be written in.
const (
	JSON  Format = "json"
	Table Format = "table" // aligned text, for a terminal
	// CSV opens right in Excel on a Vietnamese Windows machine: a UTF-8
	// byte order mark, without which Excel reads the bytes as the system's
	// code page, and headers in Vietnamese.
	CSV Format = "csv"
	// CSVEnglish is CSV for programs: English snake_case headers and
	// values, no byte order mark.
	CSVEnglish Format = "csv-en"
	XLSX       Format = "xlsx" // a workbook, since supervisors work in Excel
)

// bom is UTF-8's byte order mark.
const bom = "\ufeff"

// ParseFormat checks a format's name.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case JSON, Table, CSV, CSVEnglish, XLSX:
		return f, nil
	}
	return "", fmt.Errorf("format must be one of json, table, csv, csv-en, xlsx, got %q", s)
}

// ContentType is the media type of a report written in f.
func (f Format) ContentType() string {
	switch f {
	case Table:
		return "text/plain; charset=utf-8"
	case CSV, CSVEnglish:
		return "text/csv; charset=utf-8"
	case XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "application/json"
}

// Extension is the file name's extension for a report written in f.
func (f Format) Extension() string {
	switch f {
	case Table:
		return "txt"
	case CSV, CSVEnglish:
		return "csv"
	}
	return string(f)
}

// WriteBOM starts a CSV for Excel with the byte order mark; a CSV for
// programs has none.
func WriteBOM(w io.Writer, f Format) error {
	if f != CSV {
		return nil
	}
	_, err := io.WriteString(w, bom)
	return err
}

// Write writes the report in format f.
func (r *Report) Write(w io.Writer, f Format) error {
	switch f {
	case Table:
		return r.writeTable(w)
	case CSV, CSVEnglish:
		return r.writeCSV(w, f)
	case XLSX:
		return r.writeXLSX(w)
	}
	return r.writeJSON(w)
}

// Rows lists the report's rows from the top down, each unit followed by
// the units under it.
func (r *Report) Rows() []*Row {
	var out []*Row
	var walk func(*Row)
	walk = func(row *Row) {
		out = append(out, row)
		for _, c := range row.Children {
			walk(c)
		}
	}
	walk(r.Total)
	return out
}

// depth is how far a row is indented under the report's total.
func (row *Row) depth() int {
	switch row.Scope {
	case Level:
		return 1
	case Agency:
		return 2
	case Procedure:
		return 3
	}
	return 0
}

// label is the row's name with its code, indented by depth.
func (row *Row) label() string {
	code := row.Procedure
	if code == "" {
		code = row.Agency
	}
	s := row.Name
	if code != "" && code != row.Name {
		s += " (" + code + ")"
	}
	return strings.Repeat("  ", row.depth()) + s
}

// cell is a ratio as a report shows it: the rate, and the target when one
// applies, marked when missed.
func (x *Ratio) cell() string {
	p, ok := x.Rate()
	if !ok {
		return "—"
	}
	s := fmt.Sprintf("%s (%d/%d)", p, x.Num, x.Den)
	if t, ok := x.Target(); ok {
		mark := "≥"
		if meets, _ := x.Meets(); !meets {
			mark = "<"
		}
		s += " " + mark + " " + t.String()
	}
	return s
}
