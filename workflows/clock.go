package workflows

import (
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/workflow"
)

// watchClock raises the due-soon warning and detects overdue exactly at the
// due instant. It sleeps until the next alarm, and wakes early whenever the
// clock changes (a pause, a supplement, an apology letter, the decision).
func (d *dossier) watchClock(ctx workflow.Context) {
	for !d.Stage.Decided() {
		seen := d.clockVersion
		changed := func() bool { return d.clockVersion != seen || d.Stage.Decided() }
		at, warn := d.nextAlarm()
		if !d.Clock.Running || at.IsZero() {
			if workflow.Await(ctx, changed) != nil {
				return
			}
			continue
		}
		if wait := until(ctx, at); wait > 0 {
			woke, err := workflow.AwaitWithTimeout(ctx, wait, changed)
			if err != nil {
				return
			}
			if woke {
				continue
			}
		}
		if err := d.alarm(ctx, warn); err != nil {
			// The legal clock must not stop while the dossier is open:
			// try the alarm again after a minute.
			workflow.GetLogger(ctx).Error("clock alarm not recorded", "error", err)
			if workflow.Sleep(ctx, time.Minute) != nil {
				return
			}
		}
	}
}

// nextAlarm returns the next instant the clock must act at, and whether it
// is the warning (else the overdue).
func (d *dossier) nextAlarm() (time.Time, bool) {
	switch {
	case !d.Clock.Warned && d.Clock.WarnAt.Before(d.Clock.Due):
		return d.Clock.WarnAt, true
	case !d.Clock.OverdueOf.Equal(d.Clock.Due):
		return d.Clock.Due, false
	}
	return time.Time{}, false
}

func (d *dossier) alarm(ctx workflow.Context, warn bool) error {
	if err := d.lock.Lock(ctx); err != nil {
		return err
	}
	defer d.lock.Unlock()
	if warn {
		d.Clock.Warned = true
		return d.announce(ctx, "clock", "due_soon", "due "+d.Clock.Due.Format("2006-01-02 15:04"), nil,
			d.Agency, "due_soon", "Hồ sơ "+d.Code+" sắp đến hạn: "+d.Clock.Due.Format("02/01/2006 15:04")+".")
	}
	d.Clock.Overdue, d.Clock.OverdueOf = true, d.Clock.Due
	return d.announce(ctx, "clock", "overdue", "was due "+d.Clock.Due.Format("2006-01-02 15:04"), nil,
		d.Agency, "overdue", "Hồ sơ "+d.Code+" đã quá hạn: hãy gửi phiếu xin lỗi và hẹn lại cho công dân.")
}

func (d *dossier) checkApologize(ctx workflow.Context, x Apologize) error {
	if d.Stage.Decided() || d.Stage == Received {
		return wrongStage("issue an apology letter", d.Stage)
	}
	if err := required("by", x.By); err != nil {
		return err
	}
	if strings.TrimSpace(x.Reason) == "" {
		return invalid("reason is required: the letter must say why the dossier is late")
	}
	if len(d.Apologies) >= MaxApologies {
		return invalid("%d apology letters have been issued, the most a dossier allows: a supervisor must take the dossier in hand", len(d.Apologies))
	}
	if err := d.historyFull("issue an apology letter"); err != nil {
		return err
	}
	now := workflow.Now(ctx)
	switch {
	case !x.NewDue.After(now):
		return invalid("new_due %s is not in the future", x.NewDue.Format(time.RFC3339))
	case !x.NewDue.After(d.Clock.Due):
		return invalid("new_due %s is not later than the current appointment %s", x.NewDue.Format(time.RFC3339), d.Clock.Due.Format(time.RFC3339))
	case x.NewDue.After(d.Clock.ApologyLimit):
		return invalid("new_due %s is past %s: a new appointment may add at most the procedure's whole deadline", x.NewDue.Format(time.RFC3339), d.Clock.ApologyLimit.Format(time.RFC3339))
	}
	return nil
}

// doApologize records the letter and moves the appointment. On-time is
// still judged against the original appointment. The warning moves with
// the appointment, keeping the same lead.
func (d *dossier) doApologize(ctx workflow.Context, x Apologize) error {
	now := workflow.Now(ctx)
	letter := ApologyLetter{By: x.By, Reason: x.Reason, OldDue: d.Clock.Due, NewDue: x.NewDue, At: now}
	d.Apologies = append(d.Apologies, letter)
	lead := d.Clock.Due.Sub(d.Clock.WarnAt)
	d.Clock.Due, d.Clock.WarnAt, d.Clock.Warned = x.NewDue, maxTime(x.NewDue.Add(-lead), now), false
	d.clockVersion++
	signer := x.ByName
	if signer == "" {
		signer = x.By
	}
	paper := d.apologyLetter(letter, signer)
	return d.announce(ctx, x.By, "apology", x.Reason+"; new appointment "+x.NewDue.Format("2006-01-02 15:04"), paper,
		d.Applicant, "apology", "Phiếu xin lỗi và hẹn lại ngày trả kết quả hồ sơ "+d.Code+
			": "+x.Reason+". Ngày hẹn mới: "+x.NewDue.Format("02/01/2006 15:04")+
			fmt.Sprintf(". Phiếu: /dossiers/%s/apologies/%d", d.Code, paper.Number))
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
