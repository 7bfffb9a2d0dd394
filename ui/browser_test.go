package ui_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"go.temporal.io/sdk/client"

	"github.com/motcua/motcua/gateway"
	"github.com/motcua/motcua/printables/printablestest"
	"github.com/motcua/motcua/workflows"
)

// browser starts a headless Chromium from Debian's packages for one test.
// Without one the test is skipped, unless MOTCUA_REQUIRE_TOOLS=1 makes
// that a failure, as in CI.
func browser(t *testing.T) context.Context {
	t.Helper()
	var path string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("MOTCUA_REQUIRE_TOOLS") == "1" {
			t.Fatal("no Chromium: apt-get install chromium")
		}
		t.Skip("no Chromium: apt-get install chromium")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1280, 900))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancel(); cancelCtx(); cancelAlloc() })
	return ctx
}

// run runs browser steps, failing the test with what was being done.
func run(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		url, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("%s (at %s): %v", what, url, err)
	}
}

// follow clicks what leads to another page and waits for it to load.
func follow(t *testing.T, ctx context.Context, what, selector string) {
	t.Helper()
	res, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(selector)))
	if err != nil {
		url, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("%s (at %s): %v", what, url, err)
	}
	if res != nil && res.Status >= 500 {
		t.Fatalf("%s: %d", what, res.Status)
	}
}

// get runs one browser action and returns its value.
func get[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		url, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("%s (at %s): %v", what, url, err)
	}
	return v
}

// eval evaluates JavaScript in the page.
func eval[T any](t *testing.T, ctx context.Context, what, js string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	return get(t, ctx, what, chromedp.Evaluate[T](js, opts...))
}

// text reads an element's visible text.
func text(t *testing.T, ctx context.Context, selector string) string {
	t.Helper()
	return get(t, ctx, "reading "+selector, chromedp.Text(chromedp.CSS(selector)))
}

// audit checks what every page must have: a declared language, a label
// for every field, and nothing wider than the screen. It also keeps a
// screenshot of the page, named, among the artefacts.
func audit(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	problems := eval[[]string](t, ctx, "auditing "+name, `(() => {
		const out = [];
		if (!document.documentElement.lang) out.push("the page declares no language");
		document.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(el => {
			const labelled = (el.id && document.querySelector('label[for="' + el.id + '"]')) || el.getAttribute("aria-label") || el.closest("label");
			if (!labelled) out.push("no label for " + (el.name || el.outerHTML.slice(0, 80)));
		});
		const wide = document.documentElement.scrollWidth - window.innerWidth;
		if (wide > 1) out.push("the page is " + wide + "px wider than the screen");
		return out;
	})()`)
	for _, p := range problems {
		t.Errorf("%s: %s", name, p)
	}
	dir := os.Getenv("MOTCUA_ARTEFACTS")
	if dir == "" {
		return
	}
	png := get(t, ctx, "screenshot of "+name, chromedp.FullScreenshot(100))
	if err := os.MkdirAll(filepath.Join(dir, "screenshots"), 0o755); err == nil {
		_ = os.WriteFile(filepath.Join(dir, "screenshots", name+".png"), png, 0o644)
	}
}

// logIn fills in the login form with a token.
func logIn(t *testing.T, ctx context.Context, token string) {
	t.Helper()
	run(t, ctx, "typing the token", chromedp.WaitVisible(chromedp.CSS("#token")), chromedp.SendKeys(chromedp.CSS("#token"), token))
	follow(t, ctx, "logging in", "#login")
}

// fetched is a file the page fetched with its own session.
type fetched struct {
	Status int    `json:"status"`
	Type   string `json:"type"`
	Body   string `json:"body"` // base64
}

