package procedures

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func twoVersions(t testing.TB, v1Amount string) *Catalogue {
	t.Helper()
	cal, err := os.ReadFile("testdata/calendar.yaml")
	if err != nil {
		t.Fatal(err)
	}
	base, err := os.ReadFile("testdata/valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	v1 := strings.Replace(string(base), "effective_from: 2024-01-01", "effective_from: 2024-01-01\neffective_to: 2025-06-30", 1)
	v1 = strings.Replace(v1, "amount: pages * 1000", "amount: "+v1Amount, 1)
	v1 = strings.Replace(v1, "examples:", "examples: []\nunused:", 1)
	v1 = v1[:strings.Index(v1, "unused:")]
	v2 := strings.Replace(string(base), "version: 1", "version: 2", 1)
	v2 = strings.Replace(v2, "effective_from: 2024-01-01", "effective_from: 2025-07-01", 1)
	c, err := Load(fstest.MapFS{"cal.yaml": {Data: cal}, "p.yaml": {Data: []byte(v1 + "---\n" + v2)}}, "")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLookupByDate(t *testing.T) {
	c := twoVersions(t, "pages * 500")
	p1, _ := c.Version("9.000001", 1)
	cases := []struct {
		at      string
		version int
	}{{"2024-01-01 08:00", 1}, {"2025-06-30 16:00", 1}, {"2025-07-01 08:00", 2}, {"2027-06-01 08:00", 2}}
	for _, tc := range cases {
		p, err := c.Lookup("9.000001", moment(t, p1, tc.at))
		if err != nil {
			t.Fatal(err)
		}
		if p.Version != tc.version {
			t.Errorf("on %s: version %d, want %d", tc.at, p.Version, tc.version)
		}
	}
	if _, err := c.Lookup("9.000001", moment(t, p1, "2023-12-31 09:00")); !errors.Is(err, ErrNotInForce) {
		t.Errorf("before the first version: %v", err)
	}
	if _, err := c.Lookup("1.234567", moment(t, p1, "2025-01-02 09:00")); !errors.Is(err, ErrUnknownProcedure) {
		t.Errorf("an unknown code: %v", err)
	}
}

func TestHashes(t *testing.T) {
	a, b := twoVersions(t, "pages * 500"), twoVersions(t, "pages * 500")
	edited := twoVersions(t, "pages * 600")
	a1, _ := a.Version("9.000001", 1)
	a2, _ := a.Version("9.000001", 2)
	b1, _ := b.Version("9.000001", 1)
	e1, _ := edited.Version("9.000001", 1)
	e2, _ := edited.Version("9.000001", 2)
	switch {
	case len(a1.Hash) != 64:
		t.Fatalf("hash %q is not a SHA-256", a1.Hash)
	case a1.Hash != b1.Hash:
		t.Fatal("the same content hashes differently across loads")
	case a1.Hash == a2.Hash:
		t.Fatal("two versions share a hash")
	case a1.Hash == e1.Hash:
		t.Fatal("an edited version keeps its hash")
	case a2.Hash != e2.Hash:
		t.Fatal("editing one version changed another's hash")
	}
	if r := a1.Ref(); r.Code != "9.000001" || r.Version != 1 || r.Hash != a1.Hash {
		t.Fatalf("ref %+v", r)
	}
}
