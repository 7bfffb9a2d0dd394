package store_test

import (
	"context"
	"sync"
	"testing"

	"github.com/motcua/motcua/store/storetest"
)

// Each paper gets the next number of its unit's register for its kind and
// year, once: asking again gives the same number, and papers numbered at
// once never share one.
func TestRegisterNumbers(t *testing.T) {
	for name, s := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			n := func(unit string, year int, kind, dossier string, number int) int {
				t.Helper()
				seq, err := s.Register(ctx, unit, year, kind, dossier, number)
				if err != nil {
					t.Fatal(err)
				}
				return seq
			}
			if a, b := n("xa", 2026, "receipt", "D1", 1), n("xa", 2026, "receipt", "D2", 1); a != 1 || b != 2 {
				t.Errorf("first two receipts: %d, %d", a, b)
			}
			if again := n("xa", 2026, "receipt", "D1", 1); again != 1 {
				t.Errorf("D1's receipt again: %d", again)
			}
			if a := n("xa", 2026, "apology", "D1", 1); a != 1 {
				t.Errorf("another kind starts its own register: %d", a)
			}
			if a := n("xa", 2027, "receipt", "D3", 1); a != 1 {
				t.Errorf("a new year starts again: %d", a)
			}
			var wg sync.WaitGroup
			got := make([]int, 20)
			for i := range got {
				wg.Go(func() {
					seq, err := s.Register(ctx, "tinh", 2026, "receipt", "P"+string(rune('A'+i)), 1)
					if err != nil {
						t.Error(err)
					}
					got[i] = seq
				})
			}
			wg.Wait()
			seen := map[int]bool{}
			for _, g := range got {
				if seen[g] || g < 1 || g > 20 {
					t.Errorf("numbers given at once: %v", got)
					break
				}
				seen[g] = true
			}
		})
	}
}
