package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

func (r *Report) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// writeTable writes the rates as aligned text, then the units that miss
// their targets, worst first.
func (r *Report) writeTable(w io.Writer) error {
	fmt.Fprintf(w, "Rates for %s (targets in force on %s)\n\n", r.Period, r.TargetsOn)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "unit")
	for _, rate := range Rates {
		fmt.Fprintf(tw, "\t%s", rate)
	}
	fmt.Fprintln(tw)
	for _, row := range r.Rows() {
		fmt.Fprint(tw, row.label())
		for _, rate := range Rates {
			fmt.Fprintf(tw, "\t%s", row.Rates[rate].cell())
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nUnits missing a target, worst first: %d\n", len(r.Misses))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for i, m := range r.Misses {
		rate, _ := m.Ratio.Rate()
		target, _ := m.Ratio.Target()
		unit := m.Name
		if m.Agency != "" && m.Agency != m.Name {
			unit += " (" + m.Agency + ")"
		}
		fmt.Fprintf(tw, "%d.\t%s\t%s\t%s\t< %s\t(%.2f points short)\n", i+1, unit, m.Rate, rate, target, m.Gap)
	}
	return tw.Flush()
}
