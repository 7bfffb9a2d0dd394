package ui

import (
	"errors"
	"net/http"

	"github.com/motcua/motcua/procedures"
)

// checkPage is the checker's form and its answer.
type checkPage struct {
	Name, Text string
	Checked    bool
	Problems   procedures.Problems
	Failure    string
}

// checkForm offers the checker.
func (p *Pages) checkForm(w http.ResponseWriter, r *http.Request) {
	p.render(w, r, http.StatusOK, "check", checkPage{Name: "draft.yaml"})
}

// check loads a pasted definition beside the running catalogue and lists
// every problem with its file, line, column and field.
func (p *Pages) check(w http.ResponseWriter, r *http.Request) {
	page := checkPage{Name: r.PostFormValue("name"), Text: r.PostFormValue("yaml"), Checked: true}
	err := p.Catalogue.CheckDraft(page.Name, []byte(page.Text))
	status := http.StatusOK
	if err != nil && !errors.As(err, &page.Problems) {
		page.Failure = err.Error()
	}
	if err != nil {
		status = http.StatusUnprocessableEntity
	}
	p.render(w, r, status, "check", page)
}
