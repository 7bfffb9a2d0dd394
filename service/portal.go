package service

import (
	"context"
	"time"

	"github.com/motcua/motcua/portal"
)

// portalSync is the worker's sync with the national portal.
type portalSync struct{ s *Service }

func (p portalSync) SyncPortal(ctx context.Context, heartbeat func(string)) (string, error) {
	sync := &portal.Sync{Store: p.s.Store, Client: p.s.Portal, Names: portal.Names{Catalogue: p.s.Catalogue},
		Log: p.s.Log, Budget: 5 * time.Minute, Parallel: 8}
	sum, err := sync.Run(ctx, func(s portal.Summary) { heartbeat(s.String()) })
	return sum.String(), err
}
