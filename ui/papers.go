package ui

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/store"
)

// receipt serves a dossier's receipt slip as issued.
func (p *Pages) receipt(w http.ResponseWriter, r *http.Request) {
	p.paper(w, r, model.PaperReceipt, 1)
}

// apology serves one of a dossier's apology letters as issued.
func (p *Pages) apology(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 {
		p.fail(w, r, http.StatusBadRequest, "bad_request", "n: must be a letter's number, 1 or more")
		return
	}
	p.paper(w, r, model.PaperApology, n)
}

func (p *Pages) paper(w http.ResponseWriter, r *http.Request, kind string, n int) {
	code := r.PathValue("code")
	pdf, err := p.Store.Paper(r.Context(), code, kind, n)
	if errors.Is(err, store.ErrNotFound) {
		p.fail(w, r, http.StatusNotFound, "not_found", fmt.Sprintf("%s %s %d", code, kind, n))
		return
	}
	if err != nil {
		p.unavailable(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s-%d_%s.pdf"`, kind, n, code))
	w.Write(pdf)
}
