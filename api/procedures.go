package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/motcua/motcua/procedures"
)

// ProcedureSummary is a procedure as lists show it: its version in force.
type ProcedureSummary struct {
	Code          string                  `json:"code"`
	Name          string                  `json:"name"`
	Agency        procedures.Agency       `json:"agency"`
	Level         procedures.Level        `json:"level"`
	Version       int                     `json:"version"`
	EffectiveFrom string                  `json:"effective_from"`
	EffectiveTo   string                  `json:"effective_to,omitempty"`
	ServiceLevel  procedures.ServiceLevel `json:"service_level"`
	Channels      []procedures.Channel    `json:"channels"`
	OnlinePayment bool                    `json:"online_payment"`
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
	Steps          []procedures.Step  `json:"steps"`
	Result         procedures.Result  `json:"result"`
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
	Rounding procedures.Rounding `json:"rounding"`
	Items    []FeeView           `json:"items"`
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

type listProceduresInput struct {
	Level        string `query:"level" enum:"province,district,commune" doc:"Only procedures of this level."`
	Agency       string `query:"agency" maxLength:"80" doc:"Only procedures of this agency code."`
	ServiceLevel string `query:"service_level" enum:"partial_online,full_online"`
}

type listProceduresOutput struct {
	Body struct {
		Procedures []ProcedureSummary `json:"procedures"`
	}
}

type getProcedureInput struct {
	Code    string `path:"code" maxLength:"80" doc:"The national procedure code, such as 2.000815."`
	Version int    `query:"version" minimum:"0" doc:"A version number; the one in force today when left out."`
}

type getProcedureOutput struct {
	Body ProcedureVersion
}

type quoteInput struct {
	Code string `path:"code" maxLength:"80"`
	Body struct {
		Inputs    map[string]any `json:"inputs,omitempty"`
		Channel   string         `json:"channel" enum:"online,counter,postal"`
		Applicant string         `json:"applicant_kind,omitempty" enum:"individual,organization" default:"individual"`
		At        *time.Time     `json:"at,omitempty" doc:"When the dossier would be received; now when left out."`
	}
}

type quoteOutput struct {
	Body *procedures.Quote
}

func (s *Server) registerProcedures(api huma.API) {
	huma.Register(api, huma.Operation{OperationID: "list-procedures", Method: http.MethodGet, Path: "/procedures",
		Summary: "List procedures", Tags: []string{"Procedures"}}, s.listProcedures)
	huma.Register(api, huma.Operation{OperationID: "get-procedure", Method: http.MethodGet, Path: "/procedures/{code}",
		Summary: "Get a version of a procedure", Tags: []string{"Procedures"}}, s.getProcedure)
	huma.Register(api, huma.Operation{OperationID: "quote", Method: http.MethodPost, Path: "/procedures/{code}/quote",
		Summary: "Quote fees, components and deadline", Description: "The same result as `motcua procedures quote`.",
		Tags: []string{"Procedures"}}, s.quote)
}

func (s *Server) listProcedures(_ context.Context, in *listProceduresInput) (*listProceduresOutput, error) {
	out := &listProceduresOutput{}
	out.Body.Procedures = []ProcedureSummary{}
	now := s.Now()
	for _, code := range s.Catalogue.Codes() {
		p, err := s.Catalogue.Lookup(code, now)
		if err != nil {
			continue // not in force today
		}
		if (in.Level != "" && string(p.Level) != in.Level) || (in.Agency != "" && p.Agency.Code != in.Agency) ||
			(in.ServiceLevel != "" && string(p.Service.Level) != in.ServiceLevel) {
			continue
		}
		out.Body.Procedures = append(out.Body.Procedures, Summarize(p))
	}
	return out, nil
}

func (s *Server) getProcedure(_ context.Context, in *getProcedureInput) (*getProcedureOutput, error) {
	var p *procedures.Procedure
	var err error
	if in.Version > 0 {
		p, err = s.Catalogue.Version(in.Code, in.Version)
	} else {
		p, err = s.Catalogue.Lookup(in.Code, s.Now())
	}
	if errors.Is(err, procedures.ErrUnknownProcedure) {
		return nil, huma.Error404NotFound(fmt.Sprintf("there is no procedure %s", in.Code))
	}
	if err != nil {
		return nil, huma.Error404NotFound(err.Error())
	}
	return &getProcedureOutput{Body: Describe(s.Catalogue, p)}, nil
}

func (s *Server) quote(_ context.Context, in *quoteInput) (*quoteOutput, error) {
	at := s.Now()
	if in.Body.At != nil {
		at = *in.Body.At
	}
	kind := procedures.ApplicantKind(in.Body.Applicant)
	if kind == "" {
		kind = procedures.Individual
	}
	p, err := s.Catalogue.Lookup(in.Code, at)
	if errors.Is(err, procedures.ErrUnknownProcedure) {
		return nil, huma.Error404NotFound(fmt.Sprintf("there is no procedure %s", in.Code))
	}
	if err != nil {
		return nil, unprocessable("no version is in force then", field("body.at", err.Error(), at))
	}
	q, err := p.Quote(in.Body.Inputs, procedures.Channel(in.Body.Channel), kind, at)
	if err != nil {
		return nil, quoteProblem(err)
	}
	return &quoteOutput{Body: q}, nil
}

// quoteProblem turns what a quote refused into a problem naming the field.
func quoteProblem(err error) error {
	var bad *procedures.InputError
	var refusal *procedures.Refusal
	switch {
	case errors.As(err, &bad):
		errs := make([]error, len(bad.Fields))
		for i, f := range bad.Fields {
			errs[i] = field("body."+f.Field, f.Message, nil)
		}
		return unprocessable("the inputs are not right", errs...)
	case errors.As(err, &refusal):
		loc := "body.channel"
		if refusal.Reason == procedures.ReasonNotInForce {
			loc = "body.procedure"
		}
		return unprocessable(refusal.Message, field(loc, refusal.Message, nil))
	}
	// A rule that fails at run time is a defect in the definition.
	return huma.Error500InternalServerError("")
}

// Summarize is a procedure as lists show it.
func Summarize(p *procedures.Procedure) ProcedureSummary {
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
func Describe(cat *procedures.Catalogue, p *procedures.Procedure) ProcedureVersion {
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
func rule(c procedures.Condition, yes, no string) string {
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
