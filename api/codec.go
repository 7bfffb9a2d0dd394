package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"go.temporal.io/sdk/converter"

	"github.com/motcua/motcua/auth"
)

// maxCodecBody bounds what the Web UI may send the codec endpoint at once:
// the payloads of one history page.
const maxCodecBody = 8 << 20

// codecHandler serves /codec/encode and /codec/decode in the protocol of
// Temporal's remote codec, for the Temporal Web UI: payloads in Temporal
// are sealed, and only a supervisor, through a UI whose origin is listed,
// may open them. The UI sends the user's token when configured with
// TEMPORAL_CODEC_PASS_ACCESS_TOKEN.
func (s *Server) codecHandler() http.Handler {
	inner := http.StripPrefix("/codec", converter.NewPayloadCodecHTTPHandler(s.Codec))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		allowed := origin != "" && slices.Contains(s.CodecOrigins, origin)
		w.Header().Add("Vary", "Origin")
		if allowed {
			h := w.Header()
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Allow-Credentials", "true")
			h.Set("Access-Control-Allow-Methods", "POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Namespace")
			h.Set("Access-Control-Max-Age", "600")
		}
		if origin != "" && !allowed {
			problem(w, http.StatusForbidden, fmt.Sprintf("the origin %s may not call the codec endpoint; list it in MOTCUA_CODEC_ORIGINS", origin), "header.Origin", "origin not allowed")
			return
		}
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok {
			problem(w, http.StatusUnauthorized, "the codec endpoint needs a supervisor's bearer token", "header.Authorization", "missing")
			return
		}
		p, err := s.Auth.Verify(r.Context(), strings.TrimSpace(token))
		if err != nil {
			problem(w, http.StatusUnauthorized, "the bearer token is not valid", "header.Authorization", "not valid")
			return
		}
		if !p.Has(auth.Supervisor) {
			problem(w, http.StatusForbidden, "a "+string(p.Role)+" may not read Temporal's payloads", "header.Authorization", "not a supervisor")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxCodecBody)
		inner.ServeHTTP(w, r)
	})
}

// problem writes an RFC 9457 problem outside Huma, for handlers that speak
// another protocol on success.
func problem(w http.ResponseWriter, status int, detail, location, message string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(huma.ErrorModel{Title: http.StatusText(status), Status: status, Detail: detail,
		Errors: []*huma.ErrorDetail{{Location: location, Message: message}}})
}
