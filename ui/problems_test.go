package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/motcua/motcua/procedures"
)

// The checker's messages read in Vietnamese on Vietnamese pages, the
// analyst's own words kept; in English they are unchanged.
func TestCheckerMessagesInVietnamese(t *testing.T) {
	for en, vi := range map[string]string{
		`is required`: `là bắt buộc`,
		`must be one of province, district, commune, got "county"`: `phải là một trong province, district, commune; nhận được "county"`,
		`unknown field "feess"; did you mean "fees"?`:              `không có trường "feess"; có phải là "fees"?`,
		`is given twice (first on line 3)`:                         `được khai hai lần (lần đầu ở dòng 3)`,
		`must be a whole number of đồng, got "12,5"`:               `phải là một số đồng nguyên, nhận được "12,5"`,
		`ERROR: <input>:1:1: undeclared reference to 'x'`:          `ERROR: <input>:1:1: undeclared reference to 'x'`,
	} {
		if got := Vietnamese.Problem(en); got != vi {
			t.Errorf("%q: %q, want %q", en, got, vi)
		}
		if got := English.Problem(en); got != en {
			t.Errorf("in English %q became %q", en, got)
		}
	}
	// Every message a real definition provokes is covered: a broken file
	// leaves no English "must" or "unknown field" on a Vietnamese page.
	cat, err := procedures.Default()
	if err != nil {
		t.Fatal(err)
	}
	err = cat.CheckDraft("commune/moi.yaml", []byte("kind: Procedure\ncode: \"9.000001\"\nname: Thử\nlevel: county\nfeess: 1\n"+
		"deadline: {working_days: abc}\nchannels: online\n"))
	var problems procedures.Problems
	if err == nil || !errors.As(err, &problems) || len(problems) < 3 {
		t.Fatalf("the broken file: %v", err)
	}
	for _, p := range problems {
		if vi := Vietnamese.Problem(p.Message); strings.Contains(vi, "must ") || strings.Contains(vi, "unknown field") || strings.Contains(vi, " is required") {
			t.Errorf("%s: still English: %q", p.Path, vi)
		}
	}
}
