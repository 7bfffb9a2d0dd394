package procedures

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/motcua/motcua/calendar"
)

// Values are a dossier's checked inputs by name, in the Go types rules see:
// string, int64, bool, time.Time, or slices of them.
type Values map[string]any

// FieldError is one input at fault.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// InputError names every input at fault, so a form can mark them all at once.
type InputError struct {
	Fields []FieldError
}

// Error lists the fields at fault.
func (e *InputError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return "invalid inputs: " + strings.Join(parts, "; ")
}

// CheckInputs converts raw form values into Values. Raw values may come from
// JSON (numbers as float64 or json.Number, lists as []any) or from a command
// line (everything a string, lists separated by commas). Optional inputs left
// out take their default.
func (p *Procedure) CheckInputs(raw map[string]any) (Values, error) {
	out := make(Values, len(p.Inputs)+len(builtins))
	var bad []FieldError
	for i := range p.Inputs {
		in := &p.Inputs[i]
		v, ok := raw[in.Name]
		if !ok || v == nil {
			if !in.Optional {
				bad = append(bad, FieldError{"inputs." + in.Name, "is required"})
				continue
			}
			out[in.Name] = in.zero
			continue
		}
		val, err := in.convert(v)
		if err != nil {
			bad = append(bad, FieldError{"inputs." + in.Name, err.Error()})
			continue
		}
		out[in.Name] = val
	}
	var unknown []string
	for name := range raw {
		if _, ok := p.inputs[name]; !ok {
			unknown = append(unknown, name)
		}
	}
	sort.Strings(unknown)
	for _, name := range unknown {
		bad = append(bad, FieldError{"inputs." + name, fmt.Sprintf("is not an input of procedure %s", p.Code)})
	}
	if len(bad) > 0 {
		return nil, &InputError{bad}
	}
	return out, nil
}

func (in *Input) convert(v any) (any, error) {
	if !in.Type.List {
		return in.scalar(v)
	}
	var items []any
	switch l := v.(type) {
	case []any:
		items = l
	case string:
		for _, s := range strings.Split(l, ",") {
			if s = strings.TrimSpace(s); s != "" {
				items = append(items, s)
			}
		}
	case []string:
		for _, s := range l {
			items = append(items, s)
		}
	default:
		return nil, fmt.Errorf("must be a list of %s", in.Type.Scalar)
	}
	if len(items) > in.maxItems() {
		return nil, fmt.Errorf("has %d items, more than the %d allowed", len(items), in.maxItems())
	}
	var out any
	switch in.Type.Scalar {
	case Int:
		out = make([]int64, 0, len(items))
	case Bool:
		out = make([]bool, 0, len(items))
	case DateT:
		out = make([]time.Time, 0, len(items))
	default:
		out = make([]string, 0, len(items))
	}
	for i, item := range items {
		s, err := in.scalar(item)
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", i, err)
		}
		switch l := out.(type) {
		case []int64:
			out = append(l, s.(int64))
		case []bool:
			out = append(l, s.(bool))
		case []time.Time:
			out = append(l, s.(time.Time))
		case []string:
			out = append(l, s.(string))
		}
	}
	return out, nil
}

func (in *Input) scalar(v any) (any, error) {
	switch in.Type.Scalar {
	case Int:
		if n, ok := v.(int64); ok && in.within(n) {
			return v, nil // already the right type: keep the interface, allocate nothing
		}
		n, err := toInt(v)
		if err != nil {
			return nil, err
		}
		if in.Min != nil && n < *in.Min {
			return nil, fmt.Errorf("must be at least %d, got %d", *in.Min, n)
		}
		if in.Max != nil && n > *in.Max {
			return nil, fmt.Errorf("must be at most %d, got %d", *in.Max, n)
		}
		return n, nil
	case Bool:
		switch b := v.(type) {
		case bool:
			return v, nil
		case string:
			if p, err := strconv.ParseBool(b); err == nil {
				return p, nil
			}
		}
		return nil, fmt.Errorf("must be true or false, got %s", show(v))
	case DateT:
		switch d := v.(type) {
		case time.Time:
			return celDate(calendar.Day{Year: d.Year(), Month: d.Month(), Day: d.Day()}), nil
		case string:
			day, err := calendar.ParseDay(d)
			if err != nil {
				return nil, fmt.Errorf("must be a date written 2006-01-02, got %q", d)
			}
			return celDate(day), nil
		}
		return nil, fmt.Errorf("must be a date written 2006-01-02, got %s", show(v))
	}
	s, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("must be text, got %s", show(v))
	}
	if in.Type.Scalar == Enum {
		for _, allowed := range in.Values {
			if s == allowed {
				return v, nil
			}
		}
		return nil, fmt.Errorf("must be one of %s, got %q", strings.Join(in.Values, ", "), s)
	}
	if n := utf8.RuneCountInString(s); n > in.maxLength() {
		return nil, fmt.Errorf("is %d characters long, more than the %d allowed", n, in.maxLength())
	}
	if in.pattern != nil && !in.pattern.MatchString(s) {
		return nil, fmt.Errorf("does not match the pattern %s", in.Pattern)
	}
	return v, nil
}

func toInt(v any) (int64, error) {
	switch n := v.(type) {
	case int:
		return int64(n), nil
	case int64:
		return n, nil
	case float64:
		if n == math.Trunc(n) && math.Abs(n) < 1<<53 {
			return int64(n), nil
		}
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return i, nil
		}
	case string:
		if i, err := strconv.ParseInt(strings.TrimSpace(n), 10, 64); err == nil {
			return i, nil
		}
	}
	return 0, fmt.Errorf("must be a whole number, got %s", show(v))
}

func show(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// celDate is how a civil date appears to rules: midnight UTC of that date.
func celDate(d calendar.Day) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

func (in *Input) within(n int64) bool {
	return (in.Min == nil || n >= *in.Min) && (in.Max == nil || n <= *in.Max)
}
