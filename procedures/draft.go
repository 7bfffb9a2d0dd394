package procedures

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing/fstest"
)

// CheckDraft checks a definition an analyst has not yet put in the
// catalogue, as the catalogue would load it: beside its calendars and its
// other procedures, so that an unknown calendar or a version that overlaps
// one in force is caught too. A draft named like a file of the catalogue
// (commune/thuong-tru.yaml) stands in for that file, to check an edit; any
// other name is checked as an addition. It returns nil when the catalogue
// would load with the draft, and Problems otherwise, each naming the file,
// line and column.
func (c *Catalogue) CheckDraft(name string, draft []byte) error {
	if c.source == nil {
		return fmt.Errorf("the catalogue was not loaded from files")
	}
	name = path.Clean(strings.TrimPrefix(strings.TrimSpace(name), "/"))
	if name == "." || name == "" {
		name = "draft.yaml"
	}
	if ext := path.Ext(name); ext != ".yaml" && ext != ".yml" {
		name += ".yaml"
	}
	files := fstest.MapFS{}
	err := fs.WalkDir(c.source, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(c.source, p)
		files[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		return fmt.Errorf("read the catalogue: %w", err)
	}
	files[name] = &fstest.MapFile{Data: draft}
	_, err = Load(files, c.prefix)
	return err
}
