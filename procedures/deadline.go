package procedures

import (
	"time"

	"gopkg.in/yaml.v3"
)

// SupplementRule says what a supplement request does to the clock.
type SupplementRule string

// The supplement rules.
const (
	// Pause stops the clock while the citizen supplements; it resumes with
	// the time that was left.
	Pause SupplementRule = "pause"
	// Restart counts the whole deadline again from the supplemented dossier.
	Restart SupplementRule = "restart"
)

func (s *SupplementRule) decodeNode(r *report, n *yaml.Node, path string) {
	if v, ok := enum(r, n, path, string(Pause), string(Restart)); ok {
		*s = SupplementRule(v)
	}
}

// Deadline is how long the agency has, in working days or working hours,
// counted on a named calendar from the receipt of a complete dossier.
type Deadline struct {
	WorkingDays  float64        `yaml:"working_days"`
	WorkingHours float64        `yaml:"working_hours"`
	Calendar     string         `yaml:"calendar,required"`
	OnSupplement SupplementRule `yaml:"on_supplement,required"`
	// Cutoff is the time of day after which a filing counts from the next
	// working day; unset, a filing counts from when it is received.
	Cutoff *TimeOfDay `yaml:"cutoff"`
	// SupplementDays is how many working days a citizen has to supplement
	// before the dossier is returned.
	SupplementDays float64 `yaml:"supplement_days"`
	// PaymentDays is how many working days a citizen has to pay.
	PaymentDays float64 `yaml:"payment_days"`
	// SupplementAfterAcceptance allows an officer to ask for a supplement
	// again once the dossier was accepted as complete. Decree 61 expects
	// completeness to be settled at receipt, and the national scorecard
	// counts such a dossier as late, so it is off unless the procedure's
	// own rules provide for it.
	SupplementAfterAcceptance bool `yaml:"supplement_after_acceptance"`
}

// inHours reports whether the deadline is counted in working hours.
func (d Deadline) inHours() bool { return d.WorkingHours > 0 }

// amount converts a quantity in the deadline's unit to working time.
func (p *Procedure) amount(q float64) time.Duration {
	if p.Deadline.inHours() {
		return (time.Duration(q * float64(time.Hour))).Round(time.Second)
	}
	return p.calendar.Days(q)
}

// WorkingTime is the whole deadline as working time.
func (p *Procedure) WorkingTime() time.Duration {
	if p.Deadline.inHours() {
		return p.amount(p.Deadline.WorkingHours)
	}
	return p.amount(p.Deadline.WorkingDays)
}

// SupplementTime is how long a citizen has to supplement, as working time.
func (p *Procedure) SupplementTime() time.Duration { return p.calendar.Days(p.Deadline.SupplementDays) }

// PaymentTime is how long a citizen has to pay, as working time.
func (p *Procedure) PaymentTime() time.Duration { return p.calendar.Days(p.Deadline.PaymentDays) }

func (p *Procedure) cutoff() int {
	if p.Deadline.Cutoff == nil {
		return -1
	}
	return int(*p.Deadline.Cutoff)
}
