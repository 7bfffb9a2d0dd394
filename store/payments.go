package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/money"
)

// PaymentState is where a reported payment stands in the ledger. Each
// payment is in exactly one state, so that the money received always
// equals what was applied, plus what was refunded, plus what is owed back.
type PaymentState string

// The states of a payment.
const (
	// PaymentFailed: the gateway reported a failure; no money moved.
	PaymentFailed PaymentState = "failed"
	// PaymentReceived: money came in and the dossier has not yet said
	// whether it takes it. Nothing stays here: the callback, a redelivery
	// or the reconciler decides.
	PaymentReceived PaymentState = "received"
	// PaymentApplied: the dossier took it.
	PaymentApplied PaymentState = "applied"
	// PaymentRefundPending: it is owed back, and a durable refund is
	// under way.
	PaymentRefundPending PaymentState = "refund_pending"
	// PaymentRefunded: it was paid back.
	PaymentRefunded PaymentState = "refunded"
)

// Why money was not applied to the dossier it was paid for.
const (
	UnappliedDuplicate      = "duplicate"       // the fees were already paid
	UnappliedWrongAmount    = "wrong_amount"    // it is not what is due
	UnappliedTooEarly       = "too_early"       // the dossier does not yet await payment
	UnappliedAfterClosure   = "after_closure"   // the dossier had closed
	UnappliedUnknownDossier = "unknown_dossier" // no such dossier
)

// unappliedReasons are the reasons above, as the ledger's queries list them.
var unappliedReasons = []string{UnappliedDuplicate, UnappliedWrongAmount, UnappliedTooEarly, UnappliedAfterClosure,
	UnappliedUnknownDossier}

// Unapplied reports whether a line's reason says the dossier never took
// the money, as opposed to the outcome of a dossier that refunded it.
func Unapplied(reason string) bool { return slices.Contains(unappliedReasons, reason) }

// DefaultGateway names the payment gateway's transactions in the ledger
// when a payment does not say which gateway took it.
const DefaultGateway = "gateway"

// CounterSource names an agency's counter in the ledger: receipt numbers
// are unique per agency, not across agencies.
func CounterSource(agency string) string { return "counter:" + agency }

// ErrTxElsewhere is a transaction ID or receipt number that the ledger
// already holds for another dossier.
var ErrTxElsewhere = errors.New("already recorded for another dossier")

// LedgerEntry is one line of the payments ledger: a payment, or a failed
// attempt at one, as the gateway or the counter reported it, and what
// became of the money.
type LedgerEntry struct {
	Source     string       `json:"source" doc:"The gateway, or counter:<agency> for a counter receipt."`
	TxID       string       `json:"tx_id"`
	Dossier    string       `json:"dossier"`
	Online     bool         `json:"online"`
	Amount     money.VND    `json:"amount"`
	Success    bool         `json:"success"`
	GatewayRef string       `json:"gateway_ref,omitempty"`
	At         time.Time    `json:"at"`
	State      PaymentState `json:"state" enum:"failed,received,applied,refund_pending,refunded"`
	Reason     string       `json:"reason,omitempty" doc:"Why the money was not applied, or the outcome that had it refunded."`
	RefundRef  string       `json:"refund_ref,omitempty"`
	Updated    time.Time    `json:"updated"`
}

const ledgerColumns = `source, tx_id, dossier, online, amount, success, gateway_ref, at, state, reason, refund_ref, updated`

func scanLedger(r scanner) (LedgerEntry, error) {
	var p LedgerEntry
	var online, success int
	var amount, at, updated int64
	err := r.Scan(&p.Source, &p.TxID, &p.Dossier, &online, &amount, &success, &p.GatewayRef, &at, &p.State,
		&p.Reason, &p.RefundRef, &updated)
	p.Online, p.Success, p.Amount = online == 1, success == 1, money.VND(amount)
	p.At, p.Updated = time.UnixMilli(at).UTC(), time.UnixMilli(updated).UTC()
	return p, err
}

// ReportPayment keeps a payment as reported, once per source and
// transaction, and returns the ledger's line for it as it now stands, and
// whether this report was news: the first of its transaction, or a
// success after a failure. A transaction the ledger holds for another
// dossier is refused with ErrTxElsewhere.
func (s *Store) ReportPayment(ctx context.Context, p LedgerEntry) (LedgerEntry, bool, error) {
	state := PaymentFailed
	if p.Success {
		state = PaymentReceived
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO payments (`+ledgerColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', '', $8) ON CONFLICT (source, tx_id) DO NOTHING`,
		p.Source, p.TxID, p.Dossier, flag(p.Online), int64(p.Amount), flag(p.Success), p.GatewayRef, p.At.UnixMilli(), string(state))
	if err != nil {
		return p, false, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return p, false, err
	}
	if p.Success && n == 0 {
		res, err = s.db.ExecContext(ctx, `UPDATE payments SET success = 1, state = 'received', amount = $1, gateway_ref = $2,
			at = $3, updated = $3 WHERE source = $4 AND tx_id = $5 AND dossier = $6 AND state = 'failed'`,
			int64(p.Amount), p.GatewayRef, p.At.UnixMilli(), p.Source, p.TxID, p.Dossier)
		if err != nil {
			return p, false, err
		}
		if n, err = res.RowsAffected(); err != nil {
			return p, false, err
		}
	}
	got, err := s.Payment(ctx, p.Source, p.TxID)
	if err != nil {
		return p, false, err
	}
	if got.Dossier != p.Dossier {
		return got, false, fmt.Errorf("%s %s: %w %s", p.Source, p.TxID, ErrTxElsewhere, got.Dossier)
	}
	return got, n == 1, nil
}

// Payment returns one line of the ledger.
func (s *Store) Payment(ctx context.Context, source, txID string) (LedgerEntry, error) {
	p, err := scanLedger(s.db.QueryRowContext(ctx, `SELECT `+ledgerColumns+` FROM payments WHERE source = $1 AND tx_id = $2`, source, txID))
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("payment %s %s: %w", source, txID, ErrNotFound)
	}
	return p, err
}

