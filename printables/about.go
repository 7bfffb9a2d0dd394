package printables

import "time"

// About is what every paper says of its dossier: the unit that issues it,
// the dossier and its procedure, and the citizen it is addressed to. The
// workflow gives the facts it holds; the record activity adds the names
// from the catalogue and the directory.
type About struct {
	// Head is the issuing unit, its parent, place and register number,
	// from the directory of units.
	Head          Letterhead `json:"head"`
	Dossier       string     `json:"dossier"`
	Procedure     string     `json:"procedure"` // the procedure's name
	ProcedureCode string     `json:"procedure_code"`
	Agency        string     `json:"agency"` // the receiving unit's code
	// AgencyName is the catalogue's kind of office, such as Ủy ban nhân
	// dân cấp xã: what a paper is headed by when the directory has no name.
	AgencyName string    `json:"agency_name"`
	Applicant  string    `json:"applicant"` // the applicant's name
	Received   time.Time `json:"received"`
}

// Facts returns the paper's facts about its dossier, for the record
// activity to complete.
func (a *About) Facts() *About { return a }

// Document is a paper that can be rendered.
type Document interface {
	Facts() *About
	PDF() ([]byte, error)
}
