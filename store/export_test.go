package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// The paths that add up the dossiers themselves, for the tests that check
// the rollups against them.
var (
	ScannedCounts      = (*Store).scannedCounts
	ScannedScoreCounts = (*Store).scannedScoreCounts
)

// Rows is every row of every table, each table's rows written out and
// sorted, for the tests that compare two stores whole.
func (s *Store) Rows(ctx context.Context) (map[string][]string, error) {
	tables, err := s.tables(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, t := range tables {
		rows, err := s.db.QueryContext(ctx, "SELECT * FROM "+t)
		if err != nil {
			return nil, err
		}
		cols, _ := rows.Columns()
		out[t] = []string{}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, err
			}
			var b strings.Builder
			for i, v := range vals {
				switch x := v.(type) {
				case []byte:
					fmt.Fprintf(&b, "%s=%x ", cols[i], x)
				case int32:
					fmt.Fprintf(&b, "%s=%d ", cols[i], x)
				default:
					fmt.Fprintf(&b, "%s=%v ", cols[i], x)
				}
			}
			out[t] = append(out[t], b.String())
		}
		rows.Close()
		slices.Sort(out[t])
	}
	return out, nil
}
