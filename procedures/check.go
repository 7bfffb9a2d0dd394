package procedures

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"cel.dev/cel-go/cel"
	"github.com/motcua/motcua/calendar"
)

var (
	identifier = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)
	mediaType  = regexp.MustCompile(`^[a-z]+/[a-z0-9.+-]+$`)
	// celReserved are words CEL keeps for itself; an input cannot be named so.
	celReserved = map[string]bool{"true": true, "false": true, "null": true, "in": true, "as": true, "break": true,
		"const": true, "continue": true, "else": true, "for": true, "function": true, "if": true, "import": true,
		"let": true, "loop": true, "package": true, "namespace": true, "return": true, "var": true, "void": true, "while": true,
		"required": true, "optional": true}
)

// check validates one decoded version and compiles its rules.
func (r *report) check(p *Procedure, calendars map[string]*calendar.Calendar) {
	root := p.node
	if p.Version < 1 {
		r.at(root, "version", "must be 1 or more, got %d", p.Version)
	}
	if !p.EffectiveTo.IsZero() && p.EffectiveTo.Before(p.EffectiveFrom.Day) {
		r.at(root, "effective_to", "%s comes before effective_from %s", p.EffectiveTo.Day, p.EffectiveFrom.Day)
	}
	if len(p.LegalBasis) == 0 {
		r.at(root, "legal_basis", "must cite at least one legal document")
	}
	p.calendar = calendars[p.Deadline.Calendar]
	if p.calendar == nil && p.Deadline.Calendar != "" {
		r.at(root, "deadline.calendar", "unknown calendar %q%s", p.Deadline.Calendar, known(calendars))
	}
	r.checkInputs(p)
	env, err := envFor(p.Inputs)
	if err != nil {
		r.at(root, "inputs", "cannot build the rule environment: %v", err)
		return
	}
	p.env = env
	r.checkService(p)
	r.checkComponents(p)
	r.checkFees(p)
	if p.calendar != nil {
		r.checkDeadline(p)
	}
}

func known(calendars map[string]*calendar.Calendar) string {
	var ids []string
	for id := range calendars {
		ids = append(ids, fmt.Sprintf("%q", id))
	}
	if len(ids) == 0 {
		return "; no calendar is declared"
	}
	return "; known calendars: " + strings.Join(sorted(ids), ", ")
}

func (r *report) checkInputs(p *Procedure) {
	p.inputs = map[string]*Input{}
	for i := range p.Inputs {
		in := &p.Inputs[i]
		path := fmt.Sprintf("inputs[%d]", i)
		switch {
		case in.Name == "":
			continue
		case !identifier.MatchString(in.Name):
			r.at(p.node, path+".name", "%q is not a valid name: use lowercase letters, digits and _", in.Name)
		case builtins[in.Name]:
			r.at(p.node, path+".name", "%q is built in: every rule can already read it", in.Name)
		case celReserved[in.Name]:
			r.at(p.node, path+".name", "%q is a reserved word", in.Name)
		}
		if _, dup := p.inputs[in.Name]; dup {
			r.at(p.node, path+".name", "input %q is declared twice", in.Name)
		}
		p.inputs[in.Name] = in
		if in.Type.Scalar == Enum && len(in.Values) == 0 {
			r.at(p.node, path+".values", "an enum input must list its values")
		}
		if in.Type.Scalar != Enum && len(in.Values) > 0 {
			r.at(p.node, path+".values", "only an enum input lists values")
		}
		if in.Min != nil && in.Max != nil && *in.Min > *in.Max {
			r.at(p.node, path+".max", "max %d is below min %d", *in.Max, *in.Min)
		}
		if in.Pattern != "" {
			re, err := regexp.Compile(in.Pattern)
			if err != nil {
				r.at(p.node, path+".pattern", "is not a valid pattern: %v", err)
			}
			in.pattern = re
		}
		r.defaultOf(p, in, path)
	}
}

// defaultOf works out the value an optional input takes when left out.
func (r *report) defaultOf(p *Procedure, in *Input, path string) {
	if in.Default.Kind == 0 {
		if !in.Optional {
			return
		}
		if in.Type.Scalar == DateT && !in.Type.List {
			r.at(p.node, path+".default", "an optional date input needs a default")
			return
		}
		in.zero, _ = in.convert(zeroOf(in.Type))
		return
	}
	if !in.Optional {
		r.at(p.node, path+".default", "only an optional input has a default")
		return
	}
	var raw any
	if err := in.Default.Decode(&raw); err == nil {
		v, err := in.convert(raw)
		if err == nil {
			in.zero = v
			return
		}
		r.at(p.node, path+".default", "%v", err)
	}
}

func zeroOf(t InputType) any {
	if t.List {
		return []any{}
	}
	switch t.Scalar {
	case Int:
		return int64(0)
	case Bool:
		return false
	case Enum:
		return nil
	}
	return ""
}

