package activities

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/motcua/motcua/model"
	"go.temporal.io/sdk/temporal"
)

// ReuseRequest asks to use a document already digitized in place of a
// component (tái sử dụng), so that nobody scans the same paper twice.
type ReuseRequest struct {
	Dossier   string    `json:"dossier"`
	Component string    `json:"component"`
	Document  string    `json:"document"`
	Owner     string    `json:"owner"` // the applicant, who must own the document
	Kinds     []string  `json:"kinds"` // the kinds the component accepts
	At        time.Time `json:"at"`
}

// ErrNotReusable is why a document cannot stand in for a component.
var ErrNotReusable = errors.New("document cannot be reused")

// Reuse checks that the document belongs to the applicant, is of a kind the
// component accepts and is valid now, then counts the reuse.
func (a *Activities) Reuse(ctx context.Context, r ReuseRequest) (model.Document, error) {
	d, err := a.Documents.Get(ctx, r.Document)
	if err != nil {
		return model.Document{}, err
	}
	var why string
	switch {
	case d.Owner != r.Owner:
		why = "it belongs to someone else"
	case !slices.Contains(r.Kinds, d.Kind):
		why = fmt.Sprintf("a %s cannot stand in for component %s", d.Kind, r.Component)
	case r.At.Before(d.ValidFrom) || (!d.ValidTo.IsZero() && r.At.After(d.ValidTo)):
		why = "it is no longer valid"
	}
	if why != "" {
		err := fmt.Errorf("%w: document %s: %s", ErrNotReusable, r.Document, why)
		return model.Document{}, temporal.NewNonRetryableApplicationError(err.Error(), "NotReusable", err)
	}
	if err := a.Documents.CountReuse(ctx, r.Document, r.Dossier, r.Component); err != nil {
		return model.Document{}, err
	}
	return d, nil
}

// Publish stores a digitized result in the citizen's store, so that the
// next dossier can reuse it.
func (a *Activities) Publish(ctx context.Context, d model.Document) error {
	return a.Documents.Put(ctx, d)
}
