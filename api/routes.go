package api

import (
	"net/http"
)

// routes answers a path the API does not have, or a method a path does
// not take, as every other error is answered: problem+json naming what was
// asked. The mux's own answers are plain text, which a client generated
// from the OpenAPI document cannot read.
func routes(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			// Served by the mux itself, which sets the path's values.
			mux.ServeHTTP(w, r)
			return
		}
		// The mux decides between 404 and 405, and sets Allow for 405: let
		// it answer into a recorder of its status and headers only.
		rec := &statusOnly{header: http.Header{}}
		h.ServeHTTP(rec, r)
		switch rec.status {
		case http.StatusMethodNotAllowed:
			w.Header().Set("Allow", rec.header.Get("Allow"))
			problem(w, rec.status, r.Method+" "+r.URL.Path+" is not served: use "+rec.header.Get("Allow"),
				"method", r.Method+" is not one of "+rec.header.Get("Allow"))
		case http.StatusNotFound:
			problem(w, rec.status, "there is nothing at "+r.URL.Path+": the API's paths are listed at /openapi.json",
				"path", r.URL.Path+" is not a path of the API")
		default:
			// A redirect, such as to a path's form with a trailing slash.
			for k, v := range rec.header {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.status)
		}
	})
}

// statusOnly keeps what a handler answered, but its body.
type statusOnly struct {
	header http.Header
	status int
}

func (s *statusOnly) Header() http.Header { return s.header }

func (s *statusOnly) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return len(b), nil
}

func (s *statusOnly) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
}
