package api

import (
	"reflect"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/motcua/motcua/calendar"
)

// normalizeAnswer is the transformer every answer passes through before
// it is written: see normalize.
func normalizeAnswer(_ huma.Context, _ string, v any) (any, error) { return normalize(v), nil }

// normalize returns a copy of v as clients are promised it:
//   - every instant in RFC 3339 in Vietnam's time, to the second
//     (2026-12-16T17:00:00+07:00). Instants come from Temporal in UTC and
//     from the store in local time, with nanoseconds or milliseconds; a
//     client comparing two answers must not have to care.
//   - no list null: a list with nothing in it is [], as the OpenAPI
//     document says, so that generated clients need no nil checks.
//
// v itself is never changed, since answers share values with caches (the
// catalogue's views); only what differs is copied.
func normalize(v any) any {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	out, changed := copyNormal(rv)
	if !changed {
		return v
	}
	return out.Interface()
}

var (
	timeType = reflect.TypeFor[time.Time]()
	byteType = reflect.TypeFor[byte]()
)

// instant is t as every answer writes it.
func instant(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.Truncate(time.Second).In(calendar.Vietnam)
}

// copyNormal returns v normalized, and whether that differs from v; when
// it does not, the result is v itself and nothing was allocated.
func copyNormal(v reflect.Value) (reflect.Value, bool) {
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == timeType {
			t := v.Interface().(time.Time)
			n := instant(t)
			if n.Equal(t) && n.Location() == t.Location() && n.Nanosecond() == t.Nanosecond() {
				return v, false
			}
			return reflect.ValueOf(n), true
		}
		var out reflect.Value
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			f, changed := copyNormal(v.Field(i))
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.New(v.Type()).Elem()
				out.Set(v) // the unexported fields come along unchanged
			}
			out.Field(i).Set(f)
		}
		if out.IsValid() {
			return out, true
		}
		return v, false
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return v, false
		}
		e, changed := copyNormal(v.Elem())
		if !changed {
			return v, false
		}
		if v.Kind() == reflect.Pointer {
			p := reflect.New(v.Type().Elem())
			p.Elem().Set(e)
			return p, true
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(e)
		return out, true
	case reflect.Slice:
		if v.Type().Elem() == byteType {
			return v, false // bytes are base64 text, not a list
		}
		if v.IsNil() {
			return reflect.MakeSlice(v.Type(), 0, 0), true
		}
		return elements(v, func() reflect.Value {
			out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			reflect.Copy(out, v)
			return out
		})
	case reflect.Array:
		return elements(v, func() reflect.Value {
			out := reflect.New(v.Type()).Elem()
			out.Set(v)
			return out
		})
	case reflect.Map:
		if v.IsNil() {
			return v, false
		}
		var out reflect.Value
		iter := v.MapRange()
		for iter.Next() {
			e, changed := copyNormal(iter.Value())
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.MakeMapWithSize(v.Type(), v.Len())
				it := v.MapRange()
				for it.Next() {
					out.SetMapIndex(it.Key(), it.Value())
				}
			}
			out.SetMapIndex(iter.Key(), e)
		}
		if out.IsValid() {
			return out, true
		}
		return v, false
	}
	return v, false
}

var _ huma.Transformer = normalizeAnswer

// elements normalizes the elements of a slice or an array, copying it with
// fresh the first time one differs.
func elements(v reflect.Value, fresh func() reflect.Value) (reflect.Value, bool) {
	var out reflect.Value
	for i := range v.Len() {
		e, changed := copyNormal(v.Index(i))
		if !changed {
			continue
		}
		if !out.IsValid() {
			out = fresh()
		}
		out.Index(i).Set(e)
	}
	if out.IsValid() {
		return out, true
	}
	return v, false
}
