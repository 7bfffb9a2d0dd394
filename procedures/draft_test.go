package procedures

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestCheckDraftLoadsItBesideTheCatalogue(t *testing.T) {
	cat, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("catalogue/commune/trich-luc-ho-tich.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// Unchanged, under its own name: the catalogue loads.
	if err := cat.CheckDraft("commune/trich-luc-ho-tich.yaml", src); err != nil {
		t.Errorf("the file as it is: %v", err)
	}
	// The same version again under a new name overlaps the one in force.
	var ps Problems
	if err := cat.CheckDraft("", src); !errors.As(err, &ps) || !strings.Contains(err.Error(), "draft.yaml") ||
		!strings.Contains(err.Error(), "version 1 is also defined at procedures/catalogue/commune/trich-luc-ho-tich.yaml") {
		t.Errorf("a copy as a new file: %v", err)
	}
	// An edit that breaks a rule is placed on its line and field.
	lines := strings.Split(string(src), "\n")
	at := 0
	for i, l := range lines {
		if strings.Contains(l, "amount: copies * 8000") {
			lines[i], at = strings.Replace(l, "copies * 8000", `copies * "8000"`, 1), i+1
		}
	}
	err = cat.CheckDraft("commune/trich-luc-ho-tich.yaml", []byte(strings.Join(lines, "\n")))
	if !errors.As(err, &ps) || len(ps) == 0 {
		t.Fatalf("a broken edit: %v", err)
	}
	p := ps[0]
	if p.File != "procedures/catalogue/commune/trich-luc-ho-tich.yaml" || p.Line != at || !strings.Contains(p.Path, "amount") {
		t.Errorf("problem at %s:%d %s: %s; want line %d of the edited file", p.File, p.Line, p.Path, p.Message, at)
	}
	// Not YAML at all.
	if err := cat.CheckDraft("x.yaml", []byte("kind: [Procedure")); err == nil || !strings.Contains(err.Error(), "x.yaml:1") {
		t.Errorf("not YAML: %v", err)
	}
}
