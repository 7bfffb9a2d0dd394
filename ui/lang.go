package ui

import (
	"net/http"
	"net/url"
)

// Lang is the language a page is shown in: Vietnamese by default, or
// English.
type Lang string

// The languages.
const (
	Vietnamese Lang = "vi"
	English    Lang = "en"
)

// langCookie keeps the language a person chose.
const langCookie = "__Host-motcua-lang"

// T is the text of a message in the language; a key with no message is
// shown as itself, so that a missing one is seen, not hidden.
func (l Lang) T(key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	if l == English {
		return m[1]
	}
	return m[0]
}

// langOf is the language of a request: ?lang= when given, which is then
// remembered, or the one remembered, or Vietnamese.
func langOf(w http.ResponseWriter, r *http.Request) Lang {
	switch q := Lang(r.URL.Query().Get("lang")); q {
	case Vietnamese, English:
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(q), Path: "/", MaxAge: 365 * 24 * 3600,
			Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
		return q
	}
	if c, err := r.Cookie(langCookie); err == nil && Lang(c.Value) == English {
		return English
	}
	return Vietnamese
}

// switchTo is the page's own address in the other language.
func switchTo(r *http.Request, l Lang) string {
	q := r.URL.Query()
	q.Set("lang", string(l))
	u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
	return u.String()
}

// Word is a code, such as a timeline action (ev_) or a stage (st_), in
// words, or the code itself when it has none.
func (l Lang) Word(prefix, code string) string {
	if _, ok := messages[prefix+code]; ok {
		return l.T(prefix + code)
	}
	return code
}
