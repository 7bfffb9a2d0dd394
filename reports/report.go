package reports

import (
	"context"
	"sort"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/store"
)

// Counter adds up dossiers for a period; the store is one.
type Counter interface {
	Counts(ctx context.Context, from, to time.Time, f store.Filter) ([]store.Count, error)
}

// Request says what to report on: a period, and optionally one level, one
// agency, or one unit with everything under it.
type Request struct {
	Period Period
	Level  procedures.Level
	Agency string
	// Unit is a unit of the directory whose subtree the report covers.
	Unit string
	// Map says under which units history is shown: Historical (the
	// default) keeps each dossier at the unit that received it; Today
	// follows merged and abolished units to their successors.
	Map Mapping
}

// Mapping is how a report places dossiers received by units that have
// since been merged or abolished.
type Mapping string

// The mappings.
const (
	Historical Mapping = "historical"
	Today      Mapping = "today"
)

// Scope is how high in the tree of units a row sits.
type Scope string

// The scopes of a report's rows, from the top down.
const (
	All       Scope = "all"
	Level     Scope = "level"
	Agency    Scope = "agency"
	Procedure Scope = "procedure"
	// Unit rows make the report's second tree, by the directory's
	// hierarchy: a unit's rates include every unit under it.
	Unit Scope = "unit"
)

// Row is the rates of one unit, with the units under it: the whole report,
// a level, an agency, or one procedure at an agency.
type Row struct {
	Scope     Scope            `json:"scope"`
	Level     procedures.Level `json:"level,omitempty"`
	Agency    string           `json:"agency,omitempty"`
	Procedure string           `json:"procedure,omitempty"`
	Name      string           `json:"name"`
	Rates     map[Rate]*Ratio  `json:"rates"`
	Children  []*Row           `json:"children,omitempty"`
}

// Report is the rates of a period, as a tree from all units down to each
// procedure at each agency, and the units that miss their targets.
type Report struct {
	Period Period           `json:"period"`
	Level  procedures.Level `json:"level,omitempty"`
	Agency string           `json:"agency,omitempty"`
	Unit   string           `json:"unit,omitempty"`
	Map    Mapping          `json:"map"`
	// TargetsOn is the day whose targets apply: the period's last.
	TargetsOn string `json:"targets_on"`
	Total     *Row   `json:"total"`
	// Units is the same dossiers by the directory's tree: the province,
	// its departments, districts (before 1 July 2025) and communes, each
	// with the figures of everything under it.
	Units  *Row   `json:"units"`
	Misses []Miss `json:"misses"`
}

// Build computes a report from the store's counts and the catalogue. The
// targets in force on the period's last day apply, so a report over a year
// is held to that year's targets.
func Build(ctx context.Context, src Counter, cat *procedures.Catalogue, targets *Targets, req Request) (*Report, error) {
	start, end := req.Period.bounds()
	if req.Map == "" {
		req.Map = Historical
	}
	b := &builder{cat: cat, units: cat.Units(), targets: targets, day: req.Period.To, at: end.Add(-time.Millisecond),
		root: newRow(All, "", "", "", "Toàn bộ các đơn vị"), index: map[[3]string]*Row{}, seen: map[*Row]int{},
		onlyAgency: req.Agency, today: req.Map == Today, unitRows: map[string]*Row{}, up: map[*Row]*Row{}, scope: req.Unit}
	b.tree = newRow(All, "", "", "", "Toàn bộ các đơn vị")
	f := store.Filter{Level: string(req.Level), Agency: req.Agency}
	if req.Unit != "" {
		f.Agencies = b.subtree(req.Unit)
	}
	counts, err := src.Counts(ctx, start, end, f)
	if err != nil {
		return nil, err
	}
	for _, c := range counts {
		b.count(c)
	}
	b.declared(req)
	b.offered()
	b.idleUnits(req)
	sortTree(b.root)
	sortUnits(b.tree)
	return &Report{Period: req.Period, Level: req.Level, Agency: req.Agency, Unit: req.Unit, Map: req.Map, TargetsOn: b.day.String(),
		Total: b.root, Units: b.tree, Misses: misses(b.root)}, nil
}

type builder struct {
	cat     *procedures.Catalogue
	targets *Targets
	day     calendar.Day
	at      time.Time
	root    *Row
	index   map[[3]string]*Row // (level, agency, procedure) → row; empty parts for higher rows
	// versions seen per procedure row, for procedures no longer in force.
	seen map[*Row]int
	// onlyAgency is set when the report is on one agency.
	onlyAgency string

	units *procedures.Units
	// today maps dossiers of merged and abolished units to their
	// successors in force at the period's end.
	today bool
	// tree is the report by the directory's hierarchy, and unitRows its
	// rows by unit; scope is the unit at its top, if the report is on one.
	tree     *Row
	unitRows map[string]*Row
	up       map[*Row]*Row
	scope    string
}

