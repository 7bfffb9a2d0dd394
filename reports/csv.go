package reports

import (
	"encoding/csv"
	"fmt"
	"io"
)

// writeCSV writes one line per unit, top down, with each rate's numerator,
// denominator, percentage, target and whether it is met; empty where a
// value does not apply. Headers and the verdict are Vietnamese in CSV and
// English in CSVEnglish.
func (r *Report) writeCSV(w io.Writer, f Format) error {
	if err := WriteBOM(w, f); err != nil {
		return err
	}
	english := f == CSVEnglish
	cw := csv.NewWriter(w)
	head := columns()
	if !english {
		head = vietnameseColumns()
	}
	if err := cw.Write(head); err != nil {
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
				if !english {
					rec[n-1] = map[bool]string{true: "Đạt", false: "Không đạt"}[meets]
				}
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

// vietnameseColumns are columns() as a Vietnamese reader names them.
func vietnameseColumns() []string {
	out := []string{"Phạm vi", "Cấp", "Mã đơn vị", "Mã thủ tục", "Tên"}
	for _, rate := range Rates {
		for _, part := range []string{"tử số", "mẫu số", "tỷ lệ (%)", "chỉ tiêu (%)", "kết quả"} {
			out = append(out, rate.Title()+": "+part)
		}
	}
	return out
}

// decimal writes a percentage as a plain number with two decimals.
func decimal(p Percent) string { return fmt.Sprintf("%d.%02d", p/100, p%100) }
