package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/motcua/motcua/procedures"
)

func runProcedures(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "lint":
		return lint(args[1:], stdout, stderr)
	case "test":
		return testExamples(args[1:], stdout, stderr)
	case "quote":
		return quote(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "motcua procedures: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// catalogue loads DIR, or the catalogue built into the binary when none is named.
func catalogue(dir string, compileOnly bool) (*procedures.Catalogue, error) {
	switch {
	case dir == "":
		return procedures.Default()
	case compileOnly:
		return procedures.Compile(osDir(dir), dir)
	}
	return procedures.LoadDir(dir)
}

func lint(args []string, stdout, stderr io.Writer) int {
	c, err := catalogue(firstArg(args), false)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "%d procedures, %d versions: no problems\n", len(c.Codes()), len(c.All()))
	return 0
}

func testExamples(args []string, stdout, stderr io.Writer) int {
	c, err := catalogue(firstArg(args), true)
	if err != nil {
		fmt.Fprintln(stderr, err)
		fmt.Fprintln(stdout, "0 passed, 0 failed")
		return 1
	}
	passed, failed := 0, 0
	for _, r := range c.Test() {
		name := fmt.Sprintf("%s v%d examples[%d] %s", r.Procedure.Code, r.Procedure.Version, r.Index, r.Name)
		if r.Passed() {
			passed++
			fmt.Fprintf(stdout, "ok   %s\n", name)
			continue
		}
		failed++
		fmt.Fprintf(stdout, "FAIL %s\n", name)
		for _, p := range r.Problems {
			fmt.Fprintf(stdout, "     %s\n", p)
		}
	}
	fmt.Fprintf(stdout, "%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		return 1
	}
	return 0
}

type inputFlags map[string]any

func (f inputFlags) String() string { return "" }

func (f inputFlags) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return fmt.Errorf("%q is not key=value", s)
	}
	f[k] = v
	return nil
}

func quote(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("motcua procedures quote", flag.ContinueOnError)
	fs.SetOutput(stderr)
	inputs := inputFlags{}
	fs.Var(inputs, "input", "an input as key=value; repeat for each input, lists separated by commas")
	channel := fs.String("channel", "online", "online, counter or postal")
	date := fs.String("date", "", "when the dossier is received: 2006-01-02 or \"2006-01-02 15:04\" (default: now)")
	applicant := fs.String("applicant", "individual", "individual or organization")
	dir := fs.String("dir", "", "a procedures directory instead of the built-in catalogue")
	asJSON := fs.Bool("json", false, "print the quote as JSON")
	var code string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		code, args = args[0], args[1:]
	}
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if code == "" && fs.NArg() > 0 {
		code = fs.Arg(0)
	}
	if code == "" {
		fmt.Fprintln(stderr, "motcua procedures quote: name the procedure code, such as 2.000815")
		return 2
	}
	q, err := quoteOf(code, inputs, *channel, *applicant, *date, *dir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(q)
		return 0
	}
	printQuote(stdout, q)
	return 0
}

func quoteOf(code string, inputs map[string]any, channel, applicant, date, dir string) (*procedures.Quote, error) {
	c, err := catalogue(dir, false)
	if err != nil {
		return nil, err
	}
	ch, err := procedures.ParseChannel(channel)
	if err != nil {
		return nil, fmt.Errorf("--channel: %w", err)
	}
	kind, err := procedures.ParseApplicantKind(applicant)
	if err != nil {
		return nil, fmt.Errorf("--applicant: %w", err)
	}
	versions := c.Versions(code)
	if len(versions) == 0 {
		return nil, fmt.Errorf("%w %q", procedures.ErrUnknownProcedure, code)
	}
	at := now()
	if date != "" {
		if at, err = procedures.ParseMoment(date, versions[0].Calendar()); err != nil {
			return nil, fmt.Errorf("--date: %w", err)
		}
	}
	p, err := c.Lookup(code, at)
	if err != nil {
		return nil, err
	}
	q, err := p.Quote(inputs, ch, kind, at)
	var ie *procedures.InputError
	if errors.As(err, &ie) {
		var b strings.Builder
		b.WriteString("the inputs are not right:")
		for _, f := range ie.Fields {
			fmt.Fprintf(&b, "\n  --input %s", strings.TrimPrefix(f.Field, "inputs."))
			fmt.Fprintf(&b, ": %s", f.Message)
		}
		return nil, errors.New(b.String())
	}
	return q, err
}

func printQuote(w io.Writer, q *procedures.Quote) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	loc := q.Due.Location()
	fmt.Fprintf(tw, "Procedure\t%s version %d\n", q.Procedure.Code, q.Procedure.Version)
	fmt.Fprintf(tw, "Channel\t%s\n", q.Channel)
	fmt.Fprintf(tw, "Received\t%s\n", q.Received.In(loc).Format("2006-01-02 15:04"))
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "Fee\tBase\tDiscount\tAmount")
	for _, f := range q.Fees {
		disc := "-"
		if f.Reduction > 0 {
			disc = fmt.Sprintf("-%s (%s)", f.Reduction, f.Discount)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.Name, f.Base, disc, f.Amount)
	}
	fmt.Fprintf(tw, "Total\t\t\t%s\n", q.Total)
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "Component\tRequired\tDigitize")
	for _, c := range q.Components {
		fmt.Fprintf(tw, "%s (%s)\t%s\t%s\n", c.Name, c.Code, yesNo(c.Required), yesNo(c.Digitize))
	}
	fmt.Fprintln(tw)
	fmt.Fprintf(tw, "Clock starts\t%s\n", q.ClockStarts.In(loc).Format("2006-01-02 15:04"))
	fmt.Fprintf(tw, "Due\t%s\n", q.Due.In(loc).Format("2006-01-02 15:04 (Mon)"))
	for _, s := range q.Steps {
		fmt.Fprintf(tw, "  %s (%s)\t%s\n", s.Name, s.Role, s.Due.In(loc).Format("2006-01-02 15:04"))
	}
	tw.Flush()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func firstArg(args []string) string {
	if len(args) > 0 {
		return args[0]
	}
	return ""
}
