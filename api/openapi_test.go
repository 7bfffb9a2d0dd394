package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
)

// Portal integrators generate clients from these documents with tools
// nobody here wrote; two such validators must accept both of them.
func TestOpenAPIDocumentsAreValid(t *testing.T) {
	for _, path := range []string{"/openapi.json", "/openapi-3.0.json"} {
		t.Run(path, func(t *testing.T) {
			raw := call(t, http.MethodGet, path, "", nil).must(t, 200).raw
			// CI generates clients from the documents kept here.
			if dir := os.Getenv("MOTCUA_OPENAPI_OUT"); dir != "" {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, strings.TrimPrefix(path, "/")), []byte(raw), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			doc, err := libopenapi.NewDocument([]byte(raw))
			if err != nil {
				t.Fatalf("libopenapi: %v", err)
			}
			v, errs := validator.NewValidator(doc)
			if len(errs) > 0 {
				t.Fatalf("libopenapi-validator: %v", errs)
			}
			if ok, verrs := v.ValidateDocument(); !ok {
				for _, e := range verrs {
					for _, s := range e.SchemaValidationErrors {
						t.Errorf("libopenapi-validator: %s at %s (%s)", s.Reason, s.FieldPath, s.KeywordLocation)
					}
					if len(e.SchemaValidationErrors) == 0 {
						t.Errorf("libopenapi-validator: %s: %s", e.Message, e.Reason)
					}
				}
			}
			if path != "/openapi-3.0.json" {
				return // kin-openapi reads OpenAPI 3.0
			}
			loader := openapi3.NewLoader()
			spec, err := loader.LoadFromData([]byte(raw))
			if err != nil {
				t.Fatalf("kin-openapi: %v", err)
			}
			if err := spec.Validate(context.Background()); err != nil {
				t.Errorf("kin-openapi: %v", err)
			}
		})
	}
}

// What a generated client learns from the document is what the server
// does: every operation says what it does, states and outcomes are
// enumerated, lists are never null, a 503 says when to come back, and the
// document names the server it describes.
func TestOpenAPIDocumentTellsClientsEnough(t *testing.T) {
	var doc struct {
		Servers []struct{ URL string } `json:"servers"`
		Paths   map[string]map[string]struct {
			OperationID string `json:"operationId"`
			Description string `json:"description"`
			RequestBody *struct {
				Required bool                       `json:"required"`
				Content  map[string]json.RawMessage `json:"content"`
			} `json:"requestBody"`
			Responses map[string]struct {
				Headers map[string]json.RawMessage `json:"headers"`
			} `json:"responses"`
		} `json:"paths"`
		Components struct {
			Schemas map[string]struct {
				Description string                     `json:"description"`
				Properties  map[string]json.RawMessage `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	raw := call(t, http.MethodGet, "/openapi.json", "", nil).must(t, 200).raw
	if err := json.Unmarshal([]byte(raw), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Servers) == 0 {
		t.Error("no servers")
	}
	// Answers still link their schema at this server's address.
	answer := call(t, http.MethodGet, "/procedures", portal, nil).must(t, 200)
	if u, err := url.Parse(answer.str("$schema")); err != nil || u.Host == "" || !strings.HasPrefix(u.Path, "/schemas/") {
		t.Errorf("$schema %q", answer.str("$schema"))
	}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			if op.Description == "" {
				t.Errorf("%s %s (%s) has no description", strings.ToUpper(method), path, op.OperationID)
			}
			if op.RequestBody != nil {
				if !op.RequestBody.Required {
					t.Errorf("%s %s: its body is not marked required", strings.ToUpper(method), path)
				}
				for media := range op.RequestBody.Content {
					if media == "application/octet-stream" {
						t.Errorf("%s %s advertises %s, which the server refuses", strings.ToUpper(method), path, media)
					}
				}
			}
			if r, ok := op.Responses["503"]; ok {
				if _, ok := r.Headers["Retry-After"]; !ok {
					t.Errorf("%s %s: its 503 declares no Retry-After", strings.ToUpper(method), path)
				}
			}
		}
	}
	if _, ok := doc.Components.Schemas["FormFile"]; ok {
		t.Error("FormFile is declared but nothing uses it")
	}
	for name, s := range doc.Components.Schemas {
		for prop, p := range s.Properties {
			var ps struct {
				Type any `json:"type"`
			}
			_ = json.Unmarshal(p, &ps)
			if ts, ok := ps.Type.([]any); ok && slices.Contains(ts, any("array")) && slices.Contains(ts, any("null")) {
				t.Errorf("%s.%s is a nullable array; the server always sends []", name, prop)
			}
		}
	}
	enums := map[string][]string{"Projection.stage": nil, "Projection.outcome": nil, "Projection.channel": nil, "Projection.level": nil}
	for key := range enums {
		schema, prop, _ := strings.Cut(key, ".")
		var p struct {
			Enum []string `json:"enum"`
		}
		_ = json.Unmarshal(doc.Components.Schemas[schema].Properties[prop], &p)
		if len(p.Enum) == 0 {
			t.Errorf("%s has no enum", key)
		}
	}
}
