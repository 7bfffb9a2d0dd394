package ui_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// noFollow is a client that shows redirects instead of following them.
var noFollow = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// answer is an HTTP answer read whole.
type answer struct {
	status int
	header http.Header
	body   string
}

// fetch sends a request to the pages with the cookies given.
func fetch(t *testing.T, method, path string, form url.Values, cookies map[string]string, headers ...string) answer {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, uiBase+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for name, value := range cookies {
		req.AddCookie(&http.Cookie{Name: name, Value: value})
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := noFollow.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return answer{res.StatusCode, res.Header, string(b)}
}

// cookie returns the Set-Cookie of a name in an answer.
func (a answer) cookie(name string) *http.Cookie {
	for _, c := range (&http.Response{Header: a.header}).Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf is the CSRF token a page's form carries.
func (a answer) csrf(t *testing.T) string {
	t.Helper()
	m := csrfField.FindStringSubmatch(a.body)
	if m == nil {
		t.Fatalf("no CSRF token in the page: %.300s", a.body)
	}
	return m[1]
}

// login logs in with a token as a browser would, and returns the answer
// to the login and the session cookie's value, if any.
func login(t *testing.T, token string) (answer, string) {
	t.Helper()
	form := fetch(t, http.MethodGet, "/ui/login", nil, nil)
	pre := form.cookie("__Host-motcua-login")
	if pre == nil {
		t.Fatal("the login form sets no CSRF cookie")
	}
	a := fetch(t, http.MethodPost, "/ui/login", url.Values{"csrf": {form.csrf(t)}, "token": {token}, "next": {"/ui/"}},
		map[string]string{pre.Name: pre.Value}, "Origin", uiBase)
	if c := a.cookie("__Host-motcua-session"); c != nil && c.MaxAge > 0 {
		return a, c.Value
	}
	return a, ""
}

func session(value string) map[string]string {
	return map[string]string{"__Host-motcua-session": value}
}

func TestLoginSetsASecureSessionCookieAndLogoutEndsIt(t *testing.T) {
	if a := fetch(t, http.MethodGet, "/ui/", nil, nil); a.status != http.StatusSeeOther || a.header.Get("Location") != "/ui/login?next=%2Fui%2F" {
		t.Fatalf("without a session: %d %s", a.status, a.header.Get("Location"))
	}
	a, s := login(t, supervisor)
	if a.status != http.StatusSeeOther || a.header.Get("Location") != "/ui/" || s == "" {
		t.Fatalf("login: %d %s %q", a.status, a.header.Get("Location"), s)
	}
	c := a.cookie("__Host-motcua-session")
	if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" || c.Domain != "" {
		t.Errorf("the session cookie lacks a flag: %+v", c)
	}
	if strings.Contains(s, supervisor) {
		t.Error("the session cookie shows the token")
	}
	home := fetch(t, http.MethodGet, "/ui/", nil, session(s))
	if home.status != 200 || !strings.Contains(home.body, "Võ Thị Giang") {
		t.Fatalf("overview: %d %.300s", home.status, home.body)
	}
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options"} {
		if home.header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}
	out := fetch(t, http.MethodPost, "/ui/logout", url.Values{"csrf": {home.csrf(t)}}, session(s), "Origin", uiBase)
	if out.status != http.StatusSeeOther || out.cookie("__Host-motcua-session").MaxAge >= 0 {
		t.Errorf("logout: %d %+v", out.status, out.cookie("__Host-motcua-session"))
	}
}

func TestLoginRefusesOtherRolesAndBadTokens(t *testing.T) {
	for _, c := range []struct {
		token  string
		status int
		says   string
	}{
		{citizenAn, http.StatusForbidden, "công dân, cổng dịch vụ công và cán bộ xử lý dùng API"},
		{officerXa, http.StatusForbidden, "công dân, cổng dịch vụ công và cán bộ xử lý dùng API"},
		{"not-a-token-at-all", http.StatusUnauthorized, "Mã truy cập không hợp lệ"},
		{"", http.StatusUnprocessableEntity, "Hãy nhập mã truy cập"},
	} {
		a, s := login(t, c.token)
		if a.status != c.status || s != "" || !strings.Contains(a.body, c.says) {
			t.Errorf("token %q: %d, session %q, want %d saying %q", c.token, a.status, s, c.status, c.says)
		}
	}
}

