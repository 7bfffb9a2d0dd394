package service

import (
	"context"

	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/reconcile"
)

// platformReconcile is the worker's reconciliation with the national
// payment platform: it settles payments through the same path as the
// platform's callbacks.
type platformReconcile struct{ s *Service }

func (p platformReconcile) ReconcilePayments(ctx context.Context) (string, error) {
	api := p.s.API()
	r := &reconcile.Platform{Store: p.s.Store, Client: p.s.Platform,
		Settle: func(ctx context.Context, ref, tx string, amount money.VND, success bool, bank string) error {
			_, err := api.SettlePlatform(ctx, ref, tx, amount, success, bank)
			return err
		}}
	sum, err := r.Run(ctx)
	return sum.String(), err
}
