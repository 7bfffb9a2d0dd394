package ui

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"slices"

	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
)

// crumb is one step of the drill-down's path.
type crumb struct {
	Name, Href string
}

// unitRow is a unit under the one looked at, with where a click leads.
type unitRow struct {
	*reports.Row
	Href string
}

// overview shows the rates of a period against their targets for the
// unit looked at (every unit, a level, or an agency) and the units under
// it, as charts and a table; the units missing targets, worst first; and
// a drill-down from level to agency to procedure to its dossiers.
func (p *Pages) overview(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	now := p.Now()
	data := map[string]any{"From": q.Get("from"), "To": q.Get("to"), "Presets": presets(now.In(vietnam)), "Keep": map[string]string{}}
	per, field, err := period(q.Get("from"), q.Get("to"), now)
	if err != nil {
		data["Problem"], data["Field"] = err.Error(), field
		p.render(w, r, http.StatusUnprocessableEntity, "overview", data)
		return
	}
	data["From"], data["To"] = per.From.String(), per.To.String()
	level, agency := procedures.Level(q.Get("level")), q.Get("agency")
	inUnit, mapping := q.Get("unit"), reports.Mapping(q.Get("map"))
	if mapping != reports.Today {
		mapping = reports.Historical
	}
	if _, ok := p.Catalogue.Units().Unit(inUnit); inUnit != "" && !ok {
		data["Problem"], data["Field"] = "unit: there is no unit "+inUnit, "unit"
		p.render(w, r, http.StatusUnprocessableEntity, "overview", data)
		return
	}
	if who, ok := viewerOf(r); ok && who.Agency != "" {
		// A supervisor scoped to a unit sees that unit and what is under it.
		units := p.Catalogue.Units()
		switch {
		case inUnit == "":
			inUnit = who.Agency
		case !units.Under(inUnit, who.Agency):
			p.fail(w, r, http.StatusForbidden, "forbidden", inUnit)
			return
		}
		if agency != "" && !units.Under(agency, who.Agency) {
			p.fail(w, r, http.StatusForbidden, "forbidden", agency)
			return
		}
	}
	rank := reports.Rate(q.Get("rank"))
	if !slices.Contains(reports.Rates, rank) {
		rank = reports.FiledOnline
	}
	switch level {
	case "", procedures.Province, procedures.District, procedures.Commune:
	default:
		data["Problem"], data["Field"] = "level: must be province, district or commune", "level"
		p.render(w, r, http.StatusUnprocessableEntity, "overview", data)
		return
	}
	req := reports.Request{Period: per, Level: level, Agency: agency, Unit: inUnit, Map: mapping}
	rep, err := reports.Build(r.Context(), p.Store, p.Catalogue, p.Targets, req)
	if err != nil {
		p.unavailable(w, r, err)
		return
	}
	trend, err := reports.Trend(r.Context(), p.Store, p.Catalogue, p.Targets, req)
	if err != nil {
		p.unavailable(w, r, err)
		return
	}
	// The period and the mapping are kept through every drill-down.
	keep := url.Values{"from": {per.From.String()}, "to": {per.To.String()}, "map": {string(mapping)}}
	href := func(path string, extra ...string) string {
		v := url.Values{}
		for k, vs := range keep {
			v[k] = vs
		}
		for i := 0; i+1 < len(extra); i += 2 {
			v.Set(extra[i], extra[i+1])
		}
		return path + "?" + v.Encode()
	}
	unit := rep.Total
	crumbs := []crumb{{Name: "all_units", Href: href("/ui/")}}
	if level != "" {
		if row := child(unit, func(c *reports.Row) bool { return c.Level == level }); row != nil {
			unit = row
		}
		crumbs = append(crumbs, crumb{Name: string(level), Href: href("/ui/", "level", string(level))})
	}
	if agency != "" {
		if row := child(unit, func(c *reports.Row) bool { return c.Agency == agency }); row != nil {
			unit = row
		}
		crumbs = append(crumbs, crumb{Name: p.Catalogue.Units().Name(agency), Href: href("/ui/", "level", string(level), "agency", agency)})
	}
	// The second tree: the unit looked at by the directory's hierarchy.
	tree := rep.Units
	if len(tree.Children) == 1 && tree.Children[0].Agency == inUnit {
		tree = tree.Children[0]
	}
	var treeRows []unitRow
	for _, c := range tree.Children {
		treeRows = append(treeRows, unitRow{Row: c, Href: href("/ui/", "unit", c.Agency)})
	}
	var unitCrumbs []crumb
	if inUnit != "" {
		units := p.Catalogue.Units()
		for _, a := range units.Ancestors(inUnit) {
			unitCrumbs = append([]crumb{{Name: a.Name, Href: href("/ui/", "unit", a.Code)}}, unitCrumbs...)
		}
		unitCrumbs = append(unitCrumbs, crumb{Name: units.Name(inUnit), Href: href("/ui/", "unit", inUnit)})
		unit = tree
	}
	data["Tree"], data["TreeCrumbs"], data["InUnit"], data["Map"] = treeRows, unitCrumbs, inUnit, string(mapping)
	data["Trend"], data["Ranking"], data["Rank"] = trend, rep.Ranking(rank), string(rank)
	// The export is of what is on screen: the same period, level, agency,
	// unit and mapping.
	exp := url.Values{"from": {per.From.String()}, "to": {per.To.String()}, "map": {string(mapping)}}
	for k, v := range map[string]string{"level": string(level), "agency": agency, "unit": inUnit} {
		if v != "" {
			exp.Set(k, v)
		}
	}
	data["ExportXLSX"] = "/ui/export?" + exp.Encode() + "&format=xlsx"
	data["ExportCSV"] = "/ui/export?" + exp.Encode() + "&format=csv"
	rankLinks := map[string]string{}
	for _, rt := range reports.Rates {
		rankLinks[string(rt)] = href("/ui/", "unit", inUnit, "level", string(level), "agency", agency, "rank", string(rt))
	}
	data["RankLinks"] = rankLinks
	data["MapHistorical"], data["MapToday"] = href("/ui/", "unit", inUnit, "map", string(reports.Historical)), href("/ui/", "unit", inUnit, "map", string(reports.Today))
	var rows []unitRow
	for _, c := range unit.Children {
		u := unitRow{Row: c}
		switch c.Scope {
		case reports.Level:
			u.Href = href("/ui/", "level", string(c.Level))
		case reports.Agency:
			u.Href = href("/ui/", "level", string(c.Level), "agency", c.Agency)
		case reports.Procedure:
			u.Href = "/ui/dossiers?" + url.Values{"level": {string(c.Level)}, "agency": {c.Agency}, "procedure": {c.Procedure},
				"from": {per.From.String()}, "to": {per.To.String()}}.Encode()
		}
		rows = append(rows, u)
	}
	children := make([]*reports.Row, len(unit.Children))
	copy(children, unit.Children)
	misses := rep.Misses
	if len(misses) > 20 {
		misses = misses[:20]
	}
	data["Report"], data["Unit"], data["Rows"], data["Charts"] = rep, unit, rows, charts(children)
	data["Crumbs"], data["Misses"], data["Rates"], data["Level"], data["Agency"] = crumbs, misses, reports.Rates, level, agency
	// The period form and its presets keep the rest of what is shown.
	keepShown := map[string]string{"map": string(mapping)}
	for k, v := range map[string]string{"level": string(level), "agency": agency, "unit": inUnit} {
		if v != "" {
			keepShown[k] = v
		}
	}
	data["Keep"] = keepShown
	p.render(w, r, http.StatusOK, "overview", data)
}