// SettlePayment decides money received: applied, or owed back with the
// reason. Only a line still undecided changes; it reports whether this
// call decided it.
func (s *Store) SettlePayment(ctx context.Context, source, txID string, state PaymentState, reason string, now time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE payments SET state = $1, reason = $2, updated = $3
		WHERE source = $4 AND tx_id = $5 AND state = 'received'`, string(state), reason, now.UnixMilli(), source, txID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// PaymentRefunded records a refund of money the dossier did not take: the
// line is refunded, and the refund is listed with the dossier's.
func (s *Store) PaymentRefunded(ctx context.Context, source, txID string, r model.Refund) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var dossier string
	err = tx.QueryRowContext(ctx, `SELECT dossier FROM payments WHERE source = $1 AND tx_id = $2`, source, txID).Scan(&dossier)
	if err != nil {
		return fmt.Errorf("store: refund of %s %s: %w", source, txID, err)
	}
	if err := refunded(ctx, tx, dossier, source, txID, "", r, "'refund_pending'"); err != nil {
		return err
	}
	return tx.Commit()
}

// refunded marks a payment refunded and lists the refund, once. from are
// the states a line may be refunded from: money owed back, for a refund of
// money the dossier never took; money applied, for a dossier that ended
// without its result.
func refunded(ctx context.Context, tx *sql.Tx, dossier, source, txID, reason string, r model.Refund, from string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO refunds (dossier, reference, tx_id, online, amount, at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dossier, reference) DO NOTHING`,
		dossier, r.Reference, r.TxID, flag(r.Online), int64(r.Amount), r.At.UnixMilli())
	if err != nil {
		return fmt.Errorf("store: refunds of %s: %w", dossier, err)
	}
	q := `UPDATE payments SET state = 'refunded', refund_ref = $1, updated = $2,
		reason = CASE WHEN reason = '' THEN $3 ELSE reason END
		WHERE dossier = $4 AND tx_id = $5 AND state IN (` + from + `)`
	args := []any{r.Reference, r.At.UnixMilli(), reason, dossier, txID}
	if source != "" {
		q += ` AND source = $6`
		args = append(args, source)
	}
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("store: refund of %s %s: %w", dossier, txID, err)
	}
	return nil
}

// Payments lists a dossier's payments in the order they came.
func (s *Store) Payments(ctx context.Context, dossier string) ([]LedgerEntry, error) {
	return s.ledger(ctx, `SELECT `+ledgerColumns+` FROM payments WHERE dossier = $1 ORDER BY at, tx_id`, dossier)
}

// PaymentsIn lists the ledger's lines in the given states, oldest change
// first, up to limit: the finance office's lists and the reconciler's work.
func (s *Store) PaymentsIn(ctx context.Context, limit int, states ...PaymentState) ([]LedgerEntry, error) {
	var out []LedgerEntry
	for _, st := range states {
		page, err := s.ledger(ctx, `SELECT `+ledgerColumns+` FROM payments WHERE state = $1 ORDER BY updated, tx_id LIMIT $2`,
			string(st), limit)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
	}
	return out, nil
}

// UnappliedPayments lists the money that reached no dossier, newest
// first: what is owed back and what was refunded, with the reason.
func (s *Store) UnappliedPayments(ctx context.Context, limit int) ([]LedgerEntry, error) {
	return s.ledger(ctx, `SELECT `+ledgerColumns+` FROM payments WHERE state IN ('refund_pending', 'refunded')
		AND reason IN ('`+strings.Join(unappliedReasons, "', '")+`') ORDER BY updated DESC, tx_id LIMIT $1`, limit)
}

