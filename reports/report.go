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

// Request says what to report on: a period, and optionally one level or
// one agency.
type Request struct {
	Period Period
	Level  procedures.Level
	Agency string
}

// Scope is how high in the tree of units a row sits.
type Scope string

// The scopes of a report's rows, from the top down.
const (
	All       Scope = "all"
	Level     Scope = "level"
	Agency    Scope = "agency"
	Procedure Scope = "procedure"
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
	// TargetsOn is the day whose targets apply: the period's last.
	TargetsOn string `json:"targets_on"`
	Total     *Row   `json:"total"`
	Misses    []Miss `json:"misses"`
}

// Build computes a report from the store's counts and the catalogue. The
// targets in force on the period's last day apply, so a report over a year
// is held to that year's targets.
func Build(ctx context.Context, src Counter, cat *procedures.Catalogue, targets *Targets, req Request) (*Report, error) {
	start, end := req.Period.bounds()
	counts, err := src.Counts(ctx, start, end, store.Filter{Level: string(req.Level), Agency: req.Agency})
	if err != nil {
		return nil, err
	}
	b := &builder{cat: cat, targets: targets, day: req.Period.To, at: end.Add(-time.Millisecond),
		root: newRow(All, "", "", "", "Toàn bộ các đơn vị"), index: map[[3]string]*Row{}, seen: map[*Row]int{}, onlyAgency: req.Agency}
	for _, c := range counts {
		b.count(c)
	}
	b.declared(req)
	b.offered()
	sortTree(b.root)
	return &Report{Period: req.Period, Level: req.Level, Agency: req.Agency, TargetsOn: b.day.String(),
		Total: b.root, Misses: misses(b.root)}, nil
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
	return b.child([3]string{string(level)}, b.root, func() *Row { return newRow(Level, level, "", "", levelName(level)) })
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
	for _, r := range rows {
		t, ok := target(FiledOnline)
		r.Rates[FiledOnline].add(c.Online, c.Received, t, ok)
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

func (b *builder) agencyName(code string) string {
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

func levelName(l procedures.Level) string {
	switch l {
	case procedures.Province:
		return "Cấp tỉnh"
	case procedures.District:
		return "Cấp huyện"
	case procedures.Commune:
		return "Cấp xã"
	}
	return string(l)
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
