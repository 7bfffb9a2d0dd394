package procedures

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds the loader arbitrary files: whatever an editor saves, the
// checker answers with problems, never a panic.
func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob("testdata/broken/*.yaml")
	files = append(files, "testdata/valid.yaml", "testdata/calendar.yaml")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	cal, err := os.ReadFile("testdata/calendar.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Load(fstest.MapFS{"cal.yaml": {Data: cal}, "p.yaml": {Data: data}}, "")
	})
}
