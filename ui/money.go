package ui

import (
	"net/http"
	"time"

	"github.com/motcua/motcua/store"
)

// moneyPage is the ledger as the finance office and supervisors watch it:
// its balance, the money that reached no dossier with its refunds, and
// what the last reconciliation found.
type moneyPage struct {
	Balance   store.Balance
	Unapplied []store.LedgerEntry
	Run       time.Time
	Findings  []store.Finding
}

func (p *Pages) money(w http.ResponseWriter, r *http.Request) {
	var m moneyPage
	var err error
	ctx := r.Context()
	if m.Balance, err = p.Store.Balance(ctx, ""); err != nil {
		p.unavailable(w, r, err)
		return
	}
	if m.Unapplied, err = p.Store.UnappliedPayments(ctx, 200); err != nil {
		p.unavailable(w, r, err)
		return
	}
	if m.Run, m.Findings, err = p.Store.Findings(ctx); err != nil {
		p.unavailable(w, r, err)
		return
	}
	p.render(w, r, http.StatusOK, "money", m)
}