func newRow(scope Scope, level procedures.Level, agency, proc, name string) *Row {
	r := &Row{Scope: scope, Level: level, Agency: agency, Procedure: proc, Name: name, Rates: map[Rate]*Ratio{}}
	for _, rate := range Rates {
		r.Rates[rate] = &Ratio{}
	}
	return r
}

// path returns the rows from the level down to the procedure, creating
// them as needed.
func (b *builder) path(level procedures.Level, agency, proc string) []*Row {
	l := b.level(level)
	a := b.child([3]string{string(level), agency}, l, func() *Row { return newRow(Agency, level, agency, "", b.agencyName(agency)) })
	p := b.child([3]string{string(level), agency, proc}, a, func() *Row {
		return newRow(Procedure, level, agency, proc, b.procedureName(proc))
	})
	return []*Row{b.root, l, a, p}
}

// level returns a level's row, creating it as needed.
func (b *builder) level(level procedures.Level) *Row {
	return b.child([3]string{string(level)}, b.root, func() *Row { return newRow(Level, level, "", "", procedures.LevelName(level)) })
}

// child returns the row under key, making it with mk under parent if new.
func (b *builder) child(k [3]string, parent *Row, mk func() *Row) *Row {
	r, ok := b.index[k]
	if !ok {
		r = mk()
		b.index[k] = r
		parent.Children = append(parent.Children, r)
	}
	return r
}

// count adds one group of dossiers to its procedure and every unit above.
func (b *builder) count(c store.Count) {
	c.Agency, c.Level = b.place(c.Agency, c.Level)
	level := procedures.Level(c.Level)
	var service procedures.ServiceLevel
	if p, err := b.cat.Version(c.Procedure, c.Version); err == nil {
		service = p.Service.Level
	}
	target := func(rate Rate) (Percent, bool) { return b.targets.For(rate, b.day, level, service) }
	rows := b.path(level, c.Agency, c.Procedure)
	if v := b.seen[rows[3]]; c.Version > v {
		b.seen[rows[3]] = c.Version
	}
	rows = append(rows, b.unitPath(c.Agency)...)
	for _, r := range rows {
		t, ok := target(FiledOnline)
		r.Rates[FiledOnline].add(c.Online, c.Received, t, ok)
		t, ok = target(FullOnline)
		r.Rates[FullOnline].add(c.FullOnline, c.Resolved, t, ok)
		t, ok = target(PaidOnline)
		r.Rates[PaidOnline].add(c.PaidOnline, c.FeeBearing, t, ok)
		t, ok = target(ResultsDigitized)
		r.Rates[ResultsDigitized].add(c.Digitized, c.Resolved, t, ok)
		t, ok = target(OnTime)
		r.Rates[OnTime].add(c.OnTime, c.Resolved, t, ok)
	}
}

// declared makes sure every level with procedures in the catalogue has a
// row, even in a period without dossiers. The catalogue names kinds of
// agency (ubnd-xa), not units, so agencies come from dossiers alone.
func (b *builder) declared(req Request) {
	if req.Agency != "" {
		return
	}
	for _, p := range b.inForce() {
		if req.Level == "" || p.Level == req.Level {
			b.level(p.Level)
		}
	}
}

