package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"time"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/motcua/motcua/reconcile"
	"github.com/motcua/motcua/workflows"
)

// Checker returns a reconciliation of this service's store against its
// Temporal, and the one it moved from.
func (s *Service) Checker(repair bool) *reconcile.Checker {
	c := &reconcile.Checker{Store: s.Store, Temporal: s.Carrier, Repair: repair, Grace: 2 * time.Minute}
	if two, ok := s.Carrier.(twoEngines); ok && s.Config.MovedFrom != "" {
		c.MovedFrom = two.other
	}
	return c
}

// scheduled is the worker's reconciliation: it repairs what it safely can
// and keeps its findings for supervisors.
type scheduled struct{ s *Service }

func (j scheduled) Reconcile(ctx context.Context) (string, error) {
	c := j.s.Checker(true)
	c.Grace = min(c.Grace, j.s.Config.ReconcileEvery)
	rep, err := c.Run(ctx)
	if err != nil {
		return "", err
	}
	if err := j.s.Store.SaveFindings(ctx, time.Now(), rep.Findings); err != nil {
		return "", err
	}
	if rep.Problems() > 0 {
		j.s.Log.Warn("reconciliation found problems", "summary", rep.Summary())
	}
	return rep.Summary(), nil
}

// Schedule makes sure the schedules exist: the reconciliation, the
// payment platform's reconciliation when it takes payments, and the sync
// with the national portal unless it is off. Every worker asks; the
// first creates them. The worker of a Temporal the province is moving
// from removes them there instead: they run on the new one, and two of
// each would deliver the portal's changes twice.
func (s *Service) Schedule(ctx context.Context) error {
	if s.Config.MovingTo != "" {
		return s.unschedule(ctx)
	}
	if err := s.schedule(ctx, workflows.ReconcileScheduleOptions(s.Config.ReconcileEvery)); err != nil {
		return fmt.Errorf("the reconciliation schedule: %w", err)
	}
	if s.Platform != nil {
		if err := s.schedule(ctx, workflows.PaymentReconcileScheduleOptions(s.Config.PaymentReconcileEvery)); err != nil {
			return fmt.Errorf("the payment platform's reconciliation schedule: %w", err)
		}
	}
	if s.Portal != nil {
		if err := s.schedule(ctx, workflows.PortalSyncScheduleOptions(s.Config.PortalSyncEvery)); err != nil {
			return fmt.Errorf("the portal sync's schedule: %w", err)
		}
	}
	return nil
}

// unschedule removes every schedule from this instance's own Temporal.
func (s *Service) unschedule(ctx context.Context) error {
	for _, id := range []string{workflows.ReconcileSchedule, workflows.PaymentReconcileSchedule, workflows.PortalSyncSchedule} {
		err := s.Temporal.ScheduleClient().GetHandle(ctx, id).Delete(ctx)
		var gone *serviceerror.NotFound
		if err != nil && !errors.As(err, &gone) {
			return fmt.Errorf("removing the schedule %s: %w", id, err)
		}
	}
	s.Log.Info("the schedules run on the Temporal this province moves to", "address", s.Config.MovingTo)
	return nil
}

func (s *Service) schedule(ctx context.Context, opts client.ScheduleOptions) error {
	_, err := s.Temporal.ScheduleClient().Create(ctx, opts)
	var exists *serviceerror.AlreadyExists
	if err == nil || errors.As(err, &exists) || errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
		return nil
	}
	return err
}

// OpenClient opens the records and a client of Temporal, starting no
// server: the tools that run beside a live instance, such as reconcile.
// With no address it reaches the embedded server of a serve on this host.
func OpenClient(ctx context.Context, cfg Config, log *slog.Logger) (*Service, error) {
	s, err := OpenRecords(ctx, cfg)
	if err != nil {
		return nil, err
	}
	s.Log = log
	if cfg.TemporalAddress == "" {
		s.Config.TemporalAddress = net.JoinHostPort("127.0.0.1", strconv.Itoa(cfg.TemporalPort))
	}
	if err := s.connect(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}