// fetchInPage fetches a path as the page's own script would, with its
// session cookie.
func fetchInPage(t *testing.T, ctx context.Context, path string) fetched {
	t.Helper()
	raw := eval[string](t, ctx, "fetching "+path, fmt.Sprintf(`fetch(%q, {credentials: "same-origin"}).then(async r => {
		const b = new Uint8Array(await r.arrayBuffer());
		let s = ""; for (const c of b) s += String.fromCharCode(c);
		return JSON.stringify({status: r.status, type: r.headers.get("Content-Type"), body: btoa(s)});
	})`, path), chromedp.EvalAwaitPromise)
	var f fetched
	if err := json.Unmarshal([]byte(raw), &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// A supervisor logs in, picks a period, reads the rates and the units that
// miss their targets, drills down from the level to one dossier, opens a
// live dossier with its clock, timeline and receipt slip, filters the late
// list, watches a new dossier appear in it without a reload, reads it on a
// phone, switches to English and logs out.
func TestSupervisorInABrowser(t *testing.T) {
	ctx := browser(t)
	run(t, ctx, "opening the pages", chromedp.Navigate(uiBase+"/ui/"))
	audit(t, ctx, "login")
	logIn(t, ctx, supervisor)
	run(t, ctx, "the overview", chromedp.WaitVisible(chromedp.CSS("#unit-name")))
	if got := text(t, ctx, "#unit-name"); !strings.Contains(got, "Toàn bộ các đơn vị") {
		t.Errorf("overview heading %q", got)
	}

	// Last year's figures: the seeded 2025.
	follow(t, ctx, "picking last year", `a[data-preset="last_year"]`)
	run(t, ctx, "picking last year", chromedp.WaitVisible(chromedp.CSS("#misses")))
	last := time.Now().Year() - 1
	if got := text(t, ctx, "#unit-name"); !strings.Contains(got, fmt.Sprintf("%d-01-01 – %d-12-31", last, last)) {
		t.Errorf("period shown %q", got)
	}
	if misses := text(t, ctx, "#misses"); !strings.Contains(misses, "Cấp xã") || !strings.Contains(misses, "Số hóa kết quả") {
		t.Errorf("the commune level, 75%% digitized against 100%%, should be listed as missing: %s", misses)
	}
	if province := text(t, ctx, `#units tr:has(a[href*="level=province"])`); !strings.Contains(province, "100.00%") {
		t.Errorf("the province's row %q should show its results all digitized", province)
	}
	bars := eval[int](t, ctx, "counting bars", `document.querySelectorAll("svg rect.bar").length`)
	if bars < 3 {
		t.Errorf("%d bars drawn", bars)
	}
	audit(t, ctx, "overview")

	// The trend by month, the ranking of every unit, and the export of
	// what is on screen, from the page's own session.
	if months := eval[int](t, ctx, "counting months", `document.querySelectorAll("#trend tr[data-month]").length`); months != 12 {
		t.Errorf("%d months in last year's trend", months)
	}
	if got := text(t, ctx, "#ranking"); !strings.Contains(got, "Ủy ban nhân dân xã Thạch Hà") || !strings.Contains(got, "Sở Tư pháp tỉnh Hà Tĩnh") {
		t.Errorf("the ranking lacks units: %s", got)
	}
	follow(t, ctx, "ranking by digitized results", `a[data-rank="results_digitized"]`)
	run(t, ctx, "ranking by digitized results", chromedp.WaitVisible(chromedp.CSS("#ranking")))
	if first := text(t, ctx, "#ranking tbody tr:first-child"); !strings.Contains(first, "100.00%") {
		t.Errorf("the best at digitizing should lead with 100%%: %s", first)
	}
	for _, link := range []string{"#export-csv", "#export-xlsx"} {
		href := get(t, ctx, "the export link", chromedp.AttributeValue(chromedp.CSS(link), "href")).Value
		if !strings.Contains(href, fmt.Sprintf("from=%d-01-01", last)) {
			t.Errorf("%s does not export the period on screen: %s", link, href)
		}
		got := fetchInPage(t, ctx, href)
		if got.Status != http.StatusOK {
			t.Fatalf("%s: %d", link, got.Status)
		}
		if link == "#export-csv" {
			body, _ := base64.StdEncoding.DecodeString(got.Body)
			if !strings.Contains(string(body), "Ủy ban nhân dân xã Thạch Hà") {
				t.Errorf("the CSV lacks the unit's name: %.300s", body)
			}
		} else if !strings.Contains(got.Type, "spreadsheetml") {
			t.Errorf("the workbook's type is %s", got.Type)
		}
	}

	// Drill down: level, agency, procedure, dossier.
	follow(t, ctx, "drilling to the communes", `#units a[href*="level=commune"]`)
	run(t, ctx, "drilling to the communes", chromedp.WaitVisible(chromedp.CSS(`#units a[href*="agency=ubnd-xa-thach-ha"]`)))
	audit(t, ctx, "overview-commune")
	if got := text(t, ctx, "#units"); !strings.Contains(got, "Ủy ban nhân dân xã Thạch Hà") {
		t.Errorf("the communes are not named: %s", got)
	}
	follow(t, ctx, "drilling to the agency", `#units a[href*="agency=ubnd-xa-thach-ha"]`)
	run(t, ctx, "drilling to the agency", chromedp.WaitVisible(chromedp.CSS(`#units a[href*="procedure=1.004194"]`)))
	if got := text(t, ctx, "#unit-name"); !strings.Contains(got, "Ủy ban nhân dân xã Thạch Hà") || !strings.Contains(got, fmt.Sprintf("%d-01-01 – %d-12-31", last, last)) {
		t.Errorf("the drill-down lost the unit's name or the period: %q", got)
	}
	if got := text(t, ctx, "#units"); !strings.Contains(got, "75.00%") {
		t.Errorf("the agency's residence row should show 75.00%% digitized: %s", got)
	}
	follow(t, ctx, "drilling to the procedure's dossiers", `#units a[href*="procedure=1.004194"]`)
	run(t, ctx, "drilling to the procedure's dossiers", chromedp.WaitVisible(chromedp.CSS(`#dossiers a[href="/ui/dossiers/XA-2025-000"]`)))
	if got := text(t, ctx, "#period"); !strings.Contains(got, fmt.Sprintf("%d-01-01 – %d-12-31", last, last)) {
		t.Errorf("the dossiers' list lost the period: %q", got)
	}
	audit(t, ctx, "dossiers")
	follow(t, ctx, "opening a dossier", `#dossiers a[href="/ui/dossiers/XA-2025-000"]`)
	run(t, ctx, "opening a dossier", chromedp.WaitVisible(chromedp.CSS("#dossier-code")))
	if got := text(t, ctx, "#stage"); !strings.Contains(got, "Đã kết thúc") || strings.Contains(got, "returned") || strings.Contains(got, "refused") {
		t.Errorf("stage %q", got)
	}

	// A dossier filed now, through the API: its clock, timeline and slip.
	code := fileCounterCopy(t)
	run(t, ctx, "opening a live dossier", chromedp.Navigate(uiBase+"/ui/dossiers/"+code), chromedp.WaitVisible(chromedp.CSS("#receipt-link")))
	// In Vietnamese throughout: the action, who acted and the detail.
	if got := text(t, ctx, "#timeline"); !strings.Contains(got, "Tiếp nhận hồ sơ") || !strings.Contains(got, "nộp tại quầy; hẹn trả kết quả") ||
		strings.Contains(got, "via ") || strings.Contains(got, "due ") || strings.Contains(got, "· clock") {
		t.Errorf("timeline %q", got)
	}
	if got := text(t, ctx, "#clock"); !strings.Contains(got, "Đang tính giờ") || !strings.Contains(got, "Còn lại") {
		t.Errorf("clock %q", got)
	}
	link := get(t, ctx, "the Temporal link", chromedp.AttributeValue(chromedp.CSS("#temporal-link"), "href")).Value
	if !strings.HasPrefix(link, temporalUI+"/namespaces/default/workflows/") || !strings.Contains(link, code) {
		t.Errorf("Temporal link %q", link)
	}
	audit(t, ctx, "dossier")
	slip := fetchInPage(t, ctx, "/ui/dossiers/"+code+"/receipt")
	if slip.Status != http.StatusOK || slip.Type != "application/pdf" {
		t.Fatalf("receipt: %d %s", slip.Status, slip.Type)
	}
	pdf, _ := base64.StdEncoding.DecodeString(slip.Body)
	if got := printablestest.Text(t, pdf); !strings.Contains(got, "Mã hồ sơ: "+code) || !strings.Contains(got, "Lê Văn Cường") {
		t.Errorf("the slip fetched reads: %s", got)
	}
	if dir := os.Getenv("MOTCUA_ARTEFACTS"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "giay-tiep-nhan-tu-trang.pdf"), pdf, 0o644)
	}

	// The late list, filtered by agency, then a new late dossier appears
	// without a reload.
	run(t, ctx, "the late list", chromedp.Navigate(uiBase+"/ui/late"), chromedp.WaitVisible(chromedp.CSS(`tr[data-code="HUYEN-LATE-001"]`)))
	audit(t, ctx, "late")
	run(t, ctx, "choosing an agency", chromedp.SetValue(chromedp.CSS("#agency"), "ubnd-xa-thach-ha"))
	follow(t, ctx, "filtering by agency", "#filter")
	run(t, ctx, "the filtered list", chromedp.WaitVisible(chromedp.CSS(`tr[data-code="XA-LATE-001"]`)))
	agencies := eval[[]string](t, ctx, "reading the agencies listed", `[...document.querySelectorAll("#late-rows tr[data-code] td:nth-child(3)")].map(td => td.textContent)`)
	for _, a := range agencies {
		if a != "Ủy ban nhân dân xã Thạch Hà" {
			t.Errorf("the filtered list shows a dossier of %s", a)
		}
	}
	if len(agencies) == 0 {
		t.Error("the filtered list is empty")
	}
	eval[string](t, ctx, "marking the page", `window.kept = "this page"`)
	fresh := fileCounterCopy(t)
	run(t, ctx, "waiting for the new dossier to appear", chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`tr[data-code=%q]`, fresh))))
	if kept := eval[string](t, ctx, "checking the page was not reloaded", `window.kept || "reloaded"`); kept != "this page" {
		t.Error("the page was reloaded to show the new dossier")
	}
	if got := text(t, ctx, fmt.Sprintf(`tr[data-code=%q]`, fresh)); !strings.Contains(got, "còn") {
		t.Errorf("the new dossier's row %q should say how long is left", got)
	}
	run(t, ctx, "a phone's screen", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#late")))
	audit(t, ctx, "late-phone")
	run(t, ctx, "back to a desk", chromedp.EmulateViewport(1280, 900))

	// English, then out.
	follow(t, ctx, "switching to English", "#lang")
	run(t, ctx, "switching to English", chromedp.WaitVisible(chromedp.CSS("#late")))
	if got := text(t, ctx, "h1"); got != "Overdue and due-soon dossiers" {
		t.Errorf("English heading %q", got)
	}
	audit(t, ctx, "late-english")
	follow(t, ctx, "logging out", "#logout")
	run(t, ctx, "logging out", chromedp.WaitVisible(chromedp.CSS("#token")))
	run(t, ctx, "the overview after logout", chromedp.Navigate(uiBase+"/ui/"), chromedp.WaitVisible(chromedp.CSS("#token")))
}

