package portal

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/motcua/motcua/store"
)

// Sync delivers the changes queued for the portal.
type Sync struct {
	Store  *store.Store
	Client *Client
	Names  Names
	Log    *slog.Logger
	Now    func() time.Time
	// Budget bounds one run; what is left waits for the next.
	Budget time.Duration
	// Parallel is how many dossiers are delivered at once; each dossier's
	// changes still go one after the other.
	Parallel int
}

// Summary is what a run did.
type Summary struct {
	Sent, Skipped, Failed int
}

func (s Summary) String() string {
	return fmt.Sprintf("sent %d, skipped %d, failed %d", s.Sent, s.Skipped, s.Failed)
}

// Backoff is how long a change waits after its n-th failed delivery:
// ten seconds, doubling, at most an hour.
func Backoff(n int) time.Duration {
	d := 10 * time.Second
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

func (s *Sync) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Run delivers every change due, round after round: each round takes the
// first undelivered change of each dossier, so a dossier's statuses reach
// the portal in order and one dossier's failure holds back only itself.
// heartbeat, when given, is called after each change.
func (s *Sync) Run(ctx context.Context, heartbeat func(Summary)) (Summary, error) {
	var sum Summary
	budget := s.Budget
	if budget <= 0 {
		budget = time.Minute
	}
	parallel := max(s.Parallel, 1)
	deadline := time.Now().Add(budget)
	for time.Now().Before(deadline) {
		due, err := s.Store.PortalDue(ctx, s.now(), 200)
		if err != nil {
			return sum, err
		}
		if len(due) == 0 {
			break
		}
		var mu sync.Mutex
		var firstErr error
		sem := make(chan struct{}, parallel)
		var wg sync.WaitGroup
		for _, c := range due {
			sem <- struct{}{}
			wg.Add(1)
			go func(c store.PortalChange) {
				defer func() { <-sem; wg.Done() }()
				outcome, err := s.one(ctx, c)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err != nil:
					firstErr = err
				case outcome == store.PortalSent:
					sum.Sent++
				case outcome == store.PortalSkipped:
					sum.Skipped++
				default:
					sum.Failed++
				}
				if heartbeat != nil {
					heartbeat(sum)
				}
			}(c)
		}
		wg.Wait()
		if firstErr != nil {
			return sum, firstErr
		}
		if err := ctx.Err(); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

// one delivers one change and records how it went. The error is the
// store's: the portal's failures are recorded, not returned.
func (s *Sync) one(ctx context.Context, c store.PortalChange) (string, error) {
	status, ok := s.Client.Config.Statuses[c.Milestone.Event.Action]
	if !ok {
		return store.PortalSkipped, s.Store.PortalDone(ctx, c.Dossier, c.Seq, store.PortalSkipped, s.now())
	}
	if err := s.Client.Deliver(ctx, c, s.Names, status); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		if s.Log != nil {
			s.Log.Warn("the national portal did not take a change", "dossier", c.Dossier, "seq", c.Seq, "attempt", c.Attempts+1, "error", err)
		}
		return "failed", s.Store.PortalFailed(ctx, c.Dossier, c.Seq, err.Error(), s.now().Add(Backoff(c.Attempts+1)))
	}
	return store.PortalSent, s.Store.PortalDone(ctx, c.Dossier, c.Seq, store.PortalSent, s.now())
}