// child is the row under r that matches, or nil.
func child(r *reports.Row, match func(*reports.Row) bool) *reports.Row {
	for _, c := range r.Children {
		if match(c) {
			return c
		}
	}
	return nil
}

// export writes the report on screen as a workbook or CSV file, for a
// supervisor's session: the same request the overview reads.
func (p *Pages) export(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	per, field, err := period(q.Get("from"), q.Get("to"), p.Now())
	if err != nil {
		p.fail(w, r, http.StatusUnprocessableEntity, field+": "+err.Error(), "")
		return
	}
	f, err := reports.ParseFormat(q.Get("format"))
	if err != nil || (f != reports.XLSX && f != reports.CSV) {
		p.fail(w, r, http.StatusUnprocessableEntity, "format: must be xlsx or csv", q.Get("format"))
		return
	}
	req := reports.Request{Period: per, Level: procedures.Level(q.Get("level")), Agency: q.Get("agency"),
		Unit: q.Get("unit"), Map: reports.Mapping(q.Get("map"))}
	units := p.Catalogue.Units()
	if _, ok := units.Unit(req.Unit); req.Unit != "" && !ok {
		p.fail(w, r, http.StatusUnprocessableEntity, "unit: there is no unit "+req.Unit, "")
		return
	}
	if who, ok := viewerOf(r); ok && who.Agency != "" {
		if req.Unit == "" {
			req.Unit = who.Agency
		}
		if !units.Under(req.Unit, who.Agency) || (req.Agency != "" && !units.Under(req.Agency, who.Agency)) {
			p.fail(w, r, http.StatusForbidden, "forbidden", req.Unit)
			return
		}
	}
	if req.Map != reports.Today {
		req.Map = reports.Historical
	}
	rep, err := reports.Build(r.Context(), p.Store, p.Catalogue, p.Targets, req)
	if err != nil {
		p.unavailable(w, r, err)
		return
	}
	var b bytes.Buffer
	if err := rep.Write(&b, f); err != nil {
		p.unavailable(w, r, err)
		return
	}
	ext := f.Extension()
	w.Header().Set("Content-Type", f.ContentType())
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="ty-le_%s_%s.%s"`, per.From, per.To, ext))
	w.Write(b.Bytes())
}