func TestFormsNeedTheirCSRFTokenAndThisSite(t *testing.T) {
	// A login posted without the form's cookie and token.
	if a := fetch(t, http.MethodPost, "/ui/login", url.Values{"token": {supervisor}}, nil); a.status != http.StatusForbidden || a.cookie("__Host-motcua-session") != nil {
		t.Errorf("login without CSRF: %d", a.status)
	}
	_, s := login(t, analyst)
	page := fetch(t, http.MethodGet, "/ui/check", nil, session(s))
	form := url.Values{"csrf": {page.csrf(t)}, "name": {"x.yaml"}, "yaml": {"kind: Calendar"}}
	if a := fetch(t, http.MethodPost, "/ui/check", url.Values{"name": {"x.yaml"}}, session(s), "Origin", uiBase); a.status != http.StatusForbidden {
		t.Errorf("no token: %d", a.status)
	}
	if a := fetch(t, http.MethodPost, "/ui/check", form, session(s), "Origin", "https://evil.example"); a.status != http.StatusForbidden {
		t.Errorf("from another site: %d", a.status)
	}
	// Another login's token does not fit this one.
	_, other := login(t, analyst)
	if a := fetch(t, http.MethodPost, "/ui/check", form, session(other), "Origin", uiBase); a.status != http.StatusForbidden {
		t.Errorf("another session's token: %d", a.status)
	}
	if a := fetch(t, http.MethodPost, "/ui/check", form, session(s), "Origin", uiBase); a.status != http.StatusUnprocessableEntity || !strings.Contains(a.body, "x.yaml") {
		t.Errorf("with its token: %d %.300s", a.status, a.body)
	}
}

func TestAForgedSessionIsNoSession(t *testing.T) {
	_, s := login(t, supervisor)
	forged := []byte(s)
	forged[len(forged)/2] ^= 1
	for _, v := range []string{string(forged), "x", ""} {
		if a := fetch(t, http.MethodGet, "/ui/late", nil, session(v)); a.status != http.StatusSeeOther {
			t.Errorf("session %.10q: %d", v, a.status)
		}
	}
}

func TestEachRoleReachesItsPages(t *testing.T) {
	_, sup := login(t, supervisor)
	_, ana := login(t, analyst)
	for _, c := range []struct {
		path     string
		sup, ana int
	}{
		{"/ui/", 200, 403}, {"/ui/late", 200, 403}, {"/ui/late/rows", 200, 403}, {"/ui/dossiers", 200, 403},
		{"/ui/catalogue", 200, 200}, {"/ui/catalogue/1.004194", 200, 200}, {"/ui/check", 200, 200},
		{"/ui/catalogue/9.999999", 404, 404}, {"/ui/nowhere", 404, 404},
	} {
		if a := fetch(t, http.MethodGet, c.path, nil, session(sup)); a.status != c.sup {
			t.Errorf("supervisor %s: %d, want %d", c.path, a.status, c.sup)
		}
		if a := fetch(t, http.MethodGet, c.path, nil, session(ana)); a.status != c.ana {
			t.Errorf("analyst %s: %d, want %d", c.path, a.status, c.ana)
		}
	}
}

func TestBadInputIsNamed(t *testing.T) {
	_, s := login(t, supervisor)
	for path, says := range map[string]string{
		"/ui/?from=2025-13-01&to=2025-12-31": "from: must be a date written 2006-01-02",
		"/ui/?from=2025-01-01&to=2024-12-31": "to: 2024-12-31 is before from 2025-01-01",
		"/ui/?level=county":                  "level: must be province, district or commune",
		"/ui/dossiers?cursor=zzz":            "cursor:",
		"/ui/catalogue/1.004194?version=x":   "version: must be a number",
	} {
		a := fetch(t, http.MethodGet, path, nil, session(s))
		if a.status < 400 || !strings.Contains(a.body, says) {
			t.Errorf("%s: %d, want it to say %q: %.400s", path, a.status, says, a.body)
		}
	}
}

