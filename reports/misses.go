package reports

import "sort"

// Miss is one unit whose rate falls short of its target.
type Miss struct {
	Scope  Scope   `json:"scope"`
	Level  string  `json:"level"`
	Agency string  `json:"agency,omitempty"`
	Name   string  `json:"name"`
	Rate   Rate    `json:"rate"`
	Ratio  *Ratio  `json:"ratio"`
	Gap    float64 `json:"gap"` // percentage points short of the target
}

// misses lists the levels and agencies that miss a target, worst first:
// the largest gap between target and rate leads. Procedures are not units,
// so they are not listed; a supervisor drills down to them.
func misses(root *Row) []Miss {
	out := []Miss{}
	var walk func(r *Row)
	walk = func(r *Row) {
		if r.Scope == Level || r.Scope == Agency {
			for _, rate := range Rates {
				ratio := r.Rates[rate]
				if meets, judged := ratio.Meets(); judged && !meets {
					out = append(out, Miss{Scope: r.Scope, Level: string(r.Level), Agency: r.Agency, Name: r.Name,
						Rate: rate, Ratio: ratio, Gap: round2(ratio.gap())})
				}
			}
		}
		if r.Scope != Agency {
			for _, c := range r.Children {
				walk(c)
			}
		}
	}
	walk(root)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Gap != out[j].Gap {
			return out[i].Gap > out[j].Gap
		}
		if out[i].Agency != out[j].Agency {
			return out[i].Agency < out[j].Agency
		}
		return out[i].Rate < out[j].Rate
	})
	return out
}

func round2(f float64) float64 {
	if f < 0 {
		return -round2(-f)
	}
	return float64(int64(f*100+0.5)) / 100
}
