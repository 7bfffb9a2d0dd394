package activities

import (
	"context"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/motcua/motcua/procedures"
)

// Schedule is the legal clock of a dossier from a start: its appointment,
// when to warn that it is due soon, the latest date an apology letter may
// set, and each step's due instant.
type Schedule struct {
	Start        time.Time   `json:"start"`
	Due          time.Time   `json:"due"`
	WarnAt       time.Time   `json:"warn_at"`
	ApologyLimit time.Time   `json:"apology_limit"`
	Steps        []time.Time `json:"steps"`
	// RemainingMinutes is the working time from Start to Due.
	RemainingMinutes int64 `json:"remaining_minutes"`
}

// ScheduleRequest asks for the clock from a moment, with some working time
// already used (a paused clock resuming), or none (a clock restarting).
type ScheduleRequest struct {
	Procedure      procedures.Ref `json:"procedure"`
	From           time.Time      `json:"from"`
	ElapsedMinutes int64          `json:"elapsed_minutes"`
}

// Reschedule computes the clock from a moment: run as a local activity, so
// that a calendar edited later (a holiday announced) never changes the
// history of a dossier already in flight.
func (a *Activities) Reschedule(_ context.Context, r ScheduleRequest) (Schedule, error) {
	p, err := a.version(r.Procedure)
	if err != nil {
		return Schedule{}, err
	}
	start, err := p.Calendar().Start(r.From, procedures.NoCutoffForResume)
	if err != nil {
		return Schedule{}, err
	}
	return a.schedule(p, start, time.Duration(r.ElapsedMinutes)*time.Minute)
}

func (a *Activities) schedule(p *procedures.Procedure, start time.Time, elapsed time.Duration) (Schedule, error) {
	due, steps, err := p.Reschedule(start, elapsed)
	if err != nil {
		return Schedule{}, temporal.NewNonRetryableApplicationError(err.Error(), "CalendarOutOfRange", err)
	}
	cal := p.Calendar()
	remaining := max(p.WorkingTime()-elapsed, 0)
	warnAt := start
	if lead := a.WarningLead; remaining > lead {
		if warnAt, err = cal.Add(start, remaining-lead); err != nil {
			return Schedule{}, err
		}
	}
	// An apology letter may move the appointment by at most the whole
	// deadline again: a limit so that a new date is a promise, not a shrug.
	limit, err := cal.Add(due, p.WorkingTime())
	if err != nil {
		return Schedule{}, temporal.NewNonRetryableApplicationError(err.Error(), "CalendarOutOfRange", err)
	}
	return Schedule{Start: start, Due: due, WarnAt: warnAt, ApologyLimit: limit, Steps: steps,
		RemainingMinutes: int64(remaining / time.Minute)}, nil
}

// MeasureRequest asks how much working time passed between two moments.
type MeasureRequest struct {
	Procedure procedures.Ref `json:"procedure"`
	From      time.Time      `json:"from"`
	To        time.Time      `json:"to"`
}

// Measure returns the working minutes between two moments on the
// procedure's calendar: the clock used before a pause.
func (a *Activities) Measure(_ context.Context, r MeasureRequest) (int64, error) {
	p, err := a.version(r.Procedure)
	if err != nil {
		return 0, err
	}
	d, err := p.Calendar().Between(r.From, r.To)
	if err != nil {
		return 0, temporal.NewNonRetryableApplicationError(err.Error(), "CalendarOutOfRange", err)
	}
	return int64(max(d, 0) / time.Minute), nil
}

// PeriodRequest asks when a period of working days that starts now ends:
// the time a citizen has to supplement or to pay.
type PeriodRequest struct {
	Procedure procedures.Ref `json:"procedure"`
	From      time.Time      `json:"from"`
	Kind      string         `json:"kind"` // supplement or payment
}

// The periods a citizen is given.
const (
	PeriodSupplement = "supplement"
	PeriodPayment    = "payment"
)

// PeriodEnd returns when the citizen's period ends.
func (a *Activities) PeriodEnd(_ context.Context, r PeriodRequest) (time.Time, error) {
	p, err := a.version(r.Procedure)
	if err != nil {
		return time.Time{}, err
	}
	d := p.SupplementTime()
	if r.Kind == PeriodPayment {
		d = p.PaymentTime()
	}
	end, err := p.Calendar().Due(r.From, d, procedures.NoCutoffForResume)
	if err != nil {
		return time.Time{}, temporal.NewNonRetryableApplicationError(err.Error(), "CalendarOutOfRange", err)
	}
	return end, nil
}

func (a *Activities) version(ref procedures.Ref) (*procedures.Procedure, error) {
	p, err := a.Catalogue.Version(ref.Code, ref.Version)
	if err != nil {
		return nil, temporal.NewNonRetryableApplicationError(err.Error(), "UnknownProcedure", err)
	}
	return p, nil
}
