package scorecard

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
)

// Write writes the scorecard in a report format: a table to read, CSV, a
// workbook, or JSON.
func (c *Card) Write(w io.Writer, f reports.Format) error {
	switch f {
	case reports.Table:
		return c.writeTable(w)
	case reports.CSV, reports.CSVEnglish:
		return c.writeCSV(w, f)
	case reports.XLSX:
		return c.writeXLSX(w)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(c)
}

// header is a line per indicator of a unit, in CSV and the workbook.
var header = []string{"Mã đơn vị", "Đơn vị", "Cấp", "Chỉ số", "Tên chỉ số", "Tử số", "Mẫu số", "Tỷ lệ (%)",
	"Chỉ tiêu (%)", "Điểm", "Điểm tối đa", "Đạt"}

// englishHeader is header for programs, with englishMet for the last column.
var englishHeader = []string{"unit", "unit_name", "level", "indicator", "indicator_name", "num", "den", "percent",
	"target", "points", "max_points", "meets"}

var englishMet = map[string]string{"có": "true", "không": "false", "không chấm": "not_scored"}

// lines are the scorecard as rows: each unit's indicators, then its total.
func (c *Card) lines() [][]string {
	var out [][]string
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	for _, u := range c.Units {
		level := procedures.LevelName(u.Level)
		for _, l := range u.Lines {
			if !l.Scored {
				out = append(out, []string{u.Unit, u.Name, level, l.Code, l.Name, "0", "0", "", num(l.Target), "", num(l.Points), "không chấm"})
				continue
			}
			met := "không"
			if l.Meets {
				met = "có"
			}
			out = append(out, []string{u.Unit, u.Name, level, l.Code, l.Name, strconv.Itoa(l.Num), strconv.Itoa(l.Den),
				num(l.Ratio), num(l.Target), num(l.Earned), num(l.Points), met})
		}
		out = append(out, []string{u.Unit, u.Name, level, "Tổng", fmt.Sprintf("Hạng %d/%d; dự báo cuối kỳ %s điểm", u.Rank, u.Peers, num(u.Forecast.Points)),
			"", "", num(u.Score), "", num(u.Points), num(u.Max), ""})
	}
	return out
}

func (c *Card) writeCSV(w io.Writer, f reports.Format) error {
	if err := reports.WriteBOM(w, f); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	head, lines := header, c.lines()
	if f == reports.CSVEnglish {
		head = englishHeader
		for _, l := range lines {
			l[len(l)-1] = englishMet[l[len(l)-1]]
		}
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	if err := cw.WriteAll(lines); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func (c *Card) writeTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Bộ chỉ số 766, từ %s đến %s\n\n", c.Period.From, c.Period.To)
	fmt.Fprintln(tw, "Đơn vị\tCấp\tĐiểm\tTối đa\tTỷ lệ\tHạng\tDự báo\tChỉ số chưa đạt (dự báo)")
	for _, u := range c.Units {
		fmt.Fprintf(tw, "%s\t%s\t%.2f\t%.0f\t%.2f%%\t%d/%d\t%.2f%%\t%s\n", u.Name, procedures.LevelName(u.Level), u.Points, u.Max,
			u.Score, u.Rank, u.Peers, u.Forecast.Score, strings.Join(u.Forecast.Misses, ", "))
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "Đơn vị\tChỉ số\tTử số/Mẫu số\tTỷ lệ\tChỉ tiêu\tĐiểm")
	for _, u := range c.Units {
		for _, l := range u.Lines {
			if !l.Scored {
				fmt.Fprintf(tw, "%s\t%s %s\t—\t—\t%.0f%%\tkhông chấm\n", u.Name, l.Code, l.Name, l.Target)
				continue
			}
			fmt.Fprintf(tw, "%s\t%s %s\t%d/%d\t%.2f%%\t%.0f%%\t%.4g/%.0f\n", u.Name, l.Code, l.Name, l.Num, l.Den, l.Ratio, l.Target, l.Earned, l.Points)
		}
	}
	if len(c.AtRisk) > 0 {
		fmt.Fprintln(tw)
		fmt.Fprintln(tw, "Hồ sơ đang làm mất điểm\tĐơn vị\tLý do")
		for _, r := range c.AtRisk {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Code, r.Agency, strings.Join(r.Reasons, ", "))
		}
	}
	return tw.Flush()
}

func (c *Card) writeXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet, risk = "Chỉ số 766", "Hồ sơ mất điểm"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	if _, err := f.NewSheet(risk); err != nil {
		return err
	}
	put := func(sheet string, row int, values []string) error {
		for i, v := range values {
			cell, err := excelize.CoordinatesToCellName(i+1, row)
			if err != nil {
				return err
			}
			var x any = v
			if n, err := strconv.ParseFloat(v, 64); err == nil && i >= 5 {
				x = n // numbers Excel can sort and chart
			}
			if err := f.SetCellValue(sheet, cell, x); err != nil {
				return err
			}
		}
		return nil
	}
	if err := put(sheet, 1, []string{fmt.Sprintf("Bộ chỉ số 766 từ %s đến %s", c.Period.From, c.Period.To)}); err != nil {
		return err
	}
	if err := put(sheet, 2, header); err != nil {
		return err
	}
	for i, l := range c.lines() {
		if err := put(sheet, i+3, l); err != nil {
			return err
		}
	}
	if err := put(risk, 1, []string{"Mã hồ sơ", "Đơn vị", "Lý do"}); err != nil {
		return err
	}
	for i, r := range c.AtRisk {
		if err := put(risk, i+2, []string{r.Code, r.Agency, strings.Join(r.Reasons, ", ")}); err != nil {
			return err
		}
	}
	return f.Write(w)
}
