package procedures

import (
	"fmt"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/ext"
	"cel.dev/cel-go/interpreter"

	"github.com/motcua/motcua/calendar"
)

// The variables every rule may read, whatever the procedure declares.
const (
	varChannel   = "channel"        // online, counter or postal
	varFiledOn   = "filed_on"       // the civil date of receipt, as a date
	varApplicant = "applicant_kind" // individual or organization
)

var builtins = map[string]bool{varChannel: true, varFiledOn: true, varApplicant: true}

// Cost bounds. A rule is a small formula over a form; one that might cost more
// than this is a rule that iterates something unbounded, and is refused when
// the file loads. The runtime limit guards what the estimate cannot see.
const (
	maxEstimatedCost = 5000
	runtimeCostLimit = 10000
)

// baseEnv holds what every procedure's rules share: the built-in variables,
// string helpers, and date("2006-01-02").
var baseEnv = mustEnv()

func mustEnv() *cel.Env {
	env, err := cel.NewEnv(
		cel.Variable(varChannel, cel.StringType),
		cel.Variable(varFiledOn, cel.TimestampType),
		cel.Variable(varApplicant, cel.StringType),
		ext.Strings(),
		ext.Math(),
		ext.Bindings(),
		cel.Function("date",
			cel.Overload("date_string", []*cel.Type{cel.StringType}, cel.TimestampType,
				cel.UnaryBinding(func(v ref.Val) ref.Val {
					d, err := calendar.ParseDay(string(v.(types.String)))
					if err != nil {
						return types.NewErr("date: %v", err)
					}
					return types.Timestamp{Time: celDate(d)}
				}))),
	)
	if err != nil {
		panic(fmt.Sprintf("procedures: base CEL environment: %v", err))
	}
	return env
}

// envFor extends the base environment with the procedure's inputs.
func envFor(inputs []Input) (*cel.Env, error) {
	opts := make([]cel.EnvOption, 0, len(inputs))
	for _, in := range inputs {
		opts = append(opts, cel.Variable(in.Name, in.Type.celType()))
	}
	return baseEnv.Extend(opts...)
}

// sizes tells the cost estimator how large inputs can be, from the limits
// the inputs declare (or the defaults that the form check enforces).
type sizes map[string]*Input

func (s sizes) EstimateSize(n cost.AstNode) *cost.SizeEstimate {
	path := n.Path()
	if len(path) == 0 {
		return nil
	}
	in, ok := s[path[0]]
	if !ok {
		if path[0] == varChannel || path[0] == varApplicant {
			e := cost.SizeEstimate{Min: 0, Max: 16}
			return &e
		}
		return nil
	}
	var e cost.SizeEstimate
	switch {
	case in.Type.List && len(path) == 1:
		e = cost.SizeEstimate{Min: 0, Max: uint64(in.maxItems())}
	case in.Type.Scalar == String || in.Type.Scalar == Enum:
		e = cost.SizeEstimate{Min: 0, Max: uint64(in.maxLength())}
	default:
		return nil
	}
	return &e
}

func (sizes) EstimateCallCost(string, string, *cost.AstNode, []cost.AstNode) *cost.CallEstimate {
	return nil
}

// activation is what one evaluation reads: the inputs and the built-ins. It
// is built once per quote and shared by every rule, so that evaluation does
// not wrap a fresh map for each expression.
func activation(v Values, channel Channel, applicant ApplicantKind, filed calendar.Day) interpreter.Activation {
	v[varChannel] = boxed(string(channel))
	v[varApplicant] = boxed(string(applicant))
	v[varFiledOn] = celDate(filed)
	act, err := interpreter.NewActivation(map[string]any(v))
	if err != nil {
		panic(fmt.Sprintf("procedures: activation: %v", err)) // only for a nil or non-map input
	}
	return act
}

// boxedWords holds the built-in words already in interface form, so that
// putting them in an activation allocates nothing.
var boxedWords = func() map[string]any {
	m := map[string]any{}
	for _, w := range []string{string(Online), string(Counter), string(Postal), string(Individual), string(Organization)} {
		m[w] = w
	}
	return m
}()

func boxed(w string) any {
	if b, ok := boxedWords[w]; ok {
		return b
	}
	return w
}
