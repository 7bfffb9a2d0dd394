package api

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"reflect"

	"github.com/danielgtaylor/huma/v2"

	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/store"
)

type ratesInput struct {
	From   string `query:"from" required:"true" format:"date" doc:"The first day of the period, 2006-01-02."`
	To     string `query:"to" required:"true" format:"date" doc:"The last day of the period, inclusive."`
	Level  string `query:"level" enum:"province,district,commune" doc:"Report on one level only."`
	Agency string `query:"agency" maxLength:"80" doc:"Report on one agency only. An officer sees their own agency's."`
	Unit   string `query:"unit" maxLength:"80" doc:"Report on a unit and every unit under it. A supervisor scoped to a unit sees its subtree."`
	Map    string `query:"map" enum:"historical,today" default:"historical" doc:"historical keeps each dossier at the unit that received it; today follows merged and abolished units to their successors."`
}

type ratesOutput struct {
	Body *reports.Report
}

// exportInput repeats ratesInput's fields: Huma reads parameters from a
// struct's own fields only.
type exportInput struct {
	From   string `query:"from" required:"true" format:"date" doc:"The first day of the period, 2006-01-02."`
	To     string `query:"to" required:"true" format:"date" doc:"The last day of the period, inclusive."`
	Level  string `query:"level" enum:"province,district,commune" doc:"Report on one level only."`
	Agency string `query:"agency" maxLength:"80" doc:"Report on one agency only. An officer sees their own agency's."`
	Unit   string `query:"unit" maxLength:"80" doc:"Report on a unit and every unit under it. A supervisor scoped to a unit sees its subtree."`
	Map    string `query:"map" enum:"historical,today" default:"historical" doc:"historical keeps each dossier at the unit that received it; today follows merged and abolished units to their successors."`
	Format string `query:"format" enum:"xlsx,csv,csv-en,table" default:"xlsx" doc:"xlsx for Excel, csv for Excel (a byte order mark, Vietnamese headers), csv-en for programs (English headers), or table as aligned text."`
}

type exportOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

func (s *Server) registerReports(api huma.API) {
	reg := api.OpenAPI().Components.Schemas
	reg.RegisterTypeAlias(reflect.TypeFor[reports.Ratio](), reflect.TypeFor[reports.RatioJSON]())
	reg.RegisterTypeAlias(reflect.TypeFor[reports.Period](), reflect.TypeFor[reports.PeriodJSON]())
	huma.Register(api, huma.Operation{OperationID: "rates", Method: http.MethodGet, Path: "/reports/rates",
		Summary: "The rates each unit is judged by, against their targets",
		Description: "Filed online, paid online, results digitized, on time, and procedures configured for online payment, " +
			"for a period, from all units down to each procedure at each agency; with the units that miss a target, worst first.",
		Tags: []string{"Supervision"}, Security: bearer}, s.rates)
	huma.Register(api, huma.Operation{OperationID: "rates-export", Description: "The rates of /reports/rates as a file: an Excel workbook, CSV for Excel (a byte order mark and Vietnamese headers), CSV for programs (csv-en: English headers), or text.", Method: http.MethodGet, Path: "/reports/rates/export",
		Summary: "The rates as a file: an Excel workbook, CSV or text", Tags: []string{"Supervision"}, Security: bearer,
		Responses: map[string]*huma.Response{"200": {Description: "The report", Content: map[string]*huma.MediaType{
			reports.XLSX.ContentType(): {}, reports.CSV.ContentType(): {}, reports.Table.ContentType(): {}}}}}, s.export)
}

func (s *Server) rates(ctx context.Context, in *ratesInput) (*ratesOutput, error) {
	rep, err := s.report(ctx, in)
	if err != nil {
		return nil, err
	}
	return &ratesOutput{Body: rep}, nil
}

func (s *Server) export(ctx context.Context, in *exportInput) (*exportOutput, error) {
	rep, err := s.report(ctx, &ratesInput{From: in.From, To: in.To, Level: in.Level, Agency: in.Agency, Unit: in.Unit, Map: in.Map})
	if err != nil {
		return nil, err
	}
	f := reports.Format(in.Format)
	var b bytes.Buffer
	if err := rep.Write(&b, f); err != nil {
		return nil, err
	}
	ext := f.Extension()
	name := fmt.Sprintf("ty-le_%s_%s.%s", rep.Period.From, rep.Period.To, ext)
	return &exportOutput{ContentType: f.ContentType(), ContentDisposition: `attachment; filename="` + name + `"`, Body: b.Bytes()}, nil
}

// report builds the report a caller may see: a supervisor any, an officer
// only their own agency's.
func (s *Server) report(ctx context.Context, in *ratesInput) (*reports.Report, error) {
	p, err := caller(ctx, auth.Supervisor, auth.Officer)
	if err != nil {
		return nil, err
	}
	period, err := periodOf(in.From, in.To)
	if err != nil {
		return nil, err
	}
	req := reports.Request{Period: period, Level: procedures.Level(in.Level), Agency: in.Agency, Unit: in.Unit, Map: reports.Mapping(in.Map)}
	var f store.Filter
	f.Agency = req.Agency
	if err := s.scoped(p, &f, req.Unit, "query.unit"); err != nil {
		return nil, err
	}
	req.Agency = f.Agency
	if p.Role == auth.Supervisor && p.Agency != "" && req.Unit == "" {
		req.Unit = p.Agency
	}
	rep, err := reports.Build(ctx, s.Store, s.Catalogue, s.Targets, req)
	if err != nil {
		return nil, s.storeError(ctx, err)
	}
	return rep, nil
}

// periodOf reads a period from the query, naming from or to when one is
// not right.
func periodOf(from, to string) (reports.Period, error) {
	period, err := reports.ParsePeriod(from, to)
	if err != nil {
		loc, value := "query.from", from
		if _, ferr := reports.ParsePeriod(from, from); ferr == nil {
			loc, value = "query.to", to
		}
		return period, unprocessable("the period is not right", field(loc, err.Error(), value))
	}
	return period, nil
}
