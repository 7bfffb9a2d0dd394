package store

import (
	"context"

	"github.com/motcua/motcua/model"
)

// Folder is what the store keeps of one dossier besides its record: who
// did what and when, its electronic copies, its money and the papers it
// gave the citizen. It is whole after Temporal has let the workflow go.
type Folder struct {
	Timeline []model.Event
	Files    []model.File
	Payments []LedgerEntry
	Refunds  []model.Refund
	Papers   []PaperInfo
}

// Folder reads a dossier's folder.
func (s *Store) Folder(ctx context.Context, code string) (Folder, error) {
	var f Folder
	var err error
	if f.Timeline, err = s.Timeline(ctx, code); err != nil {
		return f, err
	}
	if f.Files, err = s.Files(ctx, code); err != nil {
		return f, err
	}
	if f.Payments, err = s.Payments(ctx, code); err != nil {
		return f, err
	}
	if f.Refunds, err = s.Refunds(ctx, code); err != nil {
		return f, err
	}
	f.Papers, err = s.Papers(ctx, code)
	return f, err
}
