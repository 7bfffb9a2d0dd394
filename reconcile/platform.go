package reconcile

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua/motcua/gateway/paygov"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/store"
)

// The window of payments the platform is asked about: younger ones may
// still get their callback; older ones the platform no longer answers for
// and a person settles.
const (
	PlatformMinAge = 30 * time.Minute
	PlatformMaxAge = 72 * time.Hour
)

// Platform settles the payments whose callback never came, by asking the
// national payment platform (QUERY) about every payment still pending
// between 30 minutes and 3 days old.
type Platform struct {
	Store  *store.Store
	Client *paygov.Client
	// Settle applies the platform's word, as a callback would.
	Settle func(ctx context.Context, ref, txID string, amount money.VND, success bool, bank string) error
	Now    func() time.Time
}

// PlatformSummary is what a run did.
type PlatformSummary struct {
	Asked, Paid, Failed, Pending, Errors int
}

func (s PlatformSummary) String() string {
	return fmt.Sprintf("asked %d: %d paid, %d failed, %d still pending, %d not answered", s.Asked, s.Paid, s.Failed, s.Pending, s.Errors)
}

// Run asks about the payments in the window, up to a thousand, those
// asked least recently first, and settles each as the platform answers:
// paid, failed, or still pending. A payment the platform cannot answer
// for now is asked again next run.
func (p *Platform) Run(ctx context.Context) (PlatformSummary, error) {
	var sum PlatformSummary
	now := time.Now()
	if p.Now != nil {
		now = p.Now()
	}
	orders, err := p.Store.PendingOrders(ctx, now.Add(-PlatformMaxAge), now.Add(-PlatformMinAge), 1000)
	if err != nil {
		return sum, err
	}
	for _, o := range orders {
		sum.Asked++
		q, err := p.Client.Query(ctx, o.Reference)
		if err != nil {
			sum.Errors++
			if err := p.Store.OrderQueried(ctx, o.Reference, now); err != nil {
				return sum, err
			}
			continue
		}
		switch q.TrangThai {
		case paygov.StatePaid, paygov.StateFailed:
			paid := q.TrangThai == paygov.StatePaid
			switch err := p.Settle(ctx, o.Reference, q.MaGiaoDich, q.SoTien, paid, q.NganHang); {
			case err != nil:
				sum.Errors++
				if err := p.Store.OrderQueried(ctx, o.Reference, now); err != nil {
					return sum, err
				}
			case paid:
				sum.Paid++
			default:
				sum.Failed++
			}
		default:
			sum.Pending++
			if err := p.Store.OrderQueried(ctx, o.Reference, now); err != nil {
				return sum, err
			}
		}
	}
	return sum, nil
}
