package reports

import (
	"encoding/csv"
	"fmt"
	"io"
)

// writeCSV writes one line per unit, top down, with each rate's numerator,
// denominator, percentage, target and whether it is met; empty where a
// value does not apply.
func (r *Report) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(columns()); err != nil {
		return err
	}
	for _, row := range r.Rows() {
		rec := []string{string(row.Scope), string(row.Level), row.Agency, row.Procedure, row.Name}
		for _, rate := range Rates {
			x := row.Rates[rate]
			rec = append(rec, fmt.Sprint(x.Num), fmt.Sprint(x.Den), "", "", "")
			n := len(rec)
			if p, ok := x.Rate(); ok {
				rec[n-3] = decimal(p)
			}
			if t, ok := x.Target(); ok {
				rec[n-2] = decimal(t)
			}
			if meets, judged := x.Meets(); judged {
				rec[n-1] = fmt.Sprint(meets)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// columns are the header of the CSV and of the workbook's rates sheet.
func columns() []string {
	out := []string{"scope", "level", "agency", "procedure", "name"}
	for _, rate := range Rates {
		for _, part := range []string{"num", "den", "percent", "target", "meets"} {
			out = append(out, string(rate)+"_"+part)
		}
	}
	return out
}

// decimal writes a percentage as a plain number with two decimals.
func decimal(p Percent) string { return fmt.Sprintf("%d.%02d", p/100, p%100) }
