package activities

import (
	"context"

	"github.com/motcua/motcua/model"
)

// Record writes a milestone. It runs as a local activity: one short,
// idempotent write that costs the history a single marker.
func (a *Activities) Record(ctx context.Context, m model.Milestone) error {
	if m.Paper != nil {
		if err := a.render(ctx, m.Dossier.Code, m.Paper); err != nil {
			return err
		}
	}
	return a.Store.Record(ctx, m)
}
