package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestProbeExitsZeroOnlyOn200(t *testing.T) {
	ready := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if !ready {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	if code := run([]string{"probe", srv.URL + "/readyz"}, io.Discard, io.Discard); code != 0 {
		t.Fatalf("a ready service: exit %d", code)
	}
	ready = false
	var stderr strings.Builder
	if code := run([]string{"probe", srv.URL + "/readyz"}, io.Discard, &stderr); code != 1 || !strings.Contains(stderr.String(), "503") {
		t.Fatalf("an unready service: exit %d, %s", code, stderr.String())
	}
	srv.Close()
	if code := run([]string{"probe", srv.URL}, io.Discard, io.Discard); code != 1 {
		t.Fatalf("nobody listening: exit %d", code)
	}
	if code := run([]string{"probe"}, io.Discard, io.Discard); code != 2 {
		t.Fatalf("no URL: exit %d", code)
	}
}
