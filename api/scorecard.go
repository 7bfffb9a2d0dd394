package api

import (
	"bytes"
	"context"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/scorecard"
	"github.com/motcua/motcua/store"
)

type indexInput struct {
	From   string `query:"from" required:"true" format:"date" doc:"The first day of the period, 2006-01-02."`
	To     string `query:"to" required:"true" format:"date" doc:"The last day of the period, inclusive."`
	Level  string `query:"level" enum:"province,district,commune" doc:"Score one level only."`
	Unit   string `query:"unit" maxLength:"80" doc:"Score a unit and every unit under it. A supervisor scoped to a unit sees its subtree."`
	Format string `query:"format" enum:"json,xlsx,csv,csv-en,table" default:"json" doc:"json, or a file: xlsx for Excel, csv for Excel (a byte order mark, Vietnamese headers), csv-en for programs (English headers), or table as aligned text."`
}

type indexOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

func (s *Server) registerScorecard(api huma.API) {
	huma.Register(api, huma.Operation{OperationID: "index", Method: http.MethodGet, Path: "/reports/index",
		Summary: "The Decision 766 scorecard",
		Description: "Every indicator one-stop records can give (synced with the national portal, on time, online, paid " +
			"online, electronic results, digitized, reused), each with its numerator, denominator, ratio, target and points; " +
			"each unit's total out of the points it can be scored on and its rank among its peers; the dossiers costing " +
			"points now; and a forecast of the period's end at today's pace, the units that will miss the most targets first.",
		Tags: []string{"Supervision"}, Security: bearer,
		Responses: map[string]*huma.Response{"200": {Description: "The scorecard", Content: map[string]*huma.MediaType{
			"application/json": {}, reports.XLSX.ContentType(): {}, reports.CSV.ContentType(): {}, reports.Table.ContentType(): {}}}}}, s.index)
}

func (s *Server) index(ctx context.Context, in *indexInput) (*indexOutput, error) {
	p, err := caller(ctx, auth.Supervisor, auth.Officer)
	if err != nil {
		return nil, err
	}
	period, err := periodOf(in.From, in.To)
	if err != nil {
		return nil, err
	}
	var f store.Filter
	if err := s.scoped(p, &f, in.Unit, "query.unit"); err != nil {
		return nil, err
	}
	unit := in.Unit
	switch {
	case p.Role == auth.Officer:
		unit = p.Agency
	case p.Agency != "" && unit == "":
		unit = p.Agency
	}
	cfg := s.Scorecard
	if cfg == nil {
		cfg = scorecard.Default()
	}
	card, err := scorecard.Build(ctx, s.Store, s.Catalogue, cfg,
		scorecard.Request{Period: period, Level: procedures.Level(in.Level), Unit: unit, Now: s.Now()})
	if err != nil {
		return nil, s.storeError(ctx, err)
	}
	format := reports.Format(in.Format)
	var b bytes.Buffer
	if err := card.Write(&b, format); err != nil {
		return nil, err
	}
	out := &indexOutput{ContentType: format.ContentType(), Body: b.Bytes()}
	if format != reports.JSON {
		ext := format.Extension()
		out.ContentDisposition = fmt.Sprintf(`attachment; filename="chi-so-766_%s_%s.%s"`, period.From, period.To, ext)
	}
	return out, nil
}
