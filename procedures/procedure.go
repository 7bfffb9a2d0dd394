package procedures

import (
	"time"

	"cel.dev/cel-go/cel"
	"github.com/motcua/motcua/calendar"
	"gopkg.in/yaml.v3"
)

// Procedure is one version of an administrative procedure (thủ tục hành
// chính), as declared in YAML and compiled by the checker.
type Procedure struct {
	Kind          string      `yaml:"kind,required"`
	Code          string      `yaml:"code,required"` // the national code, such as 1.001234
	Name          string      `yaml:"name,required"` // the Vietnamese name
	Agency        Agency      `yaml:"agency,required"`
	Sector        *Sector     `yaml:"sector"`
	Level         Level       `yaml:"level,required"`
	LegalBasis    []string    `yaml:"legal_basis,required"` // căn cứ pháp lý
	Version       int         `yaml:"version,required"`
	EffectiveFrom Date        `yaml:"effective_from,required"`
	EffectiveTo   Date        `yaml:"effective_to"` // inclusive; zero when open-ended
	Inputs        []Input     `yaml:"inputs"`
	Service       Service     `yaml:"service,required"`
	Components    []Component `yaml:"components,required"`
	Fees          *Fees       `yaml:"fees"`
	Deadline      Deadline    `yaml:"deadline,required"`
	Steps         []Step      `yaml:"steps,required"`
	Result        Result      `yaml:"result,required"`
	Examples      []Example   `yaml:"examples"`
	Description   string      `yaml:"description"`

	// File is where the version was read from, and Hash is the SHA-256 of its
	// content: a dossier records both so that a later edit never changes it.
	File string
	Hash string

	node     *yaml.Node
	env      *cel.Env
	calendar *calendar.Calendar
	inputs   map[string]*Input
	total    time.Duration   // the whole deadline as working time
	stepEnds []time.Duration // working time from the start to each step's end
}

// Agency is the authority competent for the procedure (cơ quan thực hiện).
type Agency struct {
	Code string `yaml:"code,required" json:"code"`
	Name string `yaml:"name,required" json:"name"`
}

// Sector is the field of work a procedure belongs to (lĩnh vực), as the
// national database of procedures files it: the national portal is told
// it with every dossier, and the monthly report has a row for each.
type Sector struct {
	Code string `yaml:"code,required" json:"code"`
	Name string `yaml:"name,required" json:"name"`
}

// Step is one stage of processing, done by a role, with its share of the
// deadline in the deadline's unit.
type Step struct {
	Code  string  `yaml:"code,required" json:"code"`
	Name  string  `yaml:"name,required" json:"name"`
	Role  string  `yaml:"role,required" json:"role"`
	Share float64 `yaml:"share,required" json:"share"`
}

// Result is what the agency returns: the document a citizen came for.
type Result struct {
	Name string `yaml:"name,required" json:"name"`
	// Kind names the document kind, so that a digitized result can be reused
	// by reference in later dossiers.
	Kind     string `yaml:"kind,required" json:"kind"`
	Digitize bool   `yaml:"digitize" json:"digitize"`
	// ValidMonths is how long the result stays valid for reuse; zero means
	// without limit.
	ValidMonths int `yaml:"valid_months" json:"valid_months,omitempty"`
}

// Ref identifies exactly which definition a dossier was received under.
type Ref struct {
	Code    string `json:"code"`
	Version int    `json:"version"`
	Hash    string `json:"hash"`
}

// Ref returns the reference a dossier records.
func (p *Procedure) Ref() Ref { return Ref{p.Code, p.Version, p.Hash} }

// Calendar returns the working-day calendar the deadline is counted in.
func (p *Procedure) Calendar() *calendar.Calendar { return p.calendar }

// InForce reports whether this version applies to a filing received at t.
func (p *Procedure) InForce(t time.Time) bool {
	d := calendar.DayOf(t, p.calendar.Location())
	if d.Before(p.EffectiveFrom.Day) {
		return false
	}
	return p.EffectiveTo.IsZero() || !p.EffectiveTo.Day.Before(d)
}

// FeeBearing reports whether the procedure may charge anything at all.
func (p *Procedure) FeeBearing() bool { return p.Fees != nil && len(p.Fees.Items) > 0 }
