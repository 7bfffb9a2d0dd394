package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// A path the API does not have, and a method a path does not take, are
// answered as every other error is: problem+json naming what was asked,
// with Allow listing the methods the path takes.
func TestUnknownRoutesAreProblems(t *testing.T) {
	r := call(t, http.MethodGet, "/no-such-thing", supervisor, nil)
	problem(t, r, http.StatusNotFound, "path")
	if !strings.Contains(r.raw, "/no-such-thing") {
		t.Errorf("404 does not name the path: %s", r.raw)
	}
	r = call(t, http.MethodDelete, "/procedures", supervisor, nil)
	problem(t, r, http.StatusMethodNotAllowed, "method")
	if allow := r.header.Get("Allow"); !strings.Contains(allow, "GET") {
		t.Errorf("405 Allow = %q", allow)
	}
}

// Every 401 says how to authenticate.
func TestEvery401SaysHowToAuthenticate(t *testing.T) {
	for _, path := range []string{"/dossiers", "/supervision/late", "/payments/unapplied"} {
		r := call(t, http.MethodGet, path, "", nil)
		if r.status != http.StatusUnauthorized || !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("GET %s without a token: %d, WWW-Authenticate %q", path, r.status, r.header.Get("WWW-Authenticate"))
		}
	}
}
