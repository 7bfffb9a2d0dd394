package api

import (
	"net/http"

	"github.com/swaggest/swgui/v5emb"
)

// registerDocs serves the API's documentation page at /docs, with Swagger
// UI's assets embedded in the binary: Huma's own page loads them from a
// CDN, which the offices' networks often cannot reach.
func registerDocs(mux *http.ServeMux) {
	mux.Handle("/docs/", v5emb.New("motcua API", "/openapi.json", "/docs/"))
	mux.Handle("GET /docs", http.RedirectHandler("/docs/", http.StatusMovedPermanently))
}
