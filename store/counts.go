package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Count is what the rates are made of, for one procedure version at one
// agency over a period. Dossiers received in the period count towards
// filing and payment; dossiers decided in the period count towards
// digitized results and timeliness, because a dossier is judged when it is
// resolved, not when it arrives.
type Count struct {
	Level     string
	Agency    string
	Procedure string
	Version   int

	Received   int64 // received in the period (refusals at receipt are not receipts)
	Online     int64 // of those, filed online, assisted or not
	FeeBearing int64 // of those, charged a fee after discounts
	PaidOnline int64 // of the fee-bearing, paid online

	Resolved   int64 // decided in the period, granted or refused
	Digitized  int64 // of those, with the result digitized
	OnTime     int64 // of those, decided by the original appointment
	FullOnline int64 // of those, handled online from filing to result
}

// Counts adds up the dossiers of the period [from, to) that match f, per
// agency and procedure version. The filter's stage and applicant are
// ignored: rates are about units, not people.
func (s *Store) Counts(ctx context.Context, from, to time.Time, f Filter) ([]Count, error) {
	if aligned(from) && aligned(to) {
		return s.rolledCounts(ctx, from, to, f)
	}
	return s.scannedCounts(ctx, from, to, f)
}

// rolledCounts reads the counts of a period of whole days from the
// rollups.
func (s *Store) rolledCounts(ctx context.Context, from, to time.Time, f Filter) ([]Count, error) {
	sums, err := s.rolled(ctx, from, to, f)
	if err != nil {
		return nil, err
	}
	out := make([]Count, 0, len(sums))
	for k, v := range sums {
		if v[mReceived] == 0 && v[mResolved] == 0 {
			continue
		}
		out = append(out, Count{Level: k.level, Agency: k.agency, Procedure: k.proc, Version: k.version,
			Received: v[mReceived], Online: v[mOnline], FeeBearing: v[mFeeBearing], PaidOnline: v[mPaidOnline],
			Resolved: v[mResolved], Digitized: v[mDigitized], OnTime: v[mOnTime], FullOnline: v[mFullOnline]})
	}
	slices.SortFunc(out, func(a, b Count) int {
		return cmp.Or(cmp.Compare(a.Level, b.Level), cmp.Compare(a.Agency, b.Agency), cmp.Compare(a.Procedure, b.Procedure),
			cmp.Compare(a.Version, b.Version))
	})
	return out, nil
}

// scannedCounts adds up the dossiers themselves, for a period that does
// not fall on whole days.
func (s *Store) scannedCounts(ctx context.Context, from, to time.Time, f Filter) ([]Count, error) {
	f.Stage, f.Applicant, f.From, f.To = "", "", time.Time{}, time.Time{}
	byKey := map[[4]string]*Count{}
	var order [][4]string
	group := func(level, agency, proc string, version int) *Count {
		k := [4]string{level, agency, proc, fmt.Sprint(version)}
		c, ok := byKey[k]
		if !ok {
			c = &Count{Level: level, Agency: agency, Procedure: proc, Version: version}
			byKey[k] = c
			order = append(order, k)
		}
		return c
	}

	received := `SELECT level, agency, procedure_code, procedure_version, COUNT(*),
		SUM(CASE WHEN channel = 'online' THEN 1 ELSE 0 END),
		SUM(CASE WHEN fee > 0 THEN 1 ELSE 0 END),
		SUM(CASE WHEN fee > 0 AND paid_online = 1 THEN 1 ELSE 0 END)
		FROM dossiers WHERE received >= $1 AND received < $2 AND outcome <> 'not_received'`
	err := s.groups(ctx, received, from, to, f, func(c *Count, n [4]int64) {
		c.Received, c.Online, c.FeeBearing, c.PaidOnline = n[0], n[1], n[2], n[3]
	}, group)
	if err != nil {
		return nil, err
	}
	decided := `SELECT level, agency, procedure_code, procedure_version, COUNT(*),
		SUM(result_digitized), SUM(CASE WHEN on_time = 1 THEN 1 ELSE 0 END), SUM(full_online)
		FROM dossiers WHERE decided >= $1 AND decided < $2`
	err = s.groups(ctx, decided, from, to, f, func(c *Count, n [4]int64) {
		c.Resolved, c.Digitized, c.OnTime, c.FullOnline = n[0], n[1], n[2], n[3]
	}, group)
	if err != nil {
		return nil, err
	}
	out := make([]Count, len(order))
	for i, k := range order {
		out[i] = *byKey[k]
	}
	return out, nil
}

func (s *Store) groups(ctx context.Context, q string, from, to time.Time, f Filter,
	set func(*Count, [4]int64), group func(string, string, string, int) *Count) error {
	conds, args := f.where(nil, []any{from.UnixMilli(), to.UnixMilli()})
	if len(conds) > 0 {
		q += " AND " + strings.Join(conds, " AND ")
	}
	q += " GROUP BY level, agency, procedure_code, procedure_version"
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			level, agency, proc string
			version             int
			n                   [4]int64
		)
		if err := rows.Scan(&level, &agency, &proc, &version, &n[0], &n[1], &n[2], &n[3]); err != nil {
			return fmt.Errorf("store: counts: %w", err)
		}
		set(group(level, agency, proc, version), n)
	}
	return rows.Err()
}