// The quote form's inputs are checked by the procedure's own rules, which
// name the field, whatever the browser let through.
func TestQuoteFormNamesTheInputAtFault(t *testing.T) {
	_, s := login(t, analyst)
	page := fetch(t, http.MethodGet, "/ui/catalogue/2.000635", nil, session(s))
	form := url.Values{"csrf": {page.csrf(t)}, "in_copies": {"50"}, "in_for_self": {"true"}, "channel": {"online"},
		"applicant_kind": {"individual"}, "at": {"2026-03-10T09:00"}}
	a := fetch(t, http.MethodPost, "/ui/catalogue/2.000635/quote", form, session(s), "Origin", uiBase)
	if a.status != http.StatusUnprocessableEntity || !strings.Contains(a.body, `id="err_copies"`) || !strings.Contains(a.body, "at most 20") {
		t.Errorf("50 copies: %d %.600s", a.status, a.body)
	}
	form.Set("in_copies", "2")
	form.Set("at", "10/03/2026")
	if a := fetch(t, http.MethodPost, "/ui/catalogue/2.000635/quote", form, session(s), "Origin", uiBase); a.status != http.StatusUnprocessableEntity || !strings.Contains(a.body, "at: must be a date and time") {
		t.Errorf("a bad instant: %d", a.status)
	}
}

// The finance office logs in to the ledger's page, and only to it; a
// supervisor sees it too.
func TestTheFinanceOfficeSeesTheLedger(t *testing.T) {
	a, fin := login(t, "demo-finance-0000009")
	if fin == "" || a.header.Get("Location") != "/ui/money" {
		t.Fatalf("the finance office's login: %d to %q", a.status, a.header.Get("Location"))
	}
	_, sup := login(t, supervisor)
	_, ana := login(t, analyst)
	for who, c := range map[string]struct {
		cookie string
		want   int
	}{"finance": {fin, 200}, "supervisor": {sup, 200}, "analyst": {ana, 403}} {
		p := fetch(t, http.MethodGet, "/ui/money", nil, session(c.cookie))
		if p.status != c.want {
			t.Errorf("%s: %d, want %d", who, p.status, c.want)
		}
		if c.want == 200 && (!strings.Contains(p.body, `id="balance"`) || !strings.Contains(p.body, "Sổ thu")) {
			t.Errorf("%s: the page shows no balance", who)
		}
	}
	for _, path := range []string{"/ui/", "/ui/late", "/ui/catalogue"} {
		if p := fetch(t, http.MethodGet, path, nil, session(fin)); p.status != 403 {
			t.Errorf("finance %s: %d, want 403", path, p.status)
		}
	}
}

// The overview shows the dossiers by the directory's tree with full unit
// names, keeps the period and the mapping through a drill-down, and can
// show history under today's units.
func TestTheUnitTreeKeepsThePeriod(t *testing.T) {
	_, s := login(t, supervisor)
	top := fetch(t, http.MethodGet, "/ui/?from=2025-01-01&to=2025-12-31", nil, session(s))
	if top.status != 200 || !strings.Contains(top.body, `id="tree"`) || !strings.Contains(top.body, "Ủy ban nhân dân tỉnh Hà Tĩnh") {
		t.Fatalf("%d: no unit tree with the province: %.300s", top.status, top.body)
	}
	if !strings.Contains(top.body, `href="/ui/?from=2025-01-01&amp;map=historical&amp;to=2025-12-31&amp;unit=ubnd-tinh-ha-tinh"`) {
		t.Error("the drill-down into the province does not keep the period")
	}
	hist := fetch(t, http.MethodGet, "/ui/?from=2025-01-01&to=2025-12-31&unit=ubnd-tinh-ha-tinh", nil, session(s))
	for _, name := range []string{"Ủy ban nhân dân huyện Thạch Hà", "Sở Tư pháp tỉnh Hà Tĩnh", `data-unit="ubnd-huyen-thach-ha"`} {
		if !strings.Contains(hist.body, name) {
			t.Errorf("the province's tree lacks %s", name)
		}
	}
	today := fetch(t, http.MethodGet, "/ui/?from=2025-01-01&to=2025-12-31&unit=ubnd-tinh-ha-tinh&map=today", nil, session(s))
	if strings.Contains(today.body, `data-unit="ubnd-huyen-thach-ha"`) || !strings.Contains(today.body, `data-unit="ubnd-xa-thach-ha"`) {
		t.Error("today's map still shows the district, or lost xã Thạch Hà")
	}
	if a := fetch(t, http.MethodGet, "/ui/?unit=khong-co", nil, session(s)); a.status != 422 || !strings.Contains(a.body, "unit: there is no unit khong-co") {
		t.Errorf("an unknown unit: %d", a.status)
	}
}
