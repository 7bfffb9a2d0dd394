package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"

	"github.com/danielgtaylor/huma/v2"
	"gopkg.in/yaml.v3"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/procedures"
)

func init() {
	// Lists are never null in answers (normalize makes sure), so the
	// document must not say they may be: a nullable array costs every
	// generated client a nil check it never needs.
	huma.DefaultArrayNullable = false
}

// The OpenAPI documents, in 3.1 and in 3.0 for tools that read only 3.0,
// as JSON and YAML. Huma's own serving is off: its 3.0 document keeps
// 3.1's keywords, which 3.0 validators refuse.
const (
	openAPIPath   = "/openapi.json"
	openAPIYAML   = "/openapi.yaml"
	openAPI30Path = "/openapi-3.0.json"
	openAPI30YAML = "/openapi-3.0.yaml"
)

// registerOpenAPI polishes the document of api, whose operations are all
// registered, and serves it. The polish changes Huma's model before any
// request is served, since Huma reads it while serving; what must not
// change the server's behaviour is taken out of the written documents
// only.
func registerOpenAPI(mux *http.ServeMux, api huma.API) {
	o := api.OpenAPI()
	polish(o)
	var (
		once sync.Once
		docs map[string][]byte
		err  error
	)
	build := func() {
		docs = map[string][]byte{}
		if docs[openAPIPath], err = written(o, false); err != nil {
			return
		}
		if docs[openAPI30Path], err = written(o, true); err != nil {
			return
		}
		for j, y := range map[string]string{openAPIPath: openAPIYAML, openAPI30Path: openAPI30YAML} {
			if docs[y], err = toYAML(docs[j]); err != nil {
				return
			}
		}
	}
	for _, path := range []string{openAPIPath, openAPIYAML, openAPI30Path, openAPI30YAML} {
		media := "application/openapi+json"
		if strings.HasSuffix(path, ".yaml") {
			media = "application/openapi+yaml"
		}
		mux.HandleFunc("GET "+path, func(w http.ResponseWriter, r *http.Request) {
			once.Do(build)
			if err != nil {
				problem(w, http.StatusInternalServerError, "the OpenAPI document could not be built: "+err.Error(), "", "")
				return
			}
			w.Header().Set("Content-Type", media)
			w.Write(docs[path])
		})
	}
}

// polish makes the document say what the server does, for clients
// generated from it.
func polish(o *huma.OpenAPI) {
	for _, item := range o.Paths {
		for _, op := range []*huma.Operation{item.Get, item.Post, item.Put, item.Patch, item.Delete} {
			if op != nil {
				polishOperation(op)
			}
		}
	}
	if o.Components != nil && o.Components.Schemas != nil {
		for name, s := range o.Components.Schemas.Map() {
			enumerate(s)
			if d, ok := schemaDocs[name]; ok && s.Description == "" {
				s.Description = d
			}
		}
	}
}

// polishOperation fixes what Huma infers from the Go types but the server
// does not do.
func polishOperation(op *huma.Operation) {
	if rb := op.RequestBody; rb != nil {
		// A raw body kept beside the parsed one (to fingerprint it, or to
		// check a signature over it) makes Huma also offer
		// application/octet-stream, which the server answers with 415.
		if rb.Content["application/json"] != nil {
			delete(rb.Content, "application/octet-stream")
		}
		// Every body the API takes is needed; Huma leaves a multipart form
		// optional.
		rb.Required = true
		if op.Responses["415"] == nil {
			op.Responses["415"] = problemResponse("The body is not of a media type this operation takes.")
		}
	}
	for _, status := range []string{"409", "429", "503"} {
		if r := op.Responses[status]; r != nil {
			if r.Headers == nil {
				r.Headers = map[string]*huma.Param{}
			}
			r.Headers["Retry-After"] = &huma.Param{Description: "Seconds to wait before trying again.",
				Schema: &huma.Schema{Type: "integer", Minimum: new(float64)}}
		}
	}
	if ex, ok := requestExamples[op.OperationID]; ok && op.RequestBody != nil {
		if mt := op.RequestBody.Content["application/json"]; mt != nil {
			mt.Example = ex
		}
	}
}

// problemResponse is an RFC 9457 problem answer.
func problemResponse(description string) *huma.Response {
	return &huma.Response{Description: description, Content: map[string]*huma.MediaType{
		"application/problem+json": {Schema: &huma.Schema{Ref: "#/components/schemas/ErrorModel"}}}}
}

// enumerate lists the values a dossier's stage, outcome, channel and
// level can take wherever a schema has them, from the lists the code
// itself uses.
func enumerate(s *huma.Schema) {
	for name, p := range s.Properties {
		if p.Type != "string" || len(p.Enum) > 0 {
			continue
		}
		switch name {
		case "stage":
			p.Enum = values(model.Stages)
		case "outcome":
			p.Enum = values(model.Outcomes)
		case "channel":
			p.Enum = values(procedures.Channels)
		case "level":
			p.Enum = values(procedures.Levels)
		}
	}
}

// values is a list of codes as a schema's enum.
func values[T ~string](codes []T) []any {
	out := make([]any, len(codes))
	for i, c := range codes {
		out[i] = string(c)
	}
	return out
}

// written is the document as served: in 3.1, or downgraded to 3.0 by
// Huma without the 3.1 keywords it keeps (contentMediaType,
// contentEncoding), which 3.0 says with format: binary. Both leave out
//   - the multipart form's field encodings, which not every generator
//     reads (ogen: "form content encoding is not implemented"), while the
//     server reads a file's type from its content anyway;
//   - component schemas nothing refers to, such as the one Huma makes for
//     a form's file type.
//
// Huma's model keeps both, since it serves forms by them.
func written(o *huma.OpenAPI, v30 bool) ([]byte, error) {
	var b []byte
	var err error
	if v30 {
		b, err = o.Downgrade()
	} else {
		b, err = json.Marshal(o)
	}
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	// The server a client reaches is the one it read the document from.
	// Only the written document says so: Huma builds answers' $schema
	// links from its model's first server, and "/" has no host.
	doc["servers"] = []any{map[string]any{"url": "/", "description": "The motcua server this document was read from."}}
	walk(doc, func(m map[string]any) {
		if form, ok := m["multipart/form-data"].(map[string]any); ok {
			delete(form, "encoding")
		}
		if v30 {
			delete(m, "contentMediaType")
			delete(m, "contentEncoding")
		}
	})
	dropUnused(doc)
	return json.Marshal(doc)
}

// walk calls f on every object of a JSON document.
func walk(v any, f func(map[string]any)) {
	switch x := v.(type) {
	case map[string]any:
		f(x)
		for _, e := range x {
			walk(e, f)
		}
	case []any:
		for _, e := range x {
			walk(e, f)
		}
	}
}

// dropUnused removes the component schemas nothing refers to, until none
// is left.
func dropUnused(doc map[string]any) {
	components, _ := doc["components"].(map[string]any)
	schemas, _ := components["schemas"].(map[string]any)
	for {
		b, err := json.Marshal(doc)
		if err != nil {
			return
		}
		removed := false
		for name := range schemas {
			if !strings.Contains(string(b), `"#/components/schemas/`+name+`"`) {
				delete(schemas, name)
				removed = true
			}
		}
		if !removed {
			return
		}
	}
}

func toYAML(j []byte) ([]byte, error) {
	var v any
	if err := yaml.Unmarshal(j, &v); err != nil { // JSON is YAML
		return nil, err
	}
	return yaml.Marshal(v)
}
