package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/motcua/motcua/procedures"
)

type listProceduresInput struct {
	Level        string `query:"level" enum:"province,district,commune" doc:"Only procedures of this level."`
	Agency       string `query:"agency" maxLength:"80" doc:"Only procedures of this agency code."`
	ServiceLevel string `query:"service_level" enum:"partial_online,full_online"`
}

type listProceduresOutput struct {
	Body struct {
		Procedures []procedures.ProcedureSummary `json:"procedures"`
	}
}

type getProcedureInput struct {
	Code    string `path:"code" maxLength:"80" doc:"The national procedure code, such as 2.000815."`
	Version int    `query:"version" minimum:"0" doc:"A version number; the one in force today when left out."`
}

type getProcedureOutput struct {
	Body procedures.ProcedureVersion
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
	huma.Register(api, huma.Operation{OperationID: "list-procedures", Description: "Every procedure of the catalogue, with the version in force today, its level and the channels it is filed by.", Method: http.MethodGet, Path: "/procedures",
		Summary: "List procedures", Tags: []string{"Procedures"}}, s.listProcedures)
	huma.Register(api, huma.Operation{OperationID: "get-procedure", Description: "A procedure as it stood on a day (today by default): its components, fees and discounts, deadline, steps, service level and legal basis, and the dates of its other versions.", Method: http.MethodGet, Path: "/procedures/{code}",
		Summary: "Get a version of a procedure", Tags: []string{"Procedures"}}, s.getProcedure)
	huma.Register(api, huma.Operation{OperationID: "quote", Method: http.MethodPost, Path: "/procedures/{code}/quote",
		Summary: "Quote fees, components and deadline", Description: "The same result as `motcua procedures quote`.",
		Tags: []string{"Procedures"}}, s.quote)
}

func (s *Server) listProcedures(_ context.Context, in *listProceduresInput) (*listProceduresOutput, error) {
	out := &listProceduresOutput{}
	out.Body.Procedures = []procedures.ProcedureSummary{}
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
		out.Body.Procedures = append(out.Body.Procedures, procedures.Summarize(p))
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
	return &getProcedureOutput{Body: procedures.Describe(s.Catalogue, p)}, nil
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
