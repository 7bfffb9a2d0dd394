package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/coreos/go-oidc/v3/oidc"
)

// OIDC verifies JWTs issued by an OpenID Connect provider, such as the
// province's single sign-on: signature against the provider's published
// keys, issuer, audience and expiry, then motcua's claims.
type OIDC struct {
	verifier *oidc.IDTokenVerifier
	// Known, when set, refuses a token whose motcua_agency names a unit
	// the directory does not know.
	Known func(code string) bool
}

// claims are motcua's claims in a token.
type claims struct {
	Name      string   `json:"name"`
	Role      Role     `json:"motcua_role"`
	Agency    string   `json:"motcua_agency"`
	CitizenID string   `json:"citizen_id"`
	Duties    []string `json:"motcua_duties"`
}

// NewOIDC discovers the provider at issuer and verifies tokens meant for
// audience.
func NewOIDC(ctx context.Context, issuer, audience string) (*OIDC, error) {
	provider, err := oidc.NewProvider(ctx, issuer)
	if err != nil {
		return nil, fmt.Errorf("oidc: %w", err)
	}
	return &OIDC{verifier: provider.Verifier(&oidc.Config{ClientID: audience})}, nil
}

// Verify implements Verifier. A string that is not a JWT is left to the
// next verifier; a JWT that fails verification is refused.
func (o *OIDC) Verify(ctx context.Context, token string) (Principal, error) {
	if strings.Count(token, ".") != 2 {
		return Principal{}, ErrUnknownToken
	}
	t, err := o.verifier.Verify(ctx, token)
	if err != nil {
		return Principal{}, fmt.Errorf("%w: %v", ErrBadJWT, err)
	}
	var c claims
	if err := t.Claims(&c); err != nil {
		return Principal{}, fmt.Errorf("%w: %v", ErrBadJWT, err)
	}
	p := Principal{Subject: t.Subject, Name: c.Name, Role: c.Role, Agency: c.Agency, CitizenID: c.CitizenID, Duties: c.Duties}
	if err := p.check(); err != nil {
		return Principal{}, fmt.Errorf("%w: %v", ErrBadJWT, err)
	}
	if p.Agency != "" && o.Known != nil && !o.Known(p.Agency) {
		return Principal{}, fmt.Errorf("%w: motcua_agency names unit %q, which is not in the directory", ErrBadJWT, p.Agency)
	}
	return p, nil
}

// ErrBadJWT is a JWT that is expired, forged, meant for someone else, or
// lacks motcua's claims.
var ErrBadJWT = errors.New("the token was refused")
