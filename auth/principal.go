// Package auth tells who is calling: bearer tokens from a file for the
// embedded default, OpenID Connect JWTs for production, and the roles and
// scopes that decide what each caller may see and do.
package auth

import (
	"context"
	"errors"
	"slices"
)

// Role is what a caller is to motcua.
type Role string

// The roles.
const (
	// Citizen files and follows their own dossiers.
	Citizen Role = "citizen"
	// Portal is the public service portal, filing for any citizen.
	Portal Role = "portal"
	// Officer works the dossiers of one agency.
	Officer Role = "officer"
	// Supervisor watches the dossiers and rates of the whole province, or
	// of one unit and everything under it.
	Supervisor Role = "supervisor"
	// Analyst writes and checks procedure definitions.
	Analyst Role = "analyst"
	// Finance is the finance office: it sees the ledger, and the money
	// that reached no dossier and was refunded.
	Finance Role = "finance"
)

// Roles lists every role.
var Roles = []Role{Citizen, Portal, Officer, Supervisor, Analyst, Finance}

// Principal is an authenticated caller.
type Principal struct {
	Subject string `yaml:"subject" json:"subject"`
	Name    string `yaml:"name" json:"name,omitempty"`
	Role    Role   `yaml:"role" json:"role"`
	// Agency is the unit an officer works for, or the unit a supervisor
	// watches with every unit under it (empty: the whole province).
	Agency string `yaml:"agency" json:"agency,omitempty"`
	// CitizenID is a citizen's ID number: the applicant they may file as.
	CitizenID string `yaml:"citizen_id" json:"citizen_id,omitempty"`
	// Duties are the step roles an officer may complete, such as receiver
	// or director; empty allows every step of the agency.
	Duties []string `yaml:"duties" json:"duties,omitempty"`
}

// Has reports whether the principal has one of the roles.
func (p Principal) Has(roles ...Role) bool { return slices.Contains(roles, p.Role) }

// MayDo reports whether an officer may complete a step done by duty.
func (p Principal) MayDo(duty string) bool {
	return len(p.Duties) == 0 || slices.Contains(p.Duties, duty)
}

// Verifier turns a bearer token into a principal.
type Verifier interface {
	Verify(ctx context.Context, token string) (Principal, error)
}

// ErrUnknownToken is a token no verifier accepts.
var ErrUnknownToken = errors.New("the bearer token is not valid")

// Chain tries verifiers in order and returns the first principal found.
type Chain []Verifier

// Verify implements Verifier.
func (c Chain) Verify(ctx context.Context, token string) (Principal, error) {
	for _, v := range c {
		p, err := v.Verify(ctx, token)
		if err == nil {
			return p, nil
		}
		if !errors.Is(err, ErrUnknownToken) {
			return Principal{}, err
		}
	}
	return Principal{}, ErrUnknownToken
}

type ctxKey struct{}

// With returns a context carrying the principal.
func With(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// From returns the principal of a context.
func From(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(ctxKey{}).(Principal)
	return p, ok
}

// check validates a principal as configured.
func (p Principal) check() error {
	switch {
	case p.Subject == "":
		return errors.New("subject is required")
	case !slices.Contains(Roles, p.Role):
		return errors.New("role must be one of citizen, portal, officer, supervisor, analyst")
	case p.Role == Officer && p.Agency == "":
		return errors.New("an officer needs an agency")
	case p.Role == Citizen && p.CitizenID == "":
		return errors.New("a citizen needs a citizen_id")
	}
	return nil
}
