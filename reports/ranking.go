package reports

import "sort"

// Ranked is one unit's place among the units of a report on one rate.
type Ranked struct {
	Rank   int             `json:"rank"`
	Agency string          `json:"agency"`
	Name   string          `json:"name"`
	Level  string          `json:"level"`
	Ratio  *Ratio          `json:"ratio"`
	Rates  map[Rate]*Ratio `json:"rates"`
}

// Ranking places every unit that received or decided dossiers in the
// report by one rate, best first; units with nothing to count on that
// rate come last, unranked. Ties share a rank, as league tables do.
func (r *Report) Ranking(rate Rate) []Ranked {
	var out []Ranked
	for _, l := range r.Total.Children {
		for _, a := range l.Children {
			out = append(out, Ranked{Agency: a.Agency, Name: a.Name, Level: string(a.Level), Ratio: a.Rates[rate], Rates: a.Rates})
		}
	}
	value := func(x Ranked) (Percent, bool) { return x.Ratio.Rate() }
	sort.SliceStable(out, func(i, j int) bool {
		a, aok := value(out[i])
		b, bok := value(out[j])
		if aok != bok {
			return aok
		}
		if a != b {
			return a > b
		}
		return out[i].Name < out[j].Name
	})
	for i := range out {
		v, ok := value(out[i])
		switch {
		case !ok:
		case i > 0 && out[i-1].Rank > 0:
			if prev, _ := value(out[i-1]); prev == v {
				out[i].Rank = out[i-1].Rank
				continue
			}
			out[i].Rank = i + 1
		default:
			out[i].Rank = i + 1
		}
	}
	return out
}
