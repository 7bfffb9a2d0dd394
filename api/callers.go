package api

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/store"
)

// bearer is the security requirement of every operation that needs a caller.
var bearer = []map[string][]string{{"bearer": {}}}

// authenticate reads the bearer token, when there is one, and puts the
// caller in the context. Operations decide who may call them.
func (s *Server) authenticate(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		h := ctx.Header("Authorization")
		if h == "" {
			if len(ctx.Operation().Security) > 0 {
				// Refused before the body is read: an anonymous request
				// costs the server a few hundred bytes, whatever it sends.
				ctx.SetHeader("WWW-Authenticate", `Bearer realm="motcua"`)
				huma.WriteErr(api, ctx, 401, "this needs a bearer token",
					&huma.ErrorDetail{Location: "header.Authorization", Message: "missing"})
				return
			}
			next(ctx)
			return
		}
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			ctx.SetHeader("WWW-Authenticate", `Bearer realm="motcua"`)
			huma.WriteErr(api, ctx, 401, "the Authorization header must be \"Bearer <token>\"")
			return
		}
		p, err := s.Auth.Verify(ctx.Context(), strings.TrimSpace(token))
		if err != nil {
			msg := "the bearer token is not valid"
			if errors.Is(err, auth.ErrBadJWT) {
				msg = err.Error()
			}
			ctx.SetHeader("WWW-Authenticate", `Bearer realm="motcua", error="invalid_token"`)
			huma.WriteErr(api, ctx, 401, msg)
			return
		}
		next(huma.WithValue(ctx, principalKey{}, p))
	}
}

type principalKey struct{}

// caller returns who is calling, refusing anyone without one of roles.
func caller(ctx context.Context, roles ...auth.Role) (auth.Principal, error) {
	p, ok := ctx.Value(principalKey{}).(auth.Principal)
	if !ok {
		return p, huma.ErrorWithHeaders(huma.Error401Unauthorized("this needs a bearer token"),
			http.Header{"WWW-Authenticate": {`Bearer realm="motcua"`}})
	}
	if !p.Has(roles...) {
		return p, huma.Error403Forbidden(withArticle(string(p.Role)) + " may not do this")
	}
	return p, nil
}

// mayRead checks that the caller may see a dossier: a citizen their own,
// an officer their unit's, a supervisor those of the units they watch;
// portals see all.
func (s *Server) mayRead(p auth.Principal, d model.Projection) error {
	switch p.Role {
	case auth.Citizen:
		if d.Applicant != p.CitizenID {
			return huma.Error403Forbidden("this dossier is not yours")
		}
	case auth.Officer:
		if d.Agency != p.Agency {
			return huma.Error403Forbidden("this dossier belongs to another agency")
		}
	case auth.Supervisor:
		if !s.watches(p, d.Agency) {
			return huma.Error403Forbidden("this dossier belongs to a unit outside " + s.Catalogue.Units().Name(p.Agency))
		}
	case auth.Portal:
	default:
		return huma.Error403Forbidden(withArticle(string(p.Role)) + " may not see dossiers")
	}
	return nil
}

// dossierFor loads a dossier's record and checks the caller may act as one
// of roles on it.
func (s *Server) dossierFor(ctx context.Context, code string, roles ...auth.Role) (auth.Principal, model.Projection, error) {
	p, err := caller(ctx, roles...)
	if err != nil {
		return p, model.Projection{}, err
	}
	d, err := s.Store.Dossier(ctx, code)
	if errors.Is(err, store.ErrNotFound) {
		return p, d, huma.Error404NotFound("there is no dossier " + code)
	}
	if err != nil {
		return p, d, s.storeError(ctx, err)
	}
	return p, d, s.mayRead(p, d)
}

// storeError answers a store that failed: 503, since it is most often a
// database that is restarting.
func (s *Server) storeError(ctx context.Context, err error) error {
	if store.Unavailable(err) {
		s.Log.WarnContext(ctx, "store unavailable", "err", err)
	} else {
		s.Log.ErrorContext(ctx, "store", "err", err)
	}
	return unavailable()
}

// withArticle puts "a" or "an" before a role's name: "an analyst", "a
// supervisor".
func withArticle(role string) string {
	if role != "" && strings.ContainsRune("aeiou", rune(role[0])) {
		return "an " + role
	}
	return "a " + role
}
