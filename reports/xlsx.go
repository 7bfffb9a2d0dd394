package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/motcua/motcua/procedures"

	"github.com/xuri/excelize/v2"
)

// writeXLSX writes a workbook with three sheets: the rates of every unit,
// top down by level, with percentages as numbers Excel can sort and chart;
// the units that miss their targets, worst first; and the rates by the
// directory's tree, each unit with everything under it.
func (r *Report) writeXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	const rates, missing, tree = "Tỷ lệ", "Không đạt", "Theo đơn vị"
	if err := f.SetSheetName("Sheet1", rates); err != nil {
		return err
	}
	for _, sheet := range []string{missing, tree} {
		if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		return err
	}
	red, err := f.NewStyle(&excelize.Style{NumFmt: 10, Font: &excelize.Font{Color: "C00000", Bold: true}})
	if err != nil {
		return err
	}

	set := func(sheet string, col, row int, v any, style int) error {
		cell, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			return err
		}
		if style != 0 {
			return f.SetCellStyle(sheet, cell, cell, style)
		}
		return nil
	}

	// filter lets Excel sort and filter a sheet on its header, line 3.
	filter := func(sheet string, cols, rows int) error {
		last, err := excelize.CoordinatesToCellName(cols, 3+max(rows, 1))
		if err != nil {
			return err
		}
		return f.AutoFilter(sheet, "A3:"+last, nil)
	}

	// Sheets 1 and 3: one line per unit.
	sheet := func(name string, rows []*Row, label func(*Row) string) error {
		title := fmt.Sprintf("Tỷ lệ từ %s đến %s (mục tiêu áp dụng ngày %s)", r.Period.From, r.Period.To, r.TargetsOn)
		if err := set(name, 1, 1, title, bold); err != nil {
			return err
		}
		head := []string{"Đơn vị", "Cấp", "Mã đơn vị", "Mã TTHC"}
		for _, rate := range Rates {
			head = append(head, rate.Title(), "Tử số", "Mẫu số", "Mục tiêu")
		}
		for i, h := range head {
			if err := set(name, i+1, 3, h, bold); err != nil {
				return err
			}
		}
		for i, row := range rows {
			line := i + 4
			for c, v := range []any{label(row), procedures.LevelName(row.Level), row.Agency, row.Procedure} {
				if err := set(name, c+1, line, v, 0); err != nil {
					return err
				}
			}
			for k, rate := range Rates {
				x, col := row.Rates[rate], 5+4*k
				if p, ok := x.Rate(); ok {
					style := pct
					if meets, judged := x.Meets(); judged && !meets {
						style = red
					}
					if err := set(name, col, line, float64(p)/10000, style); err != nil {
						return err
					}
				}
				if err := set(name, col+1, line, x.Num, 0); err != nil {
					return err
				}
				if err := set(name, col+2, line, x.Den, 0); err != nil {
					return err
				}
				if t, ok := x.Target(); ok {
					if err := set(name, col+3, line, float64(t)/10000, pct); err != nil {
						return err
					}
				}
			}
		}
		if err := f.SetColWidth(name, "A", "A", 48); err != nil {
			return err
		}
		if err := f.SetColWidth(name, "B", "D", 14); err != nil {
			return err
		}
		if err := filter(name, len(head), len(rows)); err != nil {
			return err
		}
		return f.SetPanes(name, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 3, TopLeftCell: "B4", ActivePane: "bottomRight"})
	}
	if err := sheet(rates, r.Rows(), (*Row).label); err != nil {
		return err
	}
	var units []*Row
	depth := map[*Row]int{}
	var walk func(*Row, int)
	walk = func(row *Row, d int) {
		units, depth[row] = append(units, row), d
		for _, c := range row.Children {
			walk(c, d+1)
		}
	}
	if r.Units != nil {
		walk(r.Units, 0)
	}
	if err := sheet(tree, units, func(row *Row) string { return strings.Repeat("  ", depth[row]) + row.Name }); err != nil {
		return err
	}

	// Sheet 2: the units that miss, worst first.
	title := fmt.Sprintf("Đơn vị không đạt mục tiêu, từ %s đến %s, kém nhất trước", r.Period.From, r.Period.To)
	if err := set(missing, 1, 1, title, bold); err != nil {
		return err
	}
	head := []string{"Thứ tự", "Đơn vị", "Cấp", "Mã đơn vị", "Tỷ lệ", "Tỷ lệ đạt được", "Mục tiêu", "Thiếu (điểm %)"}
	for i, h := range head {
		if err := set(missing, i+1, 3, h, bold); err != nil {
			return err
		}
	}
	for i, m := range r.Misses {
		p, _ := m.Ratio.Rate()
		t, _ := m.Ratio.Target()
		for c, v := range []any{i + 1, m.Name, procedures.LevelName(procedures.Level(m.Level)), m.Agency, m.Rate.Title(), float64(p) / 10000, float64(t) / 10000, m.Gap} {
			style := 0
			if c == 5 || c == 6 {
				style = pct
			}
			if err := set(missing, c+1, i+4, v, style); err != nil {
				return err
			}
		}
	}
	for cols, width := range map[string]float64{"B": 40, "C": 14, "D": 24, "E": 36, "F": 16, "G": 12, "H": 16} {
		if err := f.SetColWidth(missing, cols, cols, width); err != nil {
			return err
		}
	}
	if err := filter(missing, len(head), len(r.Misses)); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