func (s *Store) ledger(ctx context.Context, q string, args ...any) ([]LedgerEntry, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []LedgerEntry{}
	for rows.Next() {
		p, err := scanLedger(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Balance is the money of a dossier, or of all: what was received, and
// where each đồng of it stands.
type Balance struct {
	Received      money.VND `json:"received"`
	Applied       money.VND `json:"applied"`
	RefundPending money.VND `json:"refund_pending"`
	Refunded      money.VND `json:"refunded"`
	// Undecided is money received that no dossier has yet taken or
	// refused: zero whenever nothing is in flight.
	Undecided money.VND `json:"undecided"`
	Payments  int       `json:"payments"`
}

// Balances reports whether every đồng received is applied, refunded or
// owed back.
func (b Balance) Balances() bool {
	return b.Received == b.Applied+b.RefundPending+b.Refunded+b.Undecided && b.Undecided == 0
}

// Balance sums the ledger for a dossier, or for all with "".
func (s *Store) Balance(ctx context.Context, dossier string) (Balance, error) {
	q := `SELECT state, COUNT(*), COALESCE(SUM(amount), 0) FROM payments WHERE success = 1`
	var args []any
	if dossier != "" {
		q += ` AND dossier = $1`
		args = append(args, dossier)
	}
	rows, err := s.db.QueryContext(ctx, q+` GROUP BY state`, args...)
	if err != nil {
		return Balance{}, err
	}
	defer rows.Close()
	var b Balance
	for rows.Next() {
		var state string
		var n int
		var sum int64
		if err := rows.Scan(&state, &n, &sum); err != nil {
			return b, err
		}
		b.Payments += n
		b.Received += money.VND(sum)
		switch PaymentState(state) {
		case PaymentApplied:
			b.Applied += money.VND(sum)
		case PaymentRefundPending:
			b.RefundPending += money.VND(sum)
		case PaymentRefunded:
			b.Refunded += money.VND(sum)
		case PaymentReceived:
			b.Undecided += money.VND(sum)
		}
	}
	return b, rows.Err()
}

// recordMoney writes the payments and refunds a milestone lists, once
// each. A payment the dossier lists is applied, whoever reported it first;
// a refund the dossier made marks its payment refunded, with the outcome
// that had it refunded.
func recordMoney(ctx context.Context, tx *sql.Tx, d model.Projection, at time.Time, pays []model.Payment, refunds []model.Refund) error {
	for _, p := range pays {
		when := p.At
		if when.IsZero() {
			when = at
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO payments (`+ledgerColumns+`)
			VALUES ($1, $2, $3, $4, $5, 1, $6, $7, 'applied', '', '', $7)
			ON CONFLICT (source, tx_id) DO UPDATE SET state = 'applied', success = 1, updated = excluded.updated
			WHERE payments.state IN ('received', 'failed') AND payments.dossier = excluded.dossier`,
			paymentSource(p, d.Agency), p.TxID, d.Code, flag(p.Online), int64(p.Amount), p.GatewayRef, when.UnixMilli())
		if err != nil {
			return fmt.Errorf("store: payments of %s: %w", d.Code, err)
		}
	}
	for _, r := range refunds {
		if r.At.IsZero() {
			r.At = at
		}
		source := ""
		for _, p := range pays {
			if p.TxID == r.TxID {
				source = paymentSource(p, d.Agency)
			}
		}
		if err := refunded(ctx, tx, d.Code, source, r.TxID, d.Outcome, r, "'applied', 'received'"); err != nil {
			return err
		}
	}
	return nil
}

// undoGhosts returns to "received" any line the dossier's newest milestone
// does not hold as applied. A milestone is written by a local activity
// inside a workflow task; when Temporal discards that task (it timed out
// under load) and the task runs again, updates may be taken in another
// order, and the first attempt's write stands for a payment the dossier
// never took. The newest milestone lists every payment the dossier holds,
// so a line applied outside it is such a ghost: the money is undecided
// again, and reconciliation refunds it.
func undoGhosts(ctx context.Context, tx *sql.Tx, dossier string, pays []model.Payment) error {
	rows, err := tx.QueryContext(ctx, `SELECT tx_id FROM payments WHERE dossier = $1 AND state = 'applied'`, dossier)
	if err != nil {
		return err
	}
	held := map[string]bool{}
	for _, p := range pays {
		held[p.TxID] = true
	}
	var ghosts []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		if !held[id] {
			ghosts = append(ghosts, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ghosts {
		if _, err := tx.ExecContext(ctx, `UPDATE payments SET state = 'received', updated = $1
			WHERE dossier = $2 AND tx_id = $3 AND state = 'applied'`, time.Now().UnixMilli(), dossier, id); err != nil {
			return err
		}
	}
	return nil
}

// paymentSource is the ledger's source of a payment the dossier took.
func paymentSource(p model.Payment, agency string) string {
	switch {
	case p.Source != "":
		return p.Source
	case p.Online:
		return DefaultGateway
	}
	return CounterSource(agency)
}

// Refunds lists a dossier's refunds in the order they were made.
func (s *Store) Refunds(ctx context.Context, dossier string) ([]model.Refund, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT reference, tx_id, online, amount, at FROM refunds
		WHERE dossier = $1 ORDER BY at, reference`, dossier)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []model.Refund{}
	for rows.Next() {
		var r model.Refund
		var online int
		var amount, at int64
		if err := rows.Scan(&r.Reference, &r.TxID, &online, &amount, &at); err != nil {
			return nil, err
		}
		r.Online, r.Amount, r.At = online == 1, money.VND(amount), time.UnixMilli(at).UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}