// An analyst reads a procedure in plain words, gets a quote, then a
// refusal naming the field, and checks a broken file; the supervisors'
// pages are closed to them.
func TestAnalystInABrowser(t *testing.T) {
	ctx := browser(t)
	run(t, ctx, "opening the pages", chromedp.Navigate(uiBase+"/ui/catalogue"))
	logIn(t, ctx, analyst)
	run(t, ctx, "the catalogue", chromedp.WaitVisible(chromedp.CSS(`#procedures a[href="/ui/catalogue/2.000635"]`)))
	audit(t, ctx, "catalogue")
	follow(t, ctx, "a procedure", `#procedures a[href="/ui/catalogue/2.000635"]`)
	run(t, ctx, "a procedure", chromedp.WaitVisible(chromedp.CSS("#quote-form")))
	if got := text(t, ctx, "#components"); !strings.Contains(got, "Văn bản ủy quyền") || !strings.Contains(got, "!for_self") {
		t.Errorf("components %q", got)
	}
	if got := text(t, ctx, "#fees"); !strings.Contains(got, "Giảm 50% khi nộp trực tuyến") || !strings.Contains(got, "copies * 8000") {
		t.Errorf("fees %q", got)
	}
	if got := text(t, ctx, "#examples"); !strings.Contains(got, "đạt") {
		t.Errorf("examples %q", got)
	}
	audit(t, ctx, "procedure")
	run(t, ctx, "a quote", chromedp.SetValue(chromedp.CSS("#in_copies"), "2"), chromedp.SetValue(chromedp.CSS("#at"), "2026-03-10T09:00"))
	follow(t, ctx, "quoting", "#quote")
	run(t, ctx, "the quote", chromedp.WaitVisible(chromedp.CSS("#quote-result")))
	if got := text(t, ctx, "#quote-total"); got != "8.000 ₫" {
		t.Errorf("total %q, want 8.000 ₫: two copies at 8.000 ₫, half off online", got)
	}
	if got := text(t, ctx, "#quote-due"); got != "11/03/2026 09:00" {
		t.Errorf("due %q, want one working day later", got)
	}
	audit(t, ctx, "quote")
	// The form is filed on a day no version was in force.
	run(t, ctx, "a day before the procedure", chromedp.SetValue(chromedp.CSS("#at"), "2020-06-01T09:00"))
	follow(t, ctx, "quoting again", "#quote")
	run(t, ctx, "the refusal", chromedp.WaitVisible(chromedp.CSS("#quote-problem")))
	if got := text(t, ctx, "#quote-problem"); !strings.Contains(got, "2020-06-01") {
		t.Errorf("refusal %q should name the day", got)
	}
	run(t, ctx, "the checker", chromedp.Navigate(uiBase+"/ui/check"), chromedp.WaitVisible(chromedp.CSS("#yaml")),
		chromedp.SetValue(chromedp.CSS("#name"), "commune/moi.yaml"),
		chromedp.SetValue(chromedp.CSS("#yaml"), "kind: Procedure\ncode: \"9.000001\"\nname: Thử\nlevel: county\n"),
	)
	follow(t, ctx, "checking", "#check")
	run(t, ctx, "the problems", chromedp.WaitVisible(chromedp.CSS("#problems")))
	if got := text(t, ctx, "#problems"); !strings.Contains(got, "commune/moi.yaml:4:8") || !strings.Contains(got, "level") ||
		!strings.Contains(got, "phải là một trong") {
		t.Errorf("problems %q", got)
	}
	audit(t, ctx, "check")
	run(t, ctx, "the overview, closed to analysts", chromedp.Navigate(uiBase+"/ui/"), chromedp.WaitVisible(chromedp.CSS("#problem")))
	if got := text(t, ctx, "#problem"); !strings.Contains(got, "không dành cho vai trò") {
		t.Errorf("the overview told an analyst %q", got)
	}
}

