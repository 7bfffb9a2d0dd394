package api

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"github.com/jackc/pgx/v5/pgconn"
)

// An error no handler mapped is a 500, unless it is the store restarting
// or out of reach: then the client is told to retry, with Retry-After.
func TestAStoreOutageIsRetryLater(t *testing.T) {
	mux := http.NewServeMux()
	api := humago.New(mux, huma.DefaultConfig("t", "1"))
	for path, err := range map[string]error{
		"/restarting": &pgconn.PgError{Code: "57P01", Message: "terminating connection due to administrator command"},
		"/broken":     errors.New("a bug"),
	} {
		huma.Get(api, path, func(context.Context, *struct{}) (*struct{}, error) { return nil, err })
	}
	for path, want := range map[string]int{"/restarting": 503, "/broken": 500} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != want {
			t.Errorf("%s: %d, want %d: %s", path, rec.Code, want, rec.Body)
		}
		if got := rec.Header().Get("Retry-After"); (want == 503) != (got != "") {
			t.Errorf("%s: Retry-After %q", path, got)
		}
	}
}
