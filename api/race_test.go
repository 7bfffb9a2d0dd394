package api_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/motcua/motcua/store"
)

// A citizen who pays twice at once, through two transactions, each
// delivered twice at once, the moment the officer accepts: the dossier
// takes one payment, and the other is refunded.
func TestTwoPaymentsAtOnceApplyOne(t *testing.T) {
	for i := range 12 {
		code := fileUntil(t, fmt.Sprintf("race-%d", i), false)
		call(t, http.MethodPost, "/dossiers/"+code+"/accept", officerTinh, map[string]any{}).must(t, 200)
		var wg sync.WaitGroup
		for _, tx := range []string{"TX-A-", "TX-B-", "TX-A-", "TX-B-"} {
			wg.Go(func() {
				for {
					r := callback(t, code, tx+code, 200000, true)
					if r.status == 200 {
						return
					}
				}
			})
		}
		wg.Wait()
		settled(t, code, 200000, 200000)
		pays, _ := svc.Store.Payments(context.Background(), code)
		applied := 0
		for _, p := range pays {
			if p.State == store.PaymentApplied {
				applied++
			}
		}
		if applied != 1 {
			t.Errorf("%s: %d applied: %+v", code, applied, pays)
		}
	}
}
