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

// distance is the edit distance between a and b in which two neighbouring
// letters typed in the wrong order count as one edit (optimal string
// alignment): the commonest slip of the keyboard.
func distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
