// Package form06 writes Biểu số 06/VPCP/KSTT, the periodic report on the
// handling of administrative procedures set by Thông tư 01/2020/TT-VPCP:
// one row per sector (lĩnh vực) and one per unit, with the dossiers
// received (online, in person or by post, carried over), resolved (early,
// on time, late) and still in progress (within the deadline, overdue).
// Its counts reconcile with the Decision 766 scorecard's: dossiers
// received in the period, and dossiers decided in it.
package form06

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/store"
)

// Row is one line of the form.
type Row struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Level procedures.Level
	store.Form06Counts
}

// Form is the report of a period.
type Form struct {
	Period   reports.Period
	BySector []Row
	ByUnit   []Row
	Total    Row
}

// Build counts the form for a period, over a unit and the units under it
// when unit is given.
func Build(ctx context.Context, st *store.Store, cat *procedures.Catalogue, period reports.Period, unit string) (*Form, error) {
	from, to := period.Bounds()
	units := cat.Units()
	var scope []string
	if unit != "" {
		scope = units.Within(unit)
	}
	counts, err := st.Form06(ctx, from, to, scope)
	if err != nil {
		return nil, err
	}
	bySector, byUnit := map[string]*Row{}, map[string]*Row{}
	f := &Form{Period: period, Total: Row{Name: "Tổng cộng"}}
	for k, c := range counts {
		code, name := "", "Chưa phân lĩnh vực"
		if vs := cat.Versions(k.Procedure); len(vs) > 0 && vs[len(vs)-1].Sector != nil {
			code, name = vs[len(vs)-1].Sector.Code, vs[len(vs)-1].Sector.Name
		}
		if bySector[code] == nil {
			bySector[code] = &Row{Code: code, Name: name}
		}
		bySector[code].Add(c)
		if byUnit[k.Agency] == nil {
			r := &Row{Code: k.Agency, Name: units.Name(k.Agency)}
			if u, ok := units.Unit(k.Agency); ok {
				r.Level = u.Level
			}
			byUnit[k.Agency] = r
		}
		byUnit[k.Agency].Add(c)
		f.Total.Add(c)
	}
	for _, r := range bySector {
		f.BySector = append(f.BySector, *r)
	}
	for _, r := range byUnit {
		f.ByUnit = append(f.ByUnit, *r)
	}
	slices.SortFunc(f.BySector, func(a, b Row) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(f.ByUnit, func(a, b Row) int {
		if d := a.Level.Rank() - b.Level.Rank(); d != 0 {
			return d
		}
		return strings.Compare(a.Name, b.Name)
	})
	return f, nil
}

// columns are the form's headings, each with its value of a row.
var columns = []struct {
	group, name string
	value       func(store.Form06Counts) int
}{
	{"Số hồ sơ nhận giải quyết", "Tổng số", func(c store.Form06Counts) int { return c.Received + c.CarriedOver }},
	{"Số hồ sơ nhận giải quyết", "Trực tuyến", func(c store.Form06Counts) int { return c.Online }},
	{"Số hồ sơ nhận giải quyết", "Trực tiếp, dịch vụ bưu chính", func(c store.Form06Counts) int { return c.Offline }},
	{"Số hồ sơ nhận giải quyết", "Từ kỳ trước chuyển qua", func(c store.Form06Counts) int { return c.CarriedOver }},
	{"Số hồ sơ đã giải quyết", "Tổng số", func(c store.Form06Counts) int { return c.Resolved }},
	{"Số hồ sơ đã giải quyết", "Trước hạn", func(c store.Form06Counts) int { return c.Early }},
	{"Số hồ sơ đã giải quyết", "Đúng hạn", func(c store.Form06Counts) int { return c.OnTime }},
	{"Số hồ sơ đã giải quyết", "Quá hạn", func(c store.Form06Counts) int { return c.Late }},
	{"Số hồ sơ đang giải quyết", "Tổng số", func(c store.Form06Counts) int { return c.InProgress }},
	{"Số hồ sơ đang giải quyết", "Trong hạn", func(c store.Form06Counts) int { return c.InTime }},
	{"Số hồ sơ đang giải quyết", "Quá hạn", func(c store.Form06Counts) int { return c.Overdue }},
}

// WriteXLSX writes the form as a workbook, its headings in two rows as
// the printed form has them.
func (f *Form) WriteXLSX(w io.Writer) error {
	x := excelize.NewFile()
	defer x.Close()
	const sheet = "Biểu 06"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	if err != nil {
		return err
	}
	set := func(col, row int, v any, style int) error {
		cell, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		if err := x.SetCellValue(sheet, cell, v); err != nil {
			return err
		}
		if style != 0 {
			return x.SetCellStyle(sheet, cell, cell, style)
		}
		return nil
	}
	title := fmt.Sprintf("Biểu số 06/VPCP/KSTT — Tình hình, kết quả giải quyết thủ tục hành chính từ %s đến %s", f.Period.From, f.Period.To)
	if err := set(1, 1, title, bold); err != nil {
		return err
	}
	if err := set(1, 3, "STT", bold); err != nil {
		return err
	}
	if err := set(2, 3, "Lĩnh vực, đơn vị", bold); err != nil {
		return err
	}
	for i, c := range columns {
		if err := set(i+3, 3, c.group, bold); err != nil {
			return err
		}
		if err := set(i+3, 4, c.name, bold); err != nil {
			return err
		}
	}
	row := 5
	line := func(n string, r Row, style int) error {
		if err := set(1, row, n, style); err != nil {
			return err
		}
		if err := set(2, row, r.Name, style); err != nil {
			return err
		}
		for i, c := range columns {
			if err := set(i+3, row, c.value(r.Form06Counts), style); err != nil {
				return err
			}
		}
		row++
		return nil
	}
	section := func(title string, rows []Row) error {
		if err := set(2, row, title, bold); err != nil {
			return err
		}
		row++
		for i, r := range rows {
			if err := line(fmt.Sprint(i+1), r, 0); err != nil {
				return err
			}
		}
		return nil
	}
	if err := section("I. Theo lĩnh vực", f.BySector); err != nil {
		return err
	}
	if err := section("II. Theo đơn vị", f.ByUnit); err != nil {
		return err
	}
	if err := line("", f.Total, bold); err != nil {
		return err
	}
	if err := x.SetColWidth(sheet, "B", "B", 48); err != nil {
		return err
	}
	return x.Write(w)
}
