package procedures

import (
	"fmt"
	"time"

	"cel.dev/cel-go/interpreter"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/money"
)

// Quote is what a dossier will cost, what it must contain and when its result
// is due, under one version of a procedure.
type Quote struct {
	Procedure  Ref           `json:"procedure"`
	Channel    Channel       `json:"channel"`
	Applicant  ApplicantKind `json:"applicant_kind"`
	Received   time.Time     `json:"received"`
	Fees       []FeeLine     `json:"fees"`
	Total      money.VND     `json:"total"`
	Components []Need        `json:"components"`
	// ClockStarts is when the deadline starts to run: the receipt, or the
	// next opening when the filing came after hours or after the cutoff.
	ClockStarts time.Time `json:"clock_starts"`
	// WorkingMinutes is the whole deadline in minutes of office time.
	WorkingMinutes int64     `json:"working_minutes"`
	Due            time.Time `json:"due"` // the appointment (ngày hẹn trả kết quả)
	Steps          []StepDue `json:"steps"`
}

// FeeLine is one fee item as charged: its amount before and after the
// discount that applied, if any.
type FeeLine struct {
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	Kind      FeeKind   `json:"kind"`
	Base      money.VND `json:"base"`
	Discount  string    `json:"discount,omitempty"`
	Reduction money.VND `json:"reduction"`
	Amount    money.VND `json:"amount"`
}

// Need is a component as it applies to one dossier.
type Need struct {
	Code      string   `json:"code"`
	Name      string   `json:"name"`
	Required  bool     `json:"required"`
	Digitize  bool     `json:"digitize"`
	Media     []string `json:"media,omitempty"`
	MaxSize   int64    `json:"max_size,omitempty"`
	Originals int      `json:"originals"`
	Copies    int      `json:"copies"`
	Reuse     []string `json:"reuse,omitempty"`
}

// StepDue is a processing step with the instant its share of the deadline ends.
type StepDue struct {
	Code string    `json:"code"`
	Name string    `json:"name"`
	Role string    `json:"role"`
	Due  time.Time `json:"due"`
}

// Refusal says why a filing cannot be received at all, in words a citizen
// understands, with a reason code for programs.
type Refusal struct {
	Reason  string
	Message string
}

// The reasons a filing is refused before any rule runs.
const (
	ReasonNotInForce = "not_in_force"
	ReasonChannel    = "channel_not_offered"
	ReasonPaperless  = "paperless_pilot"
)

// Error returns the plain-words message.
func (r *Refusal) Error() string { return r.Message }

// Admit checks that a filing by channel at t may be received under this
// version at all.
func (p *Procedure) Admit(channel Channel, at time.Time) error {
	day := calendar.DayOf(at, p.calendar.Location())
	switch {
	case !p.InForce(at):
		return &Refusal{ReasonNotInForce, fmt.Sprintf("version %d of procedure %s is not in force on %s", p.Version, p.Code, day)}
	case !p.Service.Offers(channel):
		if p.Service.Level == FullOnline {
			return &Refusal{ReasonChannel, fmt.Sprintf("procedure %s is a full-online service: it is filed online only; an officer at the counter can file it online on your behalf", p.Code)}
		}
		return &Refusal{ReasonChannel, fmt.Sprintf("procedure %s cannot be filed by %s", p.Code, channel)}
	}
	if pl, ok := p.Service.PilotOn(day); ok && channel.Paper() {
		return &Refusal{ReasonPaperless, fmt.Sprintf("from %s to %s procedure %s accepts no paper filings (paperless pilot); please file online, or ask an officer to file it online for you", pl.From.Day, pl.To.Day, p.Code)}
	}
	return nil
}

// Quote evaluates the procedure's rules for one filing: inputs as a form
// sends them, the channel, the kind of applicant and the moment of receipt.
// It is pure and deterministic.
func (p *Procedure) Quote(raw map[string]any, channel Channel, applicant ApplicantKind, at time.Time) (*Quote, error) {
	if err := p.Admit(channel, at); err != nil {
		return nil, err
	}
	vals, err := p.CheckInputs(raw)
	if err != nil {
		return nil, err
	}
	if applicant == "" {
		applicant = Individual
	}
	filed := calendar.DayOf(at, p.calendar.Location())
	vars := activation(vals, channel, applicant, filed)
	q := &Quote{Procedure: p.Ref(), Channel: channel, Applicant: applicant, Received: at}
	if err := p.fees(q, vars, filed); err != nil {
		return nil, err
	}
	if err := p.needs(q, vars); err != nil {
		return nil, err
	}
	if err := p.schedule(q, at); err != nil {
		return nil, err
	}
	return q, nil
}

