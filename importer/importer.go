package importer

import (
	"context"
	"fmt"
	"os"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/store"
)

// Options are how an import runs.
type Options struct {
	Format Format
	// SkipInvalid writes the valid rows of a file with problems; without
	// it such a file imports nothing.
	SkipInvalid bool
	// Every is how many dossiers a transaction commits: what an
	// interruption can lose, to be written again by the re-run.
	Every int
	// Progress, when set, is told after each commit how many rows of how
	// many were written.
	Progress func(done, total int64)
	// Problems, when set, is told each problem as it is found; the
	// result keeps only the first MaxKept.
	Problems func(Problem)
}

// MaxKept is how many problems a result holds: a file of a million bad
// rows is reported by count beyond these.
const MaxKept = 1000

// Result is what an import did.
type Result struct {
	Rows, Invalid int64 // rows read, and rows with a problem
	Problems      []Problem
	Written       int64 // valid rows written
	Added         int64 // of those, new: not recorded before
}

// Run checks every row of the file first, then, if none has a problem or
// SkipInvalid is set, writes the valid ones in batches. Codes already in
// the records are skipped, so a run that was interrupted resumes.
func Run(ctx context.Context, st *store.Store, chk *Checker, path string, o Options) (Result, error) {
	var res Result
	if o.Every <= 0 {
		o.Every = 10_000
	}
	seen := map[string]int{}
	report := func(p Problem) {
		if len(res.Problems) < MaxKept {
			res.Problems = append(res.Problems, p)
		}
		if o.Problems != nil {
			o.Problems(p)
		}
	}
	err := each(path, o.Format, func(line int, r Row, p *Problem) bool {
		res.Rows++
		var ps []Problem
		if p != nil {
			ps = append(ps, *p)
		}
		if r != nil {
			_, more := chk.Check(line, r)
			ps = append(ps, more...)
			if code := r["code"]; code != "" {
				if first, dup := seen[code]; dup {
					ps = append(ps, Problem{Line: line, Field: "code", Message: fmt.Sprintf("%s is also on line %d", code, first)})
				} else {
					seen[code] = line
				}
			}
		}
		if len(ps) > 0 {
			res.Invalid++
			for _, p := range ps {
				report(p)
			}
		}
		return ctx.Err() == nil
	})
	if err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if res.Invalid > 0 && !o.SkipInvalid {
		return res, nil
	}
	valid := res.Rows - res.Invalid
	var readErr error
	dossiers := func(yield func(model.Projection) bool) {
		readErr = each(path, o.Format, func(line int, r Row, p *Problem) bool {
			if p != nil || r == nil {
				return true
			}
			d, ps := chk.Check(line, r)
			if len(ps) > 0 || seen[d.Code] != line {
				return true
			}
			res.Written++
			return yield(d)
		})
	}
	res.Added, err = st.ImportInBatches(ctx, dossiers, o.Every, func(read, _ int64) {
		if o.Progress != nil {
			o.Progress(read, valid)
		}
	})
	if err == nil {
		err = readErr
	}
	return res, err
}

// each reads the file once, row by row.
func each(path string, f Format, yield func(int, Row, *Problem) bool) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	return rows(file, f, yield)
}
