package procedures

import (
	"fmt"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/interpreter"
)

// compile type-checks an expression against the procedure's environment,
// demands the result type the field needs, bounds its cost, and keeps the
// program. Every problem is pointed at its place inside the expression.
func (r *report) compile(p *Procedure, e *Expr, path string, want *cel.Type) {
	if e.Source == "" {
		return
	}
	ast, iss := p.env.Compile(e.Source)
	if iss != nil && iss.Err() != nil {
		for _, ce := range iss.Errors() {
			line, col := e.position(r.src, ce.Location.Line(), ce.Location.Column())
			r.add(line, col, path, "%s", ce.Message)
		}
		return
	}
	if got := ast.OutputType(); !got.IsExactType(want) {
		r.add(e.line, e.col, path, "must evaluate to %s but got %s", typeName(want), typeName(got))
		return
	}
	est, err := p.env.EstimateCost(ast, sizes(p.inputs))
	if err != nil {
		r.add(e.line, e.col, path, "cost cannot be estimated: %v", err)
		return
	}
	if est.Max > maxEstimatedCost {
		r.add(e.line, e.col, path, "may cost up to %d to evaluate, more than the limit of %d; bound the lists and texts it walks with max_items and max_length", est.Max, maxEstimatedCost)
		return
	}
	prg, err := p.env.Program(ast, cel.CostLimit(runtimeCostLimit), cel.EvalOptions(cel.OptOptimize))
	if err != nil {
		r.add(e.line, e.col, path, "cannot be prepared: %v", err)
		return
	}
	e.prg = prg
}

func typeName(t *cel.Type) string {
	if t == nil {
		return "nothing"
	}
	return t.String()
}

// eval runs a condition. The checker guarantees the type; the runtime cost
// limit can still stop it.
func (c *Condition) eval(vars interpreter.Activation) (bool, error) {
	if c.Const != nil {
		return *c.Const, nil
	}
	out, _, err := c.prg.Eval(vars)
	if err != nil {
		return false, fmt.Errorf("%s: %w", c.Source, err)
	}
	b, ok := out.Value().(bool)
	if !ok {
		return false, fmt.Errorf("%s: evaluated to %v, not a bool", c.Source, out)
	}
	return b, nil
}

// eval runs an amount rule.
func (a *Amount) eval(vars interpreter.Activation) (int64, error) {
	if a.Const != nil {
		return *a.Const, nil
	}
	out, _, err := a.prg.Eval(vars)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", a.Source, err)
	}
	n, ok := out.Value().(int64)
	if !ok {
		return 0, fmt.Errorf("%s: evaluated to %v, not an int", a.Source, out)
	}
	return n, nil
}
