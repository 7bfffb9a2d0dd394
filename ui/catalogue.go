package ui

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua/procedures"
)

// catalogue lists every procedure with its version in force.
func (p *Pages) catalogue(w http.ResponseWriter, r *http.Request) {
	var list []procedures.ProcedureSummary
	now := p.Now()
	for _, code := range p.Catalogue.Codes() {
		vs := p.Catalogue.Versions(code)
		v, err := p.Catalogue.Lookup(code, now)
		if err != nil {
			v = vs[len(vs)-1] // none in force today: show the latest
		}
		list = append(list, procedures.Summarize(v))
	}
	p.render(w, r, http.StatusOK, "catalogue", list)
}

// field is one input of the quote form, with what was typed.
type field struct {
	procedures.Input
	Value   string
	Checked bool
	Problem string
}

// procedurePage is a version of a procedure in plain words, its examples,
// and the quote form with its last answer.
type procedurePage struct {
	View     procedures.ProcedureVersion
	InForce  bool
	Examples []procedures.ExampleResult
	Fields   []field
	Channel  string
	Kind     string
	At       string
	Quote    *procedures.Quote
	Quoted   int // the version that quoted
	Problem  string
}

// procedure shows a version of a procedure: ?version=N, or the one in
// force today.
func (p *Pages) procedure(w http.ResponseWriter, r *http.Request) {
	proc, ok := p.version(w, r)
	if !ok {
		return
	}
	page := p.procedurePage(proc)
	for i := range page.Fields {
		page.Fields[i].Checked = page.Fields[i].Type.Scalar == procedures.Bool && defaultTrue(page.Fields[i].Input)
	}
	p.render(w, r, http.StatusOK, "procedure", page)
}

// quote evaluates the procedure's rules on the form as posted, with the
// version in force at the filing instant given, and shows the answer
// beside the form.
func (p *Pages) quote(w http.ResponseWriter, r *http.Request) {
	proc, ok := p.version(w, r)
	if !ok {
		return
	}
	page := p.procedurePage(proc)
	page.Channel, page.Kind, page.At = r.PostFormValue("channel"), r.PostFormValue("applicant_kind"), r.PostFormValue("at")
	raw := map[string]any{}
	for i := range page.Fields {
		f := &page.Fields[i]
		f.Value = strings.TrimSpace(r.PostFormValue("in_" + f.Name))
		if f.Type.Scalar == procedures.Bool && !f.Type.List {
			f.Checked = f.Value != ""
			raw[f.Name] = f.Checked
			continue
		}
		if f.Value == "" {
			continue
		}
		if f.Type.List {
			var items []any
			for _, part := range strings.Split(f.Value, ",") {
				items = append(items, typed(f.Type.Scalar, strings.TrimSpace(part)))
			}
			raw[f.Name] = items
			continue
		}
		raw[f.Name] = typed(f.Type.Scalar, f.Value)
	}
	at, err := time.ParseInLocation("2006-01-02T15:04", page.At, vietnam)
	if err != nil {
		page.Problem = "at: must be a date and time, such as 2026-03-05T09:00; got " + strconv.Quote(page.At)
		p.render(w, r, http.StatusUnprocessableEntity, "procedure", page)
		return
	}
	kind := procedures.ApplicantKind(page.Kind)
	if kind != procedures.Organization {
		kind = procedures.Individual
	}
	status := http.StatusOK
	inForce, err := p.Catalogue.Lookup(proc.Code, at)
	var q *procedures.Quote
	if err == nil {
		q, err = inForce.Quote(raw, procedures.Channel(page.Channel), kind, at)
	}
	var bad *procedures.InputError
	var refusal *procedures.Refusal
	switch {
	case err == nil:
		page.Quote, page.Quoted = q, inForce.Version
	case errors.As(err, &bad):
		for _, fe := range bad.Fields {
			for i := range page.Fields {
				if "inputs."+page.Fields[i].Name == fe.Field {
					page.Fields[i].Problem = fe.Message
				}
			}
		}
		page.Problem, status = bad.Error(), http.StatusUnprocessableEntity
	case errors.As(err, &refusal):
		page.Problem, status = refusal.Message, http.StatusUnprocessableEntity
	default:
		page.Problem, status = err.Error(), http.StatusUnprocessableEntity
	}
	p.render(w, r, status, "procedure", page)
}

// version finds the version a page asks for, or shows why there is none.
func (p *Pages) version(w http.ResponseWriter, r *http.Request) (*procedures.Procedure, bool) {
	code := r.PathValue("code")
	if n := r.URL.Query().Get("version"); n != "" {
		v, err := strconv.Atoi(n)
		if err != nil {
			p.fail(w, r, http.StatusBadRequest, "bad_request", "version: must be a number, got "+strconv.Quote(n))
			return nil, false
		}
		proc, err := p.Catalogue.Version(code, v)
		if err != nil {
			p.fail(w, r, http.StatusNotFound, "not_found", err.Error())
			return nil, false
		}
		return proc, true
	}
	vs := p.Catalogue.Versions(code)
	if len(vs) == 0 {
		p.fail(w, r, http.StatusNotFound, "not_found", "procedure "+code)
		return nil, false
	}
	if proc, err := p.Catalogue.Lookup(code, p.Now()); err == nil {
		return proc, true
	}
	return vs[len(vs)-1], true
}

func (p *Pages) procedurePage(proc *procedures.Procedure) procedurePage {
	page := procedurePage{View: procedures.Describe(p.Catalogue, proc), InForce: proc.InForce(p.Now()), Examples: proc.Test(),
		Channel: string(procedures.Online), Kind: string(procedures.Individual), At: p.Now().In(vietnam).Format("2006-01-02T15:04")}
	if len(proc.Service.Channels) > 0 {
		page.Channel = string(proc.Service.Channels[0])
	}
	for _, in := range proc.Inputs {
		page.Fields = append(page.Fields, field{Input: in})
	}
	return page
}

// typed reads a form value as its input's type where it parses, and
// leaves it as text otherwise, for the checker to name.
func typed(s procedures.Scalar, v string) any {
	if s == procedures.Int {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return n
		}
	}
	return v
}

// defaultTrue reports whether a bool input defaults to true.
func defaultTrue(in procedures.Input) bool { return in.Default.Value == "true" }
