package ui

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"

	"github.com/motcua/motcua/form06"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/scorecard"
)

// indexPage is the Decision 766 scorecard as supervisors watch it.
type indexPage struct {
	From, To   string
	Presets    []preset
	Problem    string
	Field      string
	Level      string
	Keep       map[string]string // what the period form keeps
	Card       *scorecard.Card
	Watch      []scorecard.Score // the forecast's order
	ExportXLSX string
	ExportCSV  string
	Form06     string
}

// scoreRequest reads the scorecard a page asks for, within what the
// viewer may see. It answers the status and the problem when it cannot.
func (p *Pages) scoreRequest(r *http.Request) (scorecard.Request, *indexPage, int) {
	q := r.URL.Query()
	now := p.Now()
	data := &indexPage{From: q.Get("from"), To: q.Get("to"), Presets: presets(now.In(vietnam)), Level: q.Get("level")}
	per, field, err := period(q.Get("from"), q.Get("to"), now)
	if err != nil {
		data.Problem, data.Field = err.Error(), field
		return scorecard.Request{}, data, http.StatusUnprocessableEntity
	}
	data.From, data.To = per.From.String(), per.To.String()
	req := scorecard.Request{Period: per, Level: procedures.Level(data.Level), Unit: q.Get("unit"), Now: now}
	switch req.Level {
	case "", procedures.Province, procedures.District, procedures.Commune:
	default:
		data.Problem, data.Field = "level: must be province, district or commune", "level"
		return req, data, http.StatusUnprocessableEntity
	}
	units := p.Catalogue.Units()
	if _, ok := units.Unit(req.Unit); req.Unit != "" && !ok {
		data.Problem, data.Field = "unit: there is no unit "+req.Unit, "unit"
		return req, data, http.StatusUnprocessableEntity
	}
	if who, ok := viewerOf(r); ok && who.Agency != "" {
		if req.Unit == "" {
			req.Unit = who.Agency
		}
		if !units.Under(req.Unit, who.Agency) {
			return req, data, http.StatusForbidden
		}
	}
	keep := url.Values{"from": {data.From}, "to": {data.To}}
	data.Keep = map[string]string{}
	if data.Level != "" {
		keep.Set("level", data.Level)
		data.Keep["level"] = data.Level
	}
	if req.Unit != "" {
		keep.Set("unit", req.Unit)
	}
	keep.Set("format", "xlsx")
	data.ExportXLSX = "/ui/index/export?" + keep.Encode()
	keep.Set("format", "csv")
	data.ExportCSV = "/ui/index/export?" + keep.Encode()
	keep.Del("format")
	data.Form06 = "/ui/form06?" + keep.Encode()
	return req, data, http.StatusOK
}

func (p *Pages) index(w http.ResponseWriter, r *http.Request) {
	req, data, status := p.scoreRequest(r)
	switch status {
	case http.StatusForbidden:
		p.fail(w, r, status, "forbidden", req.Unit)
		return
	case http.StatusOK:
	default:
		p.render(w, r, status, "index", data)
		return
	}
	card, err := scorecard.Build(r.Context(), p.Store, p.Catalogue, p.scorecard(), req)
	if err != nil {
		p.unavailable(w, r, err)
		return
	}
	data.Card = card
	byCode := map[string]scorecard.Score{}
	for _, u := range card.Units {
		byCode[u.Unit] = u
	}
	for _, code := range card.Watch {
		data.Watch = append(data.Watch, byCode[code])
	}
	p.render(w, r, http.StatusOK, "index", data)
}

// indexExport writes the scorecard on screen as a workbook or CSV, from
// the page's own session.
func (p *Pages) indexExport(w http.ResponseWriter, r *http.Request) {
	req, data, status := p.scoreRequest(r)
	if status != http.StatusOK {
		p.fail(w, r, status, data.Problem, req.Unit)
		return
	}
	f, err := reports.ParseFormat(r.URL.Query().Get("format"))
	if err != nil || (f != reports.XLSX && f != reports.CSV) {
		p.fail(w, r, http.StatusUnprocessableEntity, "format: must be xlsx or csv", r.URL.Query().Get("format"))
		return
	}
	card, err := scorecard.Build(r.Context(), p.Store, p.Catalogue, p.scorecard(), req)
	if err != nil {
		p.unavailable(w, r, err)
		return
	}
	var b bytes.Buffer
	if err := card.Write(&b, f); err != nil {
		p.unavailable(w, r, err)
		return
	}
	ext := f.Extension()
	w.Header().Set("Content-Type", f.ContentType())
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="chi-so-766_%s_%s.%s"`, req.Period.From, req.Period.To, ext))
	w.Write(b.Bytes())
}

func (p *Pages) scorecard() *scorecard.Config {
	if p.Scorecard != nil {
		return p.Scorecard
	}
	return scorecard.Default()
}

// form06 writes Biểu số 06 of the period on screen as a workbook, from
// the page's own session.
func (p *Pages) form06(w http.ResponseWriter, r *http.Request) {
	req, data, status := p.scoreRequest(r)
	if status != http.StatusOK {
		p.fail(w, r, status, data.Problem, req.Unit)
		return
	}
	f, err := form06.Build(r.Context(), p.Store, p.Catalogue, req.Period, req.Unit)
	if err != nil {
		p.unavailable(w, r, err)
		return
	}
	var b bytes.Buffer
	if err := f.WriteXLSX(&b); err != nil {
		p.unavailable(w, r, err)
		return
	}
	w.Header().Set("Content-Type", reports.XLSX.ContentType())
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="bieu-06_%s_%s.xlsx"`, req.Period.From, req.Period.To))
	w.Write(b.Bytes())
}
