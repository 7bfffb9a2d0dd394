// Package suggest finds the name a person most likely meant when they
// typed one that does not exist: a field of a procedure's YAML, a flag of
// the command.
package suggest

// Closest is the name among names nearest to got, if it is near enough
// (an edit distance under 3) to be a slip of the keyboard; "" otherwise.
func Closest(got string, names []string) string {
	best, bestDist := "", 3
	for _, n := range names {
		if d := distance(got, n); d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
