package api

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

type inner struct {
	At    time.Time            `json:"at"`
	Tags  []string             `json:"tags"`
	Maybe *time.Time           `json:"maybe,omitempty"`
	Any   any                  `json:"any,omitempty"`
	ByKey map[string]time.Time `json:"by_key,omitempty"`
}

type outer struct {
	When    time.Time `json:"when"`
	Never   time.Time `json:"never,omitzero"`
	Items   []inner   `json:"items"`
	Gone    []int     `json:"gone,omitempty"`
	Raw     []byte    `json:"raw"`
	private []int
}

// Every instant in an answer is RFC 3339 in Vietnam's time, to the second,
// whatever zone and precision it was kept in; and no list is ever null.
func TestNormalizeOneTimestampStyleAndNoNullLists(t *testing.T) {
	utc := time.Date(2026, 12, 16, 10, 0, 0, 123456789, time.UTC)
	milli := time.Date(2026, 12, 16, 10, 0, 5, 120000000, time.UTC)
	shared := []inner{{At: milli, Any: &inner{At: utc}}}
	in := outer{When: utc, Items: shared, private: []int{1}}
	got := normalize(in)
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"when":"2026-12-16T17:00:00+07:00","items":[{"at":"2026-12-16T17:00:05+07:00","tags":[],"any":{"at":"2026-12-16T17:00:00+07:00","tags":[]}}],"raw":null}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	// The value given is not changed: it may be shared, as the catalogue's
	// views are.
	if shared[0].At != milli || shared[0].Tags != nil || in.When != utc {
		t.Errorf("the original was changed: %+v", shared[0])
	}
	// A pointer stays a pointer; a map's times are normalized too.
	at := utc
	p := normalize(&inner{Maybe: &at, ByKey: map[string]time.Time{"x": utc}}).(*inner)
	if p.Maybe.Location().String() != "Asia/Ho_Chi_Minh" || p.ByKey["x"].Nanosecond() != 0 || at != utc {
		t.Errorf("pointer or map: %+v", p)
	}
	if b, _ := json.Marshal(normalize([]inner(nil))); string(b) != "[]" {
		t.Errorf("a nil list at the top: %s", b)
	}
	if !strings.Contains(string(mustJSON(t, normalize(map[string]any{"t": utc}))), "+07:00") {
		t.Error("a time inside map[string]any")
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