func (r *report) checkService(p *Procedure) {
	s := p.Service
	seen := map[Channel]bool{}
	for i, c := range s.Channels {
		if seen[c] {
			r.at(p.node, fmt.Sprintf("service.channels[%d]", i), "channel %q is listed twice", c)
		}
		seen[c] = true
	}
	if s.Level == FullOnline && (len(s.Channels) != 1 || s.Channels[0] != Online) {
		r.at(p.node, "service.channels", "a full_online procedure is received online only: list just online (an officer can file online on a citizen's behalf)")
	}
	if s.Level == FullOnline && p.FeeBearing() && !s.OnlinePayment {
		r.at(p.node, "service.online_payment", "a full_online procedure with fees must offer online payment")
	}
	for i, pl := range s.PaperlessPilots {
		path := fmt.Sprintf("service.paperless_pilots[%d]", i)
		if pl.To.Before(pl.From.Day) {
			r.at(p.node, path+".to", "%s comes before from %s", pl.To.Day, pl.From.Day)
		}
		if !seen[Online] {
			r.at(p.node, path, "a paperless pilot needs the online channel, or nobody could file")
		}
	}
}

func (r *report) checkComponents(p *Procedure) {
	codes := map[string]bool{}
	for i := range p.Components {
		c := &p.Components[i]
		path := fmt.Sprintf("components[%d]", i)
		if codes[c.Code] {
			r.at(p.node, path+".code", "component %q is declared twice", c.Code)
		}
		codes[c.Code] = true
		if !c.Required.Set() {
			c.Required = always(true)
		}
		if !c.Digitize.Set() {
			c.Digitize.Condition = always(false)
		}
		r.compile(p, &c.Required.Expr, path+".required", cel.BoolType)
		r.compile(p, &c.Digitize.Expr, path+".digitize", cel.BoolType)
		for j, m := range c.Media {
			if !mediaType.MatchString(m) {
				r.at(p.node, fmt.Sprintf("%s.media[%d]", path, j), "%q is not a media type such as application/pdf", m)
			}
		}
		if c.Originals < 0 || c.Copies < 0 {
			r.at(p.node, path, "originals and copies cannot be negative")
		}
	}
}

func (r *report) checkFees(p *Procedure) {
	if p.Fees == nil {
		return
	}
	if p.Fees.Rounding.Unit < 0 || (p.Fees.Rounding.Unit == 0 && p.Fees.Rounding.Mode != "") {
		r.at(p.node, "fees.rounding.unit", "must be 1 đồng or more")
	}
	codes := map[string]bool{}
	for i := range p.Fees.Items {
		f := &p.Fees.Items[i]
		path := fmt.Sprintf("fees.items[%d]", i)
		if codes[f.Code] {
			r.at(p.node, path+".code", "fee %q is declared twice", f.Code)
		}
		codes[f.Code] = true
		r.compile(p, &f.Amount.Expr, path+".amount", cel.IntType)
		if f.Amount.Const != nil && *f.Amount.Const < 0 {
			r.at(p.node, path+".amount", "cannot be negative")
		}
		for j := range f.Discounts {
			d := &f.Discounts[j]
			dpath := fmt.Sprintf("%s.discounts[%d]", path, j)
			r.compile(p, &d.When.Expr, dpath+".when", cel.BoolType)
			switch {
			case (d.Percent == nil) == (d.Amount == nil):
				r.at(p.node, dpath, "give either percent or amount, not both or neither")
			case d.Percent != nil && (*d.Percent < 1 || *d.Percent > 100):
				r.at(p.node, dpath+".percent", "must be from 1 to 100, got %d", *d.Percent)
			case d.Amount != nil && *d.Amount < 1:
				r.at(p.node, dpath+".amount", "must be 1 đồng or more, got %d", *d.Amount)
			}
			if !d.EffectiveTo.IsZero() && d.EffectiveTo.Before(d.EffectiveFrom.Day) {
				r.at(p.node, dpath+".effective_to", "%s comes before effective_from %s", d.EffectiveTo.Day, d.EffectiveFrom.Day)
			}
		}
	}
}

func (r *report) checkDeadline(p *Procedure) {
	d := p.Deadline
	if (d.WorkingDays > 0) == (d.WorkingHours > 0) {
		r.at(p.node, "deadline", "give either working_days or working_hours, more than zero")
		return
	}
	whole := d.WorkingDays
	unit := "working days"
	if d.inHours() {
		whole, unit = d.WorkingHours, "working hours"
	}
	var shares float64
	codes := map[string]bool{}
	for i, s := range p.Steps {
		path := fmt.Sprintf("steps[%d]", i)
		if codes[s.Code] {
			r.at(p.node, path+".code", "step %q is declared twice", s.Code)
		}
		codes[s.Code] = true
		if s.Share <= 0 || math.IsNaN(s.Share) {
			r.at(p.node, path+".share", "must be more than zero")
		}
		shares += s.Share
	}
	p.total = p.WorkingTime()
	var cum float64
	for _, s := range p.Steps {
		cum += s.Share
		p.stepEnds = append(p.stepEnds, p.amount(cum))
	}
	// Shares are decimals such as 0.25; compare them as numbers, with room
	// for binary rounding, rather than as rounded minutes.
	if len(p.Steps) > 0 && math.Abs(shares-whole) > 1e-9*math.Max(1, whole) {
		r.at(p.node, "steps", "shares add up to %g %s, but the deadline is %g", shares, unit, whole)
	}
	if d.Cutoff != nil && (*d.Cutoff <= 0 || *d.Cutoff >= 24*60) {
		r.at(p.node, "deadline.cutoff", "must be a time within the day")
	}
}
