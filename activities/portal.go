package activities

import (
	"context"
	"sync"
	"time"

	"go.temporal.io/sdk/activity"
)

// PortalSync delivers what the national portal has still to hear.
type PortalSync interface {
	// SyncPortal delivers every queued change due, calling heartbeat
	// between rounds, and says what it did.
	SyncPortal(ctx context.Context, heartbeat func(string)) (string, error)
}

// SyncPortal is the scheduled sync with the national portal. It
// heartbeats every few seconds while it lives, whatever the portal does:
// the schedule runs one sync at a time, so a worker killed mid-run must
// be noticed within the heartbeat timeout, not the run's, for the next
// sync to start.
func (a *Activities) SyncPortal(ctx context.Context) (string, error) {
	if a.Portal == nil {
		return "no portal configured", nil
	}
	var mu sync.Mutex
	progress := "starting"
	done := make(chan struct{})
	defer close(done)
	go func() {
		tick := time.NewTicker(5 * time.Second)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				mu.Lock()
				p := progress
				mu.Unlock()
				activity.RecordHeartbeat(ctx, p)
			}
		}
	}()
	return a.Portal.SyncPortal(ctx, func(p string) {
		mu.Lock()
		progress = p
		mu.Unlock()
	})
}
