package api_test

import (
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

const supervisorXa = "demo-supervisor-xa-0010" // watches ubnd-xa-thach-ha only

// A filing must name a unit that exists, is in force today, sits at the
// procedure's level and acts as its kind of office; otherwise 422 at
// body.agency, listing where the procedure is received.
func TestFilingsNameARealUnit(t *testing.T) {
	post := func(procedure, agency string) response {
		b := filing(t, "042090001234")
		b["procedure"], b["agency"] = procedure, agency
		return call(t, http.MethodPost, "/dossiers", portal, b, "Idempotency-Key", key(t))
	}
	cases := []struct {
		name, procedure, agency string
		says                    []string
	}{
		{"unknown", "2.000488", "khong-ton-tai", []string{`there is no unit "khong-ton-tai"`, "so-tu-phap-ha-tinh (Sở Tư pháp tỉnh Hà Tĩnh)"}},
		{"abolished", "1.004194", "ubnd-tt-thach-ha", []string{"in force from 2020-01-01 to 2025-06-30", "passed to Ủy ban nhân dân xã Thạch Hà (ubnd-xa-thach-ha)"}},
		// The list of communes is long: it is given whole, and cut, if
		// ever, between letters, never inside one.
		{"wrong level", "1.004194", "so-tu-phap-ha-tinh", []string{"is a unit at cấp tỉnh, and procedure 1.004194 is handled at cấp xã", "ubnd-xa-thach-ha (Ủy ban nhân dân xã Thạch Hà)",
			"ubnd-xa-viet-xuyen (Ủy ban nhân dân xã Việt Xuyên)"}},
		{"wrong kind", "2.000488", "cong-an-tinh-ha-tinh", []string{"Công an tỉnh Hà Tĩnh does not act as Sở Tư pháp"}},
		{"district abolished", "1.009994", "ubnd-huyen-thach-ha", []string{"to 2025-06-30"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := post(tc.procedure, tc.agency)
			problem(t, r, 422, "body.agency")
			msg := r.body["errors"].([]any)[0].(map[string]any)["message"].(string)
			if !utf8.ValidString(msg) {
				t.Errorf("the message is not valid UTF-8: %q", msg)
			}
			for _, s := range tc.says {
				if !strings.Contains(msg, s) {
					t.Errorf("the answer does not say %q: %s", s, r.raw)
				}
			}
		})
	}
	post("2.000488", "so-tu-phap-ha-tinh").must(t, 201)
}

// A supervisor scoped to a unit sees that unit and the units under it,
// and nothing else; an unscoped one narrows to any subtree with unit=.
func TestSupervisorsScopedToAUnit(t *testing.T) {
	province := call(t, http.MethodPost, "/dossiers", portal, filing(t, uniqueApplicant()), "Idempotency-Key", key(t)).must(t, 201).str("code")
	commune := fileResidence(t, "scope")

	call(t, http.MethodGet, "/dossiers/"+province, supervisorXa, nil).must(t, 403)
	call(t, http.MethodGet, "/dossiers/"+commune, supervisorXa, nil).must(t, 200)
	problem(t, call(t, http.MethodGet, "/dossiers?agency=so-tu-phap-ha-tinh", supervisorXa, nil), 403, "query.agency")
	problem(t, call(t, http.MethodGet, "/supervision/late?unit=ubnd-tinh-ha-tinh", supervisorXa, nil), 403, "query.unit")
	for _, d := range call(t, http.MethodGet, "/dossiers?limit=200", supervisorXa, nil).must(t, 200).body["dossiers"].([]any) {
		if a := d.(map[string]any)["agency"]; a != "ubnd-xa-thach-ha" {
			t.Errorf("a supervisor of xã Thạch Hà sees a dossier of %v", a)
		}
	}

	problem(t, call(t, http.MethodGet, "/dossiers?unit=khong-co", supervisor, nil), 422, "query.unit")
	seen := map[any]bool{}
	for _, d := range call(t, http.MethodGet, "/dossiers?unit=ubnd-tinh-ha-tinh&limit=200", supervisor, nil).must(t, 200).body["dossiers"].([]any) {
		seen[d.(map[string]any)["agency"]] = true
	}
	if !seen["so-tu-phap-ha-tinh"] || !seen["ubnd-xa-thach-ha"] {
		t.Errorf("the province's subtree holds %v", seen)
	}
	for _, d := range call(t, http.MethodGet, "/dossiers?unit=so-tu-phap-ha-tinh&limit=200", supervisor, nil).must(t, 200).body["dossiers"].([]any) {
		if a := d.(map[string]any)["agency"]; a != "so-tu-phap-ha-tinh" {
			t.Errorf("the department's subtree holds %v", a)
		}
	}
}
