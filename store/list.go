package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua/model"
)

// Filter narrows a list of dossiers. Empty fields match everything.
type Filter struct {
	Agency string
	// Agencies, when set, keeps the dossiers of these units only: a unit
	// and everything under it, for a report on a subtree or a supervisor
	// scoped to one.
	Agencies  []string
	Level     string
	Procedure string
	Stage     string
	Applicant string
	// From and To, when set, keep dossiers received in [From, To): a
	// drill-down from a report keeps the report's period.
	From, To time.Time
}

// where renders the filter as SQL conditions, numbering parameters from
// len(args)+1.
func (f Filter) where(conds []string, args []any) ([]string, []any) {
	for _, c := range []struct{ col, v string }{{"agency", f.Agency}, {"level", f.Level},
		{"procedure_code", f.Procedure}, {"stage", f.Stage}, {"applicant", f.Applicant}} {
		if c.v != "" {
			args = append(args, c.v)
			conds = append(conds, fmt.Sprintf("%s = $%d", c.col, len(args)))
		}
	}
	if f.Agencies != nil {
		marks := make([]string, len(f.Agencies))
		for i, a := range f.Agencies {
			args = append(args, a)
			marks[i] = fmt.Sprintf("$%d", len(args))
		}
		if len(marks) == 0 {
			marks = []string{"NULL"} // an empty subtree matches nothing
		}
		conds = append(conds, "agency IN ("+strings.Join(marks, ",")+")")
	}
	if !f.From.IsZero() {
		args = append(args, f.From.UnixMilli())
		conds = append(conds, fmt.Sprintf("received >= $%d", len(args)))
	}
	if !f.To.IsZero() {
		args = append(args, f.To.UnixMilli())
		conds = append(conds, fmt.Sprintf("received < $%d", len(args)))
	}
	return conds, args
}

// Page is one page of a list, newest first, with the cursor of the next
// page, empty on the last.
type Page struct {
	Dossiers []model.Projection
	Next     string
}

// List returns the dossiers that match, newest first. The cursor is opaque
// to callers: it is where the previous page stopped, so pages stay stable
// while new dossiers arrive.
func (s *Store) List(ctx context.Context, f Filter, cursor string, limit int) (Page, error) {
	conds, args := f.where(nil, nil)
	if cursor != "" {
		at, code, err := decodeCursor(cursor)
		if err != nil {
			return Page{}, err
		}
		args = append(args, at, code)
		conds = append(conds, fmt.Sprintf("(received < $%d OR (received = $%d AND code < $%d))", len(args)-1, len(args)-1, len(args)))
	}
	q := `SELECT ` + dossierColumns + ` FROM dossiers`
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	args = append(args, limit+1)
	q += fmt.Sprintf(" ORDER BY received DESC, code DESC LIMIT $%d", len(args))
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return Page{}, err
	}
	defer rows.Close()
	page := Page{Dossiers: []model.Projection{}}
	for rows.Next() {
		p, err := scanDossier(rows)
		if err != nil {
			return Page{}, err
		}
		page.Dossiers = append(page.Dossiers, p)
	}
	if len(page.Dossiers) > limit {
		page.Dossiers = page.Dossiers[:limit]
		last := page.Dossiers[limit-1]
		page.Next = encodeCursor(last.Received.UnixMilli(), last.Code)
	}
	return page, rows.Err()
}

// ErrBadCursor is a cursor this store did not make.
var ErrBadCursor = fmt.Errorf("the cursor is not one this server gave")

func encodeCursor(at int64, code string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(at, 10) + "|" + code))
}

func decodeCursor(c string) (int64, string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, "", ErrBadCursor
	}
	at, code, ok := strings.Cut(string(b), "|")
	n, err := strconv.ParseInt(at, 10, 64)
	if !ok || err != nil || code == "" {
		return 0, "", ErrBadCursor
	}
	return n, code, nil
}

// Late lists the dossiers whose clock is running and whose due instant is
// before horizon: pass now for the overdue ones, or now plus a lead for the
// overdue and the due soon. The latest come first.
func (s *Store) Late(ctx context.Context, f Filter, horizon time.Time, limit int) ([]model.Projection, error) {
	conds, args := f.where([]string{"open = 1", "due IS NOT NULL"}, nil)
	args = append(args, horizon.UnixMilli(), limit)
	q := `SELECT ` + dossierColumns + ` FROM dossiers WHERE ` + strings.Join(conds, " AND ") +
		fmt.Sprintf(" AND due < $%d ORDER BY due, code LIMIT $%d", len(args)-1, len(args))
	return s.dossiers(ctx, q, args...)
}

// dossiers reads the records a query selects, in dossierColumns.
func (s *Store) dossiers(ctx context.Context, q string, args ...any) ([]model.Projection, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []model.Projection{}
	for rows.Next() {
		p, err := scanDossier(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// OpenAgencies lists the agencies that have dossiers whose clock runs,
// for the late list's filter: read from the partial index of open
// dossiers, so it stays cheap with millions of closed ones.
func (s *Store) OpenAgencies(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT agency FROM dossiers WHERE open = 1 ORDER BY agency`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// inUnits narrows a query to a list of units, when given: it answers the
// condition to append, " AND col IN (...)", with the parameters added
// after args. An empty list matches nothing; nil matches everything.
func inUnits(args []any, col string, agencies []string) (string, []any) {
	if agencies == nil {
		return "", args
	}
	marks := []string{"NULL"}
	for _, a := range agencies {
		args = append(args, a)
		marks = append(marks, fmt.Sprintf("$%d", len(args)))
	}
	return " AND " + col + " IN (" + strings.Join(marks, ",") + ")", args
}
