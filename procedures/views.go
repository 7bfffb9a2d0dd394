package procedures

import "strconv"

// The views of procedures that people and clients read: a procedure as
// lists show it, and a version in full with its rules as the analyst wrote
// them. The API serves them and the pages render them, from here.

// ProcedureSummary is a procedure as lists show it: its version in force.
type ProcedureSummary struct {
	Code          string       `json:"code"`
	Name          string       `json:"name"`
	Agency        Agency       `json:"agency"`
	Level         Level        `json:"level"`
	Version       int          `json:"version"`
	EffectiveFrom string       `json:"effective_from"`
	EffectiveTo   string       `json:"effective_to,omitempty"`
	ServiceLevel  ServiceLevel `json:"service_level"`
	Channels      []Channel    `json:"channels"`
	OnlinePayment bool         `json:"online_payment"`
}

// ProcedureVersion is one version of a procedure in full, rules as written.
type ProcedureVersion struct {
	ProcedureSummary
	LegalBasis     []string           `json:"legal_basis"`
	Hash           string             `json:"hash"`
	Inputs         []InputView        `json:"inputs"`
	PaperlessPilot []PilotView        `json:"paperless_pilots"`
	Components     []ComponentView    `json:"components"`
	Fees           *FeesView          `json:"fees,omitempty"`
	Deadline       DeadlineView       `json:"deadline"`
	Steps          []Step             `json:"steps"`
	Result         Result             `json:"result"`
	Versions       []ProcedureSummary `json:"versions" doc:"Every version of the procedure, oldest first."`
}

// InputView is one field of the dossier's form.
type InputView struct {
	Name     string   `json:"name"`
	Label    string   `json:"label,omitempty"`
	Type     string   `json:"type"`
	Optional bool     `json:"optional"`
	Values   []string `json:"values,omitempty"`
}

// PilotView is a paperless pilot's window.
type PilotView struct {
	From string `json:"from"`
	To   string `json:"to,omitempty"`
}

// ComponentView is a component with its rules as written.
type ComponentView struct {
	Code      string   `json:"code"`
	Name      string   `json:"name"`
	Required  string   `json:"required" doc:"true, false, or the CEL condition."`
	Digitize  string   `json:"digitize" doc:"required, optional, or the CEL condition."`
	Media     []string `json:"media,omitempty"`
	MaxSize   int64    `json:"max_size,omitempty"`
	Originals int      `json:"originals"`
	Copies    int      `json:"copies"`
	Reuse     []string `json:"reuse,omitempty"`
}

// FeesView is the fees with their rules as written.
type FeesView struct {
	Rounding Rounding  `json:"rounding"`
	Items    []FeeView `json:"items"`
}

// FeeView is one fee item.
type FeeView struct {
	Code      string         `json:"code"`
	Name      string         `json:"name"`
	Kind      string         `json:"kind"`
	Amount    string         `json:"amount" doc:"The amount in VND, or the CEL expression."`
	Discounts []DiscountView `json:"discounts,omitempty"`
}

// DiscountView is one discount.
type DiscountView struct {
	Name          string `json:"name"`
	When          string `json:"when"`
	Percent       *int64 `json:"percent,omitempty"`
	Amount        *int64 `json:"amount,omitempty"`
	EffectiveFrom string `json:"effective_from,omitempty"`
	EffectiveTo   string `json:"effective_to,omitempty"`
}

// DeadlineView is the deadline.
type DeadlineView struct {
	WorkingDays  float64 `json:"working_days,omitempty"`
	WorkingHours float64 `json:"working_hours,omitempty"`
	Calendar     string  `json:"calendar"`
	OnSupplement string  `json:"on_supplement"`
}

// Summarize is a procedure as lists show it.
func Summarize(p *Procedure) ProcedureSummary {
	s := ProcedureSummary{Code: p.Code, Name: p.Name, Agency: p.Agency, Level: p.Level, Version: p.Version,
		EffectiveFrom: p.EffectiveFrom.String(), ServiceLevel: p.Service.Level, Channels: p.Service.Channels,
		OnlinePayment: p.Service.OnlinePayment}
	if !p.EffectiveTo.IsZero() {
		s.EffectiveTo = p.EffectiveTo.String()
	}
	return s
}

// Describe is a version of a procedure in full, its rules as the analyst
// wrote them, with every version of its code.
func Describe(cat *Catalogue, p *Procedure) ProcedureVersion {
	v := ProcedureVersion{ProcedureSummary: Summarize(p), LegalBasis: p.LegalBasis, Hash: p.Hash,
		Inputs: []InputView{}, PaperlessPilot: []PilotView{}, Components: []ComponentView{}, Steps: p.Steps, Result: p.Result,
		Deadline: DeadlineView{WorkingDays: p.Deadline.WorkingDays, WorkingHours: p.Deadline.WorkingHours,
			Calendar: p.Deadline.Calendar, OnSupplement: string(p.Deadline.OnSupplement)}}
	for _, in := range p.Inputs {
		v.Inputs = append(v.Inputs, InputView{Name: in.Name, Label: in.Label, Type: in.Type.String(), Optional: in.Optional, Values: in.Values})
	}
	for _, pilot := range p.Service.PaperlessPilots {
		pv := PilotView{From: pilot.From.String()}
		if !pilot.To.IsZero() {
			pv.To = pilot.To.String()
		}
		v.PaperlessPilot = append(v.PaperlessPilot, pv)
	}
	for _, c := range p.Components {
		digitize := rule(c.Digitize.Condition, "required", "optional")
		v.Components = append(v.Components, ComponentView{Code: c.Code, Name: c.Name,
			Required: rule(c.Required, "true", "false"), Digitize: digitize, Media: c.Media, MaxSize: int64(c.MaxSize),
			Originals: c.Originals, Copies: c.Copies, Reuse: c.Reuse})
	}
	if p.Fees != nil {
		fv := &FeesView{Rounding: p.Fees.Rounding}
		for _, f := range p.Fees.Items {
			amount := f.Amount.Source
			if f.Amount.Const != nil {
				amount = strconv.FormatInt(*f.Amount.Const, 10)
			}
			item := FeeView{Code: f.Code, Name: f.Name, Kind: string(f.Kind), Amount: amount}
			for _, d := range f.Discounts {
				dv := DiscountView{Name: d.Name, When: rule(d.When, "true", "false"), Percent: d.Percent, Amount: d.Amount}
				if !d.EffectiveFrom.IsZero() {
					dv.EffectiveFrom = d.EffectiveFrom.String()
				}
				if !d.EffectiveTo.IsZero() {
					dv.EffectiveTo = d.EffectiveTo.String()
				}
				item.Discounts = append(item.Discounts, dv)
			}
			fv.Items = append(fv.Items, item)
		}
		v.Fees = fv
	}
	for _, other := range cat.Versions(p.Code) {
		v.Versions = append(v.Versions, Summarize(other))
	}
	return v
}

// rule writes a condition as the analyst did: a constant or the CEL text.
func rule(c Condition, yes, no string) string {
	switch {
	case c.Const == nil && c.Source == "":
		return no
	case c.Const == nil:
		return c.Source
	case *c.Const:
		return yes
	}
	return no
}
