package e2e

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/motcua/motcua/gateway"
	"github.com/motcua/motcua/money"
)

// payments is the payment gateway outside motcua, faithfully unreliable:
// it delivers every signed callback twice, in batches shuffled so that
// dossiers' callbacks cross, each copy retried until it is answered 2xx,
// as gateways do. And its citizens are unreliable too: each pays twice,
// through two transactions, and some pay before the dossier asks.
type payments struct {
	d      *driver
	secret []byte

	mu      sync.Mutex
	pending []delivery

	delivered, early, refused atomic.Int64
}

type delivery struct {
	cb   gateway.Callback
	copy int // 1 or 2
}

// pay hands the gateway a citizen's payment, made twice through two
// transactions, as a citizen who clicks "pay" twice does.
func (p *payments) pay(code string, amount money.VND) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pending = append(p.pending, delivery{cb: callback("E2E-", code, amount), copy: 1},
		delivery{cb: callback("E2E-AGAIN-", code, amount), copy: 1})
}

// payNow reports a payment at once, as a gateway does the moment the
// citizen pays; what is not answered 2xx is retried with the rest.
func (p *payments) payNow(ctx context.Context, code string, amount money.VND) {
	p.deliver(ctx, delivery{cb: callback("EARLY-", code, amount), copy: 1})
}

func callback(prefix, code string, amount money.VND) gateway.Callback {
	return gateway.Callback{TxID: prefix + code, Dossier: code, Amount: amount, Success: true, GatewayRef: "REF-" + prefix + code}
}

// run delivers callbacks until ctx ends.
func (p *payments) run(ctx context.Context) {
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		p.mu.Lock()
		batch := p.pending
		p.pending = nil
		p.mu.Unlock()
		rand.Shuffle(len(batch), func(i, j int) { batch[i], batch[j] = batch[j], batch[i] })
		var wg sync.WaitGroup
		sem := make(chan struct{}, 8)
		for _, x := range batch {
			sem <- struct{}{}
			wg.Go(func() {
				defer func() { <-sem }()
				p.deliver(ctx, x)
			})
		}
		wg.Wait()
	}
}

func (p *payments) deliver(ctx context.Context, x delivery) {
	body, _ := json.Marshal(x.cb)
	a, _, err := p.d.json(ctx, http.MethodPost, "/payments/callback", "", json.RawMessage(body),
		gateway.SignatureHeader, gateway.Sign(p.secret, body))
	if err != nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case a.status == http.StatusOK:
		p.delivered.Add(1)
		var out struct{ Reason string }
		a.decode(&out)
		if out.Reason == "too_early" && x.copy == 1 {
			p.early.Add(1)
		}
		if x.copy == 1 {
			// The second copy goes out in a later batch, behind others.
			p.pending = append(p.pending, delivery{cb: x.cb, copy: 2})
		}
	default:
		p.refused.Add(1)
		p.pending = append(p.pending, x)
	}
}

// drain waits until want callbacks have been answered 2xx.
func (p *payments) drain(ctx context.Context, want int64) {
	for p.delivered.Load() < want && ctx.Err() == nil {
		time.Sleep(100 * time.Millisecond)
	}
}