// A citizen's token opens no page.
func TestCitizenIsRefusedInABrowser(t *testing.T) {
	ctx := browser(t)
	run(t, ctx, "opening the pages", chromedp.Navigate(uiBase+"/ui/"))
	logIn(t, ctx, citizenAn)
	run(t, ctx, "the refusal", chromedp.WaitVisible(chromedp.CSS("#problem")))
	if got := text(t, ctx, "#problem"); !strings.Contains(got, "công dân") {
		t.Errorf("a citizen was told %q", got)
	}
	audit(t, ctx, "login-refused")
}

// fileCounterCopy files a certified copy (chứng thực bản sao, two working
// hours) at the commune's counter through the API, as the officer Lê Văn
// Cường would, and returns its code. Its short deadline puts it in the
// due-soon list at once.
func fileCounterCopy(t *testing.T) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"procedure": "2.000815", "agency": "ubnd-xa-thach-ha", "channel": "counter",
		"applicant": map[string]any{"id": "042090001234", "name": "Nguyễn Văn An"}, "inputs": map[string]any{"pages": 2, "copies": 1},
		"components": []map[string]any{{"code": "ban_chinh"}, {"code": "ban_sao"}}})
	req, _ := http.NewRequest(http.MethodPost, apiBase+"/dossiers", strings.NewReader(string(body)))
	req.Header.Set("Authorization", "Bearer "+officerXa)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", fmt.Sprintf("%s-%d", t.Name(), time.Now().UnixNano()))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Code string `json:"code"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusCreated {
		t.Fatalf("filing: %d %v", res.StatusCode, err)
	}
	// The slip is issued when the workflow receives the dossier.
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := svc.Store.Paper(context.Background(), out.Code, "receipt", 1); err == nil {
			return out.Code
		}
		if time.Now().After(deadline) {
			t.Fatalf("dossier %s was not received", out.Code)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// The finance office logs in and lands on the ledger: money paid for a
// dossier that does not exist is listed with its reason and, once the
// gateway has paid it back, its refund; the ledger balances.
func TestFinanceOfficeInABrowser(t *testing.T) {
	tx := fmt.Sprintf("TX-NOBODY-%d", time.Now().UnixNano())
	body, _ := json.Marshal(gateway.Callback{TxID: tx, Dossier: "KHONG-CO-HO-SO", Amount: 120000, Success: true})
	req, _ := http.NewRequest(http.MethodPost, apiBase+"/payments/callback", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(gateway.SignatureHeader, gateway.Sign([]byte("test-payment-secret"), body))
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("the gateway's callback: %v %v", res, err)
	}
	res.Body.Close()

	ctx := browser(t)
	run(t, ctx, "opening the pages", chromedp.Navigate(uiBase+"/ui/"))
	logIn(t, ctx, "demo-finance-0000009")
	run(t, ctx, "the ledger", chromedp.WaitVisible(chromedp.CSS("#balance")))
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(text(t, ctx, "#unapplied"), "Đã hoàn trả") || !strings.Contains(text(t, ctx, "#balances"), "Khớp") {
		if time.Now().After(deadline) {
			t.Fatalf("the refund never showed: %q / %q", text(t, ctx, "#unapplied"), text(t, ctx, "#balances"))
		}
		run(t, ctx, "reloading the ledger", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#balance")))
	}
	if got := text(t, ctx, "#unapplied"); !strings.Contains(got, tx) || !strings.Contains(got, "Không có hồ sơ") || !strings.Contains(got, "120.000") {
		t.Errorf("the unapplied money reads %q", got)
	}
	audit(t, ctx, "money")
}

// syncOnce runs the scheduled sync with the national portal once, through
// Temporal, as the schedule would.
func syncOnce(t *testing.T) string {
	t.Helper()
	run, err := svc.Temporal.ExecuteWorkflow(context.Background(), client.StartWorkflowOptions{
		ID: fmt.Sprintf("portal-sync-%d", time.Now().UnixNano()), TaskQueue: workflows.TaskQueue}, workflows.PortalSyncName)
	if err != nil {
		t.Fatal(err)
	}
	var summary string
	if err := run.Get(context.Background(), &summary); err != nil {
		t.Fatal(err)
	}
	return summary
}

// A supervisor watches the sync with the national portal: a dossier the
// portal refused to take is listed with the portal's error and its unit's
// name; sent again from the page once the portal is back, it is synced.
func TestPortalSyncInABrowser(t *testing.T) {
	code := fileCounterCopy(t)
	svc.PortalSimulator.Fail(1 << 20)
	syncOnce(t)
	svc.PortalSimulator.Fail(0)

	ctx := browser(t)
	run(t, ctx, "opening the pages", chromedp.Navigate(uiBase+"/ui/portal"))
	logIn(t, ctx, supervisor)
	run(t, ctx, "the sync's page", chromedp.WaitVisible(chromedp.CSS("#sync-health")))
	row := fmt.Sprintf(`#failures tr[data-code=%q]`, code)
	got := text(t, ctx, row)
	for _, want := range []string{"Ủy ban nhân dân xã Thạch Hà", "received", "HTTP 500", "Hệ thống đang bận"} {
		if !strings.Contains(got, want) {
			t.Errorf("the failing dossier's row does not say %q: %q", want, got)
		}
	}
	audit(t, ctx, "portal")
	follow(t, ctx, "sending it again", row+" button")
	if got := text(t, ctx, "#retried"); !strings.Contains(got, code) {
		t.Errorf("the page says %q after the retry", got)
	}
	syncOnce(t)
	run(t, ctx, "reloading", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#sync-health")))
	if n := eval[int](t, ctx, "rows left", fmt.Sprintf(`document.querySelectorAll(%q).length`, row)); n != 0 {
		t.Errorf("the dossier is still failing after the retry")
	}
	if got := svc.PortalSimulator.Statuses(code); len(got) == 0 || got[0] != "1" {
		t.Errorf("the portal holds %v", got)
	}
	if got := text(t, ctx, `#sync-units tr[data-unit="ubnd-xa-thach-ha"]`); !strings.Contains(got, "Ủy ban nhân dân xã Thạch Hà") {
		t.Errorf("the unit's line reads %q", got)
	}
}

// A supervisor opens the scorecard for 2025: every unit with its score
// and rank, the forecast with the units missing the most targets first,
// and the dossiers costing points, each a link to the dossier; the
// workbook of what is on screen downloads from the page's session.
func TestScorecardInABrowser(t *testing.T) {
	ctx := browser(t)
	run(t, ctx, "opening the pages", chromedp.Navigate(uiBase+"/ui/index?from=2025-01-01&to=2025-12-31"))
	logIn(t, ctx, supervisor)
	run(t, ctx, "the scorecard", chromedp.WaitVisible(chromedp.CSS("#scores")))
	scores := text(t, ctx, "#scores")
	for _, want := range []string{"Ủy ban nhân dân xã Thạch Hà", "Sở Tư pháp tỉnh Hà Tĩnh", "Ủy ban nhân dân tỉnh Hà Tĩnh"} {
		if !strings.Contains(scores, want) {
			t.Errorf("the scores do not name %q: %q", want, scores)
		}
	}
	// The indicators are folded under each unit; unfolded, they read:
	run(t, ctx, "unfolding the commune", chromedp.Click(chromedp.CSS(`details[data-unit="ubnd-xa-thach-ha"] summary`)))
	if got := text(t, ctx, `details[data-unit="ubnd-xa-thach-ha"]`); !strings.Contains(got, "2.1 Giải quyết hồ sơ đúng hạn") {
		t.Errorf("the commune's indicators: %q", got)
	}
	if got := text(t, ctx, "#forecast"); !strings.Contains(got, "1.4") {
		t.Errorf("the forecast does not see 1.4 missed (nothing of 2025 was synced): %q", got)
	}
	risk := text(t, ctx, "#at-risk")
	if !strings.Contains(risk, "Chưa đồng bộ") && !strings.Contains(risk, "Kết quả chưa số hóa") {
		t.Errorf("the dossiers costing points: %q", risk)
	}
	audit(t, ctx, "index")
	x := fetchInPage(t, ctx, "/ui/index/export?from=2025-01-01&to=2025-12-31&format=xlsx")
	if x.Status != 200 || !strings.Contains(x.Type, "spreadsheetml") {
		t.Errorf("the workbook: %d %s", x.Status, x.Type)
	}
	href := eval[string](t, ctx, "the form's link", `document.querySelector("#form06").getAttribute("href")`)
	if f := fetchInPage(t, ctx, href); f.Status != 200 || !strings.Contains(f.Type, "spreadsheetml") {
		t.Errorf("Biểu 06 from the page: %d %s", f.Status, f.Type)
	}
	follow(t, ctx, "a dossier costing points", "#at-risk tbody tr:first-child a")
	if got := text(t, ctx, "h1"); got == "" {
		t.Error("the dossier's page has no heading")
	}
}
