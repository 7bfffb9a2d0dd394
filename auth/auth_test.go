package auth

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

func TestTokensFile(t *testing.T) {
	tok := DemoTokens()
	p, err := tok.Verify(context.Background(), "demo-officer-xa-0004")
	if err != nil || p.Role != Officer || p.Agency != "ubnd-xa-thach-ha" {
		t.Errorf("officer = %+v, %v", p, err)
	}
	if _, err := tok.Verify(context.Background(), "demo-officer-xa-0005"); !errors.Is(err, ErrUnknownToken) {
		t.Errorf("wrong token: %v", err)
	}
	for src, want := range map[string]string{
		"tokens:\n  - {token: abcdefghijklmnopq, subject: s, role: king}\n":        "tokens[0]: role must be one of",
		"tokens:\n  - {token: short, subject: s, role: analyst}\n":                 "tokens[0].token: must be at least 16",
		"tokens:\n  - {token: abcdefghijklmnopq, subject: s, role: officer}\n":     "tokens[0]: an officer needs an agency",
		"tokens:\n  - {token: abcdefghijklmnopq, subject: s, role: analyst, x: 1}": "field x not found",
	} {
		if _, err := ParseTokens("t.yaml", []byte(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", src, err, want)
		}
	}
}

// provider is an OpenID Connect provider on loopback: discovery and keys.
func provider(t *testing.T, key *rsa.PrivateKey) string {
	t.Helper()
	var srv *httptest.Server
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, _ *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"issuer": srv.URL, "jwks_uri": srv.URL + "/keys",
			"id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("/keys", func(w http.ResponseWriter, _ *http.Request) {
		json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

func sign(t *testing.T, key *rsa.PrivateKey, c any) string {
	t.Helper()
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key}, (&jose.SignerOptions{}).WithHeader("kid", "k1"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := jwt.Signed(s).Claims(c).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestOIDC(t *testing.T) {
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	issuer := provider(t, key)
	ctx := context.Background()
	v, err := NewOIDC(ctx, issuer, "motcua")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	base := func(aud string, exp time.Time) map[string]any {
		return map[string]any{"iss": issuer, "sub": "u1", "aud": aud, "exp": exp.Unix(), "iat": now.Unix(),
			"motcua_role": "officer", "motcua_agency": "ubnd-xa-a", "motcua_duties": []string{"receiver"}}
	}
	p, err := v.Verify(ctx, sign(t, key, base("motcua", now.Add(time.Hour))))
	if err != nil || p.Subject != "u1" || p.Role != Officer || p.Agency != "ubnd-xa-a" || !p.MayDo("receiver") || p.MayDo("director") {
		t.Errorf("valid token = %+v, %v", p, err)
	}
	// A unit the directory does not know is refused at login, named.
	v.Known = func(code string) bool { return code == "ubnd-xa-a" }
	if _, err := v.Verify(ctx, sign(t, key, base("motcua", now.Add(time.Hour)))); err != nil {
		t.Errorf("a known unit: %v", err)
	}
	elsewhere := base("motcua", now.Add(time.Hour))
	elsewhere["motcua_agency"] = "ubnd-xa-khong-co"
	if _, err := v.Verify(ctx, sign(t, key, elsewhere)); !errors.Is(err, ErrBadJWT) || !strings.Contains(err.Error(), `"ubnd-xa-khong-co"`) {
		t.Errorf("an unknown unit: %v", err)
	}
	noRole := base("motcua", now.Add(time.Hour))
	delete(noRole, "motcua_role")
	for name, tok := range map[string]string{
		"expired":      sign(t, key, base("motcua", now.Add(-time.Hour))),
		"other aud":    sign(t, key, base("someone-else", now.Add(time.Hour))),
		"forged":       sign(t, other, base("motcua", now.Add(time.Hour))),
		"without role": sign(t, key, noRole),
	} {
		if _, err := v.Verify(ctx, tok); !errors.Is(err, ErrBadJWT) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A chain falls through to the static tokens for what is not a JWT.
	chain := Chain{v, DemoTokens()}
	if p, err := chain.Verify(ctx, "demo-supervisor-0007"); err != nil || p.Role != Supervisor {
		t.Errorf("chain = %+v, %v", p, err)
	}
}

// A tokens file that names a unit the directory does not know is refused
// at start, every such entry named.
func TestTokensNameKnownUnits(t *testing.T) {
	tk, err := ParseTokens("tokens.yaml", []byte(`tokens:
  - {token: officer-token-0000001, subject: a, role: officer, agency: ubnd-xa-a}
  - {token: officer-token-0000002, subject: b, role: officer, agency: ubnd-xa-typo}
  - {token: supervisor-token-0003, subject: c, role: supervisor, agency: huyen-typo}
  - {token: supervisor-token-0004, subject: d, role: supervisor}
`))
	if err != nil {
		t.Fatal(err)
	}
	err = tk.CheckUnits(func(code string) bool { return code == "ubnd-xa-a" })
	if err == nil || !strings.Contains(err.Error(), `tokens.yaml: tokens[1].agency: there is no unit "ubnd-xa-typo"`) ||
		!strings.Contains(err.Error(), `tokens[2].agency: there is no unit "huyen-typo"`) || strings.Contains(err.Error(), "tokens[0]") {
		t.Errorf("got %v", err)
	}
	if err := DemoTokens().CheckUnits(func(string) bool { return true }); err != nil {
		t.Error(err)
	}
}