// inForce is every procedure's version in force at the period's end.
func (b *builder) inForce() []*procedures.Procedure {
	var out []*procedures.Procedure
	for _, code := range b.cat.Codes() {
		if p, err := b.cat.Lookup(code, b.at); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// offered fills the rate of fee-bearing procedures configured for online
// payment. It counts procedures, not dossiers. An agency is judged on the
// procedures it handled in the period; a level and the whole report on
// every procedure of the catalogue at that level, each counted once however
// many agencies handle it.
func (b *builder) offered() {
	add := func(r *Row, p *procedures.Procedure) {
		if p == nil || !p.FeeBearing() {
			return
		}
		num := int64(0)
		if p.Service.OnlinePayment {
			num = 1
		}
		t, ok := b.targets.For(OnlinePaymentOffered, b.day, p.Level, p.Service.Level)
		r.Rates[OnlinePaymentOffered].add(num, 1, t, ok)
	}
	counted := map[string]bool{}
	for _, l := range b.root.Children {
		for _, a := range l.Children {
			for _, pr := range a.Children {
				p := b.version(pr)
				add(pr, p)
				add(a, p)
			}
		}
		if b.onlyAgency == "" {
			for _, p := range b.inForce() {
				if p.Level == l.Level && !counted[p.Code] {
					counted[p.Code] = true
					add(l, p)
					add(b.root, p)
				}
			}
		}
	}
	if b.onlyAgency != "" {
		// One agency's report: its level and total are the agency itself.
		for _, l := range b.root.Children {
			for _, a := range l.Children {
				l.Rates[OnlinePaymentOffered] = cloneRatio(a.Rates[OnlinePaymentOffered])
				b.root.Rates[OnlinePaymentOffered] = cloneRatio(a.Rates[OnlinePaymentOffered])
			}
		}
	}
}

func cloneRatio(r *Ratio) *Ratio { c := *r; return &c }

// version is the procedure's definition at the period's end, or the latest
// one its dossiers were received under.
func (b *builder) version(r *Row) *procedures.Procedure {
	if p, err := b.cat.Lookup(r.Procedure, b.at); err == nil {
		return p
	}
	if p, err := b.cat.Version(r.Procedure, b.seen[r]); err == nil {
		return p
	}
	return nil
}

// place is where a report counts a unit's dossiers: the unit itself, or
// when mapping to today's map, the successor that carries its work at the
// period's end, at that successor's level.
func (b *builder) place(agency, level string) (string, string) {
	if !b.today {
		return agency, level
	}
	now := b.units.Today(agency, b.day)
	if u, ok := b.units.Unit(now); ok && now != agency {
		return now, string(u.Level)
	}
	return agency, level
}

// subtree is the units whose dossiers a report on unit reads: those under
// it, and when mapping to today's map, the units whose successors are.
func (b *builder) subtree(unit string) []string {
	if !b.today {
		return b.units.Within(unit)
	}
	var out []string
	for _, u := range b.units.All() {
		if b.units.Under(b.units.Today(u.Code, b.day), unit) {
			out = append(out, u.Code)
		}
	}
	return out
}

// unitPath returns the rows of the unit tree from the unit up to the top
// of the report.
func (b *builder) unitPath(code string) []*Row {
	var out []*Row
	for r := b.unitRow(code); r != nil; r = b.up[r] {
		out = append(out, r)
	}
	return out
}

// unitRow returns a unit's row, creating it and the rows above it as
// needed. A unit the directory does not know (records imported from
// before it) stands alone at the top.
func (b *builder) unitRow(code string) *Row {
	if r, ok := b.unitRows[code]; ok {
		return r
	}
	u, known := b.units.Unit(code)
	r := newRow(Unit, "", code, "", b.agencyName(code))
	if known {
		r.Level = u.Level
	}
	b.unitRows[code] = r
	parent := b.tree
	if known && u.Parent != "" && code != b.scope {
		parent = b.unitRow(u.Parent)
	}
	parent.Children = append(parent.Children, r)
	b.up[r] = parent
	return r
}

// idleUnits gives a row to every unit in force during the period that
// received nothing, so that a unit with no dossiers is seen, not missed.
func (b *builder) idleUnits(req Request) {
	if req.Agency != "" {
		return
	}
	first := req.Period.From
	for _, u := range b.units.All() {
		inForce := !b.day.Before(u.From.Day) && (u.To.IsZero() || !u.To.Day.Before(first))
		if b.today {
			inForce = u.InForce(b.day)
		}
		if !inForce || (req.Unit != "" && !b.units.Under(u.Code, req.Unit)) || (req.Level != "" && u.Level != req.Level) {
			continue
		}
		if b.unitRows[u.Code] == nil {
			b.unitRow(u.Code)
		}
	}
}

// sortUnits orders the unit tree from the top level down, then by name.
func sortUnits(r *Row) {
	sort.SliceStable(r.Children, func(i, j int) bool {
		a, c := r.Children[i], r.Children[j]
		if a.Level != c.Level {
			return a.Level.Rank() < c.Level.Rank()
		}
		return a.Name < c.Name
	})
	for _, c := range r.Children {
		sortUnits(c)
	}
}

// agencyName is a unit's full name from the directory, or failing that
// the kind of office the catalogue names by that code, or the code.
func (b *builder) agencyName(code string) string {
	if u, ok := b.units.Unit(code); ok {
		return u.Name
	}
	for _, p := range b.cat.All() {
		if p.Agency.Code == code {
			return p.Agency.Name
		}
	}
	return code
}

func (b *builder) procedureName(code string) string {
	if vs := b.cat.Versions(code); len(vs) > 0 {
		return vs[len(vs)-1].Name
	}
	return code
}

// sortTree orders levels from the top down, and agencies and procedures by
// code, so that reports read the same every time.
func sortTree(r *Row) {
	rank := map[procedures.Level]int{}
	for i, l := range procedures.Levels {
		rank[l] = i
	}
	sort.SliceStable(r.Children, func(i, j int) bool {
		a, b := r.Children[i], r.Children[j]
		if a.Scope == Level {
			return rank[a.Level] < rank[b.Level]
		}
		if a.Agency != b.Agency {
			return a.Agency < b.Agency
		}
		return a.Procedure < b.Procedure
	})
	for _, c := range r.Children {
		sortTree(c)
	}
}
