package procedures

import (
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// TestSchemaAcceptsCatalogue keeps schema.json, which editors use to check
// files as analysts type, in step with what the loader accepts: every
// shipped definition must pass it, and a few broken ones must not.
func TestSchemaAcceptsCatalogue(t *testing.T) {
	raw, err := os.ReadFile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	sub, _ := fs.Sub(catalogueFS, "catalogue")
	files := 0
	err = fs.WalkDir(sub, ".", func(name string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || path.Ext(name) != ".yaml" {
			return err
		}
		files++
		data, _ := fs.ReadFile(sub, name)
		for _, v := range yamlDocs(t, data) {
			if err := sch.Validate(v); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
		return nil
	})
	if err != nil || files < 13 {
		t.Fatalf("walked %d files: %v", files, err)
	}
	for _, broken := range []string{"bad_enum", "unknown_field", "missing_fields", "discount_both"} {
		data, err := os.ReadFile("testdata/broken/" + broken + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(yamlDocs(t, data)[0]); err == nil {
			t.Errorf("the schema accepts testdata/broken/%s.yaml", broken)
		}
	}
}

// yamlDocs converts each YAML document to the JSON data model.
func yamlDocs(t *testing.T, data []byte) []any {
	t.Helper()
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	var out []any
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			break
		}
		var v any
		if err := n.Decode(&v); err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(jsonable(v))
		if err != nil {
			t.Fatal(err)
		}
		j, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, j)
	}
	return out
}

func jsonable(v any) any {
	switch x := v.(type) {
	case time.Time:
		// An editor sees 2024-01-01 as text, as the loader reads it.
		if x.Hour() == 0 && x.Minute() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02 15:04")
	case map[string]any:
		for k, e := range x {
			x[k] = jsonable(e)
		}
	case []any:
		for i, e := range x {
			x[i] = jsonable(e)
		}
	}
	return v
}