func (p *Procedure) fees(q *Quote, vars interpreter.Activation, filed calendar.Day) error {
	if p.Fees == nil {
		return nil
	}
	q.Fees = make([]FeeLine, 0, len(p.Fees.Items))
	for i := range p.Fees.Items {
		f := &p.Fees.Items[i]
		base, err := f.Amount.eval(vars)
		if err != nil {
			return fmt.Errorf("fee %s: %w", f.Code, err)
		}
		if base < 0 {
			return fmt.Errorf("fee %s: the rule gave %s, and a fee cannot be negative", f.Code, money.VND(base))
		}
		line := FeeLine{Code: f.Code, Name: f.Name, Kind: f.Kind, Base: money.VND(base), Amount: money.VND(base)}
		for j := range f.Discounts {
			d := &f.Discounts[j]
			if !d.inForce(filed) {
				continue
			}
			ok, err := d.When.eval(vars)
			if err != nil {
				return fmt.Errorf("fee %s discount %q: %w", f.Code, d.Name, err)
			}
			if !ok {
				continue
			}
			if r := p.Fees.reduction(d, base); r > int64(line.Reduction) {
				line.Reduction, line.Discount = money.VND(r), d.Name
			}
		}
		line.Amount = line.Base - line.Reduction
		q.Fees = append(q.Fees, line)
		q.Total += line.Amount
	}
	return nil
}

func (d *Discount) inForce(day calendar.Day) bool {
	if !d.EffectiveFrom.IsZero() && day.Before(d.EffectiveFrom.Day) {
		return false
	}
	return d.EffectiveTo.IsZero() || !d.EffectiveTo.Day.Before(day)
}

// reduction is how much a discount takes off an amount, after rounding what
// is left by the stated rule.
func (fs *Fees) reduction(d *Discount, base int64) int64 {
	if d.Amount != nil {
		return min(*d.Amount, base)
	}
	left := fs.Rounding.apply(base * (100 - *d.Percent))
	return base - min(left, base)
}

func (p *Procedure) needs(q *Quote, vars interpreter.Activation) error {
	q.Components = make([]Need, len(p.Components))
	for i := range p.Components {
		c := &p.Components[i]
		req, err := c.Required.eval(vars)
		if err != nil {
			return fmt.Errorf("component %s: required: %w", c.Code, err)
		}
		dig, err := c.Digitize.eval(vars)
		if err != nil {
			return fmt.Errorf("component %s: digitize: %w", c.Code, err)
		}
		q.Components[i] = Need{Code: c.Code, Name: c.Name, Required: req, Digitize: dig,
			Media: c.Media, MaxSize: int64(c.MaxSize), Originals: c.Originals, Copies: c.Copies, Reuse: c.Reuse}
	}
	return nil
}

func (p *Procedure) schedule(q *Quote, at time.Time) error {
	cal := p.calendar
	start, err := cal.Start(at, p.cutoff())
	if err != nil {
		return fmt.Errorf("deadline: %w", err)
	}
	q.ClockStarts, q.WorkingMinutes = start, int64(p.total/time.Minute)
	if q.Due, err = cal.Add(start, p.total); err != nil {
		return fmt.Errorf("deadline: %w", err)
	}
	q.Steps = make([]StepDue, len(p.Steps))
	for i, s := range p.Steps {
		due := q.Due
		// Each step ends at its cumulative share from the start, so that
		// rounding never drifts; the last ends at the appointment itself.
		if i < len(p.Steps)-1 {
			if due, err = cal.Add(start, p.stepEnds[i]); err != nil {
				return fmt.Errorf("deadline of step %s: %w", s.Code, err)
			}
		}
		q.Steps[i] = StepDue{s.Code, s.Name, s.Role, due}
	}
	return nil
}

// Required returns the codes of the components this dossier must contain.
func (q *Quote) Required() []string {
	var out []string
	for _, c := range q.Components {
		if c.Required {
			out = append(out, c.Code)
		}
	}
	return out
}

// ToDigitize returns the codes of the required components that must be
// digitized. An optional component marked Digitize must be digitized only if
// the dossier contains it.
func (q *Quote) ToDigitize() []string {
	var out []string
	for _, c := range q.Components {
		if c.Required && c.Digitize {
			out = append(out, c.Code)
		}
	}
	return out
}

// NoCutoffForResume is the cutoff used when a clock resumes or a period
// starts: the day's cutoff applies to new filings only.
const NoCutoffForResume = calendar.NoCutoff

// Reschedule computes the appointment and each step's due instant for a
// clock that starts at start with elapsed working time already used: zero
// for a new or restarted clock, the time used before a pause for a resumed
// one. Steps whose share was used up before the pause are due at start.
func (p *Procedure) Reschedule(start time.Time, elapsed time.Duration) (time.Time, []time.Time, error) {
	cal := p.calendar
	due, err := cal.Add(start, max(p.total-elapsed, 0))
	if err != nil {
		return time.Time{}, nil, fmt.Errorf("deadline: %w", err)
	}
	steps := make([]time.Time, len(p.stepEnds))
	for i, end := range p.stepEnds {
		if steps[i], err = cal.Add(start, max(end-elapsed, 0)); err != nil {
			return time.Time{}, nil, fmt.Errorf("deadline of step %s: %w", p.Steps[i].Code, err)
		}
	}
	return due, steps, nil
}
