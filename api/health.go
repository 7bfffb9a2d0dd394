package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// Health serves /healthz and /readyz alone, for a worker, which has no
// API but is watched by the same orchestrator.
func (s *Server) Health() http.Handler {
	mux := http.NewServeMux()
	s.registerHealth(mux)
	return mux
}

// registerHealth serves /healthz, which answers while the process runs,
// and /readyz, which answers 200 only when Temporal and the store do, so
// that a load balancer sends no work to an instance that cannot do it.
func (s *Server) registerHealth(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"status":"ok"}` + "\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		checks := map[string]string{"temporal": "ok", "store": "ok"}
		code := http.StatusOK
		if _, err := s.Temporal.CheckHealth(ctx, nil); err != nil {
			checks["temporal"], code = "unavailable", http.StatusServiceUnavailable
		}
		if err := s.Store.Ping(ctx); err != nil {
			checks["store"], code = "unavailable", http.StatusServiceUnavailable
		}
		w.Header().Set("Content-Type", "application/json")
		if code != http.StatusOK {
			w.Header().Set("Retry-After", "5")
		}
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(checks)
	})
}
