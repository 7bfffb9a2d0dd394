package portal

import (
	"strconv"
	"time"

	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/store"
)

// Names gives what the portal shows beside codes: the procedure's name
// and sector, and the unit's name.
type Names struct {
	Catalogue *procedures.Catalogue
}

// timeLayout is how the portal writes instants: yyyyMMddHHmmss, local time.
const timeLayout = "20060102150405"

// vietnam is the portal's time zone: instants are written in local time.
var vietnam = time.FixedZone("ICT", 7*3600)

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vietnam).Format(timeLayout)
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// Record is the dossier as the portal receives it: motcua's fields under
// the portal's names.
func (c Config) Record(it store.PortalChange, names Names, status int) map[string]any {
	m := it.Milestone
	d := m.Dossier
	f := c.Fields
	name, sector := d.Procedure.Code, ""
	if names.Catalogue != nil {
		if p, err := names.Catalogue.Version(d.Procedure.Code, d.Procedure.Version); err == nil {
			name = p.Name
			if p.Sector != nil {
				sector = p.Sector.Code
			}
		}
	}
	unit := d.Agency
	if names.Catalogue != nil {
		unit = names.Catalogue.Units().Name(d.Agency)
	}
	finished := d.Decided
	if finished.IsZero() && d.Outcome != "" {
		finished = m.Event.At
	}
	digitized := false
	files := []map[string]any{}
	results := []map[string]any{}
	for _, file := range m.Files {
		if file.How == "result" {
			results = append(results, map[string]any{f["result_name"]: "Kết quả giải quyết " + name,
				f["result_link"]: c.FileLink + file.Document})
			continue
		}
		digitized = true
		files = append(files, map[string]any{
			f["file_component"]: file.Component, f["file_link"]: c.FileLink + file.Document,
			f["file_digitized"]: flag(file.How == "scanned" || file.How == "uploaded" || file.How == "reused"),
			f["file_reused"]:    flag(file.How == "reused"), f["file_from_national"]: flag(false),
		})
	}
	fees := []map[string]any{}
	if d.Fee > 0 {
		via := "1" // at the counter
		if d.PaidOnline {
			via = "2"
		}
		fees = append(fees, map[string]any{f["fee_name"]: "Phí, lệ phí " + name, f["fee_amount"]: int64(d.Fee), f["fee_paid_via"]: via})
	}
	supplements := []map[string]any{}
	for _, e := range it.Supplements {
		supplements = append(supplements, map[string]any{f["supplement_at"]: stamp(e.At), f["supplement_reason"]: e.Detail})
	}
	return map[string]any{
		f["code"]: d.Code, f["procedure"]: d.Procedure.Code, f["procedure_name"]: name, f["field"]: sector,
		f["channel"]: strconv.Itoa(c.Channels[string(d.Channel)]), f["owner"]: d.Applicant,
		f["received"]: stamp(d.Received), f["due"]: stamp(d.Due), f["returned"]: stamp(d.Returned),
		f["finished"]: stamp(finished), f["status"]: strconv.Itoa(status), f["unit"]: unit,
		f["digitized"]: flag(digitized), f["paid_online"]: flag(d.PaidOnline),
		// motcua does not see how the identity provider verified an
		// account: a filing the citizen made online, signed in, is sent
		// as from a verified account, and any other as from none.
		f["vneid"]:       flag(d.Channel == procedures.Online && d.AssistedBy == ""),
		f["files"]:       files,
		f["fees"]:        fees,
		f["supplements"]: supplements,
		f["results"]:     results,
	}
}

// Step is the process step the portal hears with each status change.
func (c Config) Step(it store.PortalChange, status int) map[string]any {
	f := c.Fields
	e := it.Milestone.Event
	content := e.Action
	if e.Detail != "" {
		content += ": " + e.Detail
	}
	return map[string]any{f["code"]: it.Dossier, f["step_actor"]: e.Actor, f["step_at"]: stamp(e.At),
		f["step_content"]: content, f["step_status"]: strconv.Itoa(status), f["step_due"]: stamp(it.Milestone.Dossier.Due)}
}
