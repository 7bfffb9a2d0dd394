package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Format is how a history file is written.
type Format string

// The formats a history file may take.
const (
	JSONLines Format = "jsonl" // one JSON object a line
	CSV       Format = "csv"   // a header line naming the fields, then one dossier a line
)

// FormatOf guesses a file's format from its name.
func FormatOf(name string) (Format, error) {
	switch {
	case strings.HasSuffix(name, ".jsonl"), strings.HasSuffix(name, ".ndjson"), strings.HasSuffix(name, ".json"):
		return JSONLines, nil
	case strings.HasSuffix(name, ".csv"):
		return CSV, nil
	}
	return "", fmt.Errorf("cannot tell the format of %s from its name: give --format jsonl or csv", name)
}

// rows yields each row of a file with its line number. A line that cannot
// be read at all is yielded as a problem instead. A header that names
// fields the format does not have stops the file at line 1.
func rows(r io.Reader, f Format, yield func(line int, row Row, p *Problem) bool) error {
	switch f {
	case JSONLines:
		return jsonRows(r, yield)
	case CSV:
		return csvRows(r, yield)
	}
	return fmt.Errorf("format must be jsonl or csv, got %q", f)
}

func jsonRows(r io.Reader, yield func(int, Row, *Problem) bool) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		}
		if len(b) == 0 {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var m map[string]any
		if err := dec.Decode(&m); err != nil || m == nil {
			msg := "is not a JSON object"
			if err != nil {
				msg += ": " + err.Error()
			}
			if !yield(line, nil, &Problem{Line: line, Message: msg}) {
				return nil
			}
			continue
		}
		row := make(Row, len(m))
		var bad *Problem
		for k, v := range m {
			switch x := v.(type) {
			case nil:
			case string:
				row[k] = x
			case json.Number:
				row[k] = x.String()
			case bool:
				row[k] = strconv.FormatBool(x)
			default:
				bad = &Problem{Line: line, Field: k, Message: "must be a string, a number or true/false"}
			}
		}
		if !yield(line, row, bad) {
			return nil
		}
	}
	if errors.Is(sc.Err(), bufio.ErrTooLong) {
		return fmt.Errorf("line %d: longer than 1 MiB", line+1)
	}
	return sc.Err()
}

func csvRows(r io.Reader, yield func(int, Row, *Problem) bool) error {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return fmt.Errorf("line 1: %w", err)
	}
	names := make([]string, len(header))
	var unknown []string
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		names[i] = strings.TrimSpace(h)
		if !known[names[i]] {
			unknown = append(unknown, strconv.Quote(names[i]))
		}
	}
	if len(unknown) > 0 {
		return fmt.Errorf("line 1: unknown fields %s in the header; the fields are %s", strings.Join(unknown, ", "), fieldNames())
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				if !yield(pe.Line, nil, &Problem{Line: pe.Line, Message: pe.Err.Error()}) {
					return nil
				}
				continue
			}
			return err
		}
		row := make(Row, len(names))
		for i, v := range rec {
			if v != "" {
				row[names[i]] = v
			}
		}
		if !yield(line, row, nil) {
			return nil
		}
	}
}

func fieldNames() string {
	var out []string
	for _, f := range Fields {
		out = append(out, f.Name)
	}
	return strings.Join(out, ", ")
}
