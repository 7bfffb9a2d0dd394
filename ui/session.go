package ui

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/motcua/motcua/auth"
)

// sessionCookie is the login. The __Host- prefix makes browsers accept it
// only with Secure, from this host, for every path: no subdomain can set
// or read it.
const sessionCookie = "__Host-motcua-session"

// loginCookie carries the login form's CSRF token before there is a
// session to bind one to.
const loginCookie = "__Host-motcua-login"

// session is what the cookie seals: the token the person logged in with,
// checked again on every request, and a random ID that CSRF tokens are
// bound to.
type session struct {
	Token   string    `json:"t"`
	ID      string    `json:"i"`
	Expires time.Time `json:"e"`
}

// sealer seals cookies with AES-256-GCM, so that they can be neither read
// nor forged without the key.
type sealer struct{ aead cipher.AEAD }

func newSealer(key []byte) sealer {
	block, err := aes.NewCipher(key)
	if err != nil {
		panic(err) // Derive always gives 32 bytes
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return sealer{aead}
}

func (s sealer) seal(v session) string {
	plain, _ := json.Marshal(v)
	nonce := make([]byte, s.aead.NonceSize())
	rand.Read(nonce)
	return base64.RawURLEncoding.EncodeToString(s.aead.Seal(nonce, nonce, plain, []byte(sessionCookie)))
}

func (s sealer) open(text string) (session, error) {
	var v session
	b, err := base64.RawURLEncoding.DecodeString(text)
	if err != nil || len(b) < s.aead.NonceSize() {
		return v, errors.New("malformed session")
	}
	plain, err := s.aead.Open(nil, b[:s.aead.NonceSize()], b[s.aead.NonceSize():], []byte(sessionCookie))
	if err != nil {
		return v, errors.New("forged session")
	}
	return v, json.Unmarshal(plain, &v)
}

// viewer is who is looking at a page.
type viewer struct {
	auth.Principal
	csrf string
}

type viewerKey struct{}

// allow serves a page to a logged-in person holding one of roles. Anyone
// else is sent to the login page, or told the page is not for them. A
// form posted to it must carry the session's CSRF token and come from this
// site.
func (p *Pages) allow(page http.HandlerFunc, roles ...auth.Role) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, ok := p.viewer(r)
		if !ok {
			http.Redirect(w, r, "/ui/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if !slices.Contains(roles, v.Role) {
			p.fail(w, r.WithContext(context.WithValue(r.Context(), viewerKey{}, v)), http.StatusForbidden, "forbidden_role", string(v.Role))
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), viewerKey{}, v))
		if r.Method == http.MethodPost && !p.sameSite(r, v.csrf) {
			p.fail(w, r, http.StatusForbidden, "csrf", "")
			return
		}
		page(w, r)
	})
}

// viewer reads the session cookie and checks its token again.
func (p *Pages) viewer(r *http.Request) (viewer, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return viewer{}, false
	}
	s, err := p.seal.open(c.Value)
	if err != nil || p.Now().After(s.Expires) {
		return viewer{}, false
	}
	who, err := p.Auth.Verify(r.Context(), s.Token)
	if err != nil {
		return viewer{}, false
	}
	return viewer{Principal: who, csrf: p.csrfToken(s.ID)}, true
}

// viewerOf is the person looking at the page, once allow has let them in.
func viewerOf(r *http.Request) (viewer, bool) {
	v, ok := r.Context().Value(viewerKey{}).(viewer)
	return v, ok
}

// csrfToken binds a form to one login: an HMAC of the session's ID.
func (p *Pages) csrfToken(id string) string {
	m := hmac.New(sha256.New, p.csrfKey)
	m.Write([]byte(id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// sameSite checks that a posted form comes from these pages: its Origin,
// when the browser sends one, is this host, and it carries the expected
// CSRF token.
func (p *Pages) sameSite(r *http.Request, want string) bool {
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return false
		}
	}
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return false
	}
	got := r.PostFormValue("csrf")
	return got != "" && hmac.Equal([]byte(got), []byte(want))
}

// setCookie sets a cookie with the flags every cookie here has.
func setCookie(w http.ResponseWriter, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
}

func (p *Pages) loginForm(w http.ResponseWriter, r *http.Request) {
	token := rand.Text()
	setCookie(w, loginCookie, token, 600)
	p.render(w, r, http.StatusOK, "login", map[string]any{"CSRF": token, "Next": safeNext(r.URL.Query().Get("next"))})
}

// login checks the token given and, for a supervisor or an analyst,
// starts a session. Other roles use the API, not these pages.
func (p *Pages) login(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(loginCookie)
	if err != nil || !p.sameSite(r, c.Value) {
		p.fail(w, r, http.StatusForbidden, "csrf", "")
		return
	}
	next := safeNext(r.PostFormValue("next"))
	token := strings.TrimSpace(r.PostFormValue("token"))
	again := func(status int, problem string) {
		fresh := rand.Text()
		setCookie(w, loginCookie, fresh, 600)
		p.render(w, r, status, "login", map[string]any{"CSRF": fresh, "Next": next, "Problem": problem})
	}
	who, err := p.Auth.Verify(r.Context(), token)
	switch {
	case token == "":
		again(http.StatusUnprocessableEntity, "token_missing")
		return
	case err != nil:
		again(http.StatusUnauthorized, "token_bad")
		return
	case who.Role != auth.Supervisor && who.Role != auth.Analyst && who.Role != auth.Finance:
		again(http.StatusForbidden, "token_role")
		return
	}
	s := session{Token: token, ID: rand.Text(), Expires: p.Now().Add(p.SessionTTL)}
	setCookie(w, sessionCookie, p.seal.seal(s), int(p.SessionTTL/time.Second))
	setCookie(w, loginCookie, "", -1)
	if next == "/ui/" && who.Role == auth.Analyst {
		next = "/ui/catalogue"
	}
	if next == "/ui/" && who.Role == auth.Finance {
		next = "/ui/money"
	}
	p.Log.Info("ui login", "subject", who.Subject, "role", who.Role)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (p *Pages) logout(w http.ResponseWriter, r *http.Request) {
	setCookie(w, sessionCookie, "", -1)
	http.Redirect(w, r, "/ui/login", http.StatusSeeOther)
}

// safeNext keeps a redirect after login on these pages.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/ui/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/ui/"
	}
	return next
}
