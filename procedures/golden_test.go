package procedures

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

var update = flag.Bool("update", false, "rewrite the golden files of checker messages")

// load checks a definition beside the test calendar, as an analyst's
// directory would hold them.
func loadTestFile(t testing.TB, name string, data []byte) error {
	t.Helper()
	cal, err := os.ReadFile("testdata/calendar.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"calendar.yaml": {Data: cal},
		name:            {Data: data},
	}
	_, err = Load(fsys, "")
	return err
}

// TestBrokenDefinitions keeps the exact words an analyst reads for each kind
// of mistake: run with -update after changing a message on purpose.
func TestBrokenDefinitions(t *testing.T) {
	files, err := filepath.Glob("testdata/broken/*.yaml")
	if err != nil || len(files) < 15 {
		t.Fatalf("want at least 15 broken definitions, found %d (%v)", len(files), err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(strings.TrimSuffix(name, ".yaml"), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			lerr := loadTestFile(t, name, data)
			if lerr == nil {
				t.Fatal("the broken definition loaded without a problem")
			}
			got := lerr.Error() + "\n"
			golden := strings.TrimSuffix(f, ".yaml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("no golden file (run with -update): %v", err)
			}
			if got != string(want) {
				t.Errorf("messages changed:\n got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestValidTestDefinitionLoads(t *testing.T) {
	data, err := os.ReadFile("testdata/valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := loadTestFile(t, "valid.yaml", data); err != nil {
		t.Fatalf("the template the broken cases are cut from must load:\n%v", err)
	}
}
