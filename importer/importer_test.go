package importer

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

func catalogue(t testing.TB) *procedures.Catalogue {
	t.Helper()
	c, err := procedures.Default()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func write(t testing.TB, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// stored counts the dossiers in a store received in 2020–2030.
func stored(t testing.TB, s *store.Store) int64 {
	t.Helper()
	counts, err := s.Counts(context.Background(), time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, c := range counts {
		n += c.Received
	}
	return n
}

const good = `{"code": "HT-1", "procedure": "1.004194", "agency": "ubnd-xa-thach-kenh", "channel": "online", "applicant": "042090001234", "received": "2024-03-04 09:00", "decided": "2024-03-08 10:00", "due": "2024-03-13 09:00", "outcome": "returned", "fee": 10000, "paid_online": true, "result_digitized": true, "result_via": "online"}
`

// TestEveryRowIsCheckedBeforeAnythingIsWritten lists each problem at its
// line and field, and imports nothing from a file that has any.
func TestEveryRowIsCheckedBeforeAnythingIsWritten(t *testing.T) {
	s := storetest.SQLite(t)
	path := write(t, "history.jsonl", good+
		`{"code": "HT-2", "procedure": "1.004194", "agency": "khong-ton-tai", "level": "county", "channel": "fax", "applicant": "1", "received": "2024-03-04 09:00", "decided": "2024-03-01 10:00", "fee": -5000}
{"code": "HT-3", "procedure": "9.999999", "agency": "ubnd-xa-thach-kenh", "channel": "counter", "applicant": "1", "received": "2024-13-04"}

not json
{"code": "HT-1", "procedure": "1.004194", "agency": "ubnd-xa-thach-ha", "channel": "counter", "applicant": "1", "received": "2024-03-04 09:00", "colour": "blue"}
{"code": "HT-6", "procedure": "1.004194", "agency": "ubnd-xa-thach-kenh", "channel": "counter", "applicant": "1", "received": "2024-03-04 09:00", "returned": "2024-03-05 09:00", "result_via": "online", "paid_online": true}
`)
	res, err := Run(context.Background(), s, NewChecker(catalogue(t)), path, Options{Format: JSONLines})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range res.Problems {
		got = append(got, fmt.Sprintf("%d %s: %s", p.Line, p.Field, p.Message))
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"2 fee: must not be negative, got -5000",
		`2 channel: must be online, counter or postal, got "fax"`,
		"2 decided: 2024-03-01T10:00:00+07:00 comes before received 2024-03-04T09:00:00+07:00",
		`2 agency: there is no unit "khong-ton-tai"`,
		`2 level: must be province, district or commune, got "county"`,
		`3 received: must be a time written`,
		`3 procedure: there is no procedure "9.999999" in the catalogue`,
		"5 : is not a JSON object",
		"6 colour: unknown field",
		"6 agency: Ủy ban nhân dân xã Thạch Hà was in force from 2025-07-01",
		"6 code: HT-1 is also on line 1",
		"7 returned: a result returned needs decided",
		"7 paid_online: nothing was paid: fee is 0",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in:\n%s", want, all)
		}
	}
	if res.Rows != 6 || res.Invalid != 5 || res.Written != 0 || stored(t, s) != 0 {
		t.Errorf("rows %d, invalid %d, written %d, stored %d: a file with problems imports nothing", res.Rows, res.Invalid, res.Written, stored(t, s))
	}

	res, err = Run(context.Background(), s, NewChecker(catalogue(t)), path, Options{Format: JSONLines, SkipInvalid: true})
	if err != nil || res.Written != 1 || res.Added != 1 || stored(t, s) != 1 {
		t.Errorf("with --skip-invalid: %+v %v, stored %d", res, err, stored(t, s))
	}
	d, err := s.Dossier(context.Background(), "HT-1")
	if err != nil || d.Level != procedures.Commune || d.Procedure.Version != 1 || d.Procedure.Hash == "" || d.OnTime == nil || !*d.OnTime || !d.FullOnline() {
		t.Errorf("HT-1 as recorded: %+v %v", d, err)
	}
}

// TestCSVWithAHeader reads the same fields from CSV, byte-order mark and
// all, and refuses a header naming a field the format does not have.
func TestCSVWithAHeader(t *testing.T) {
	s := storetest.SQLite(t)
	path := write(t, "history.csv", "\ufeffcode,procedure,agency,channel,applicant,received,fee\n"+
		"C-1,2.000488,so-tu-phap-ha-tinh,online,042090001234,2024-05-06 08:30,100000\n"+
		"C-2,2.000488,so-tu-phap-ha-tinh,counter,042090001234,2024-05-06 08:30,abc\n")
	res, err := Run(context.Background(), s, NewChecker(catalogue(t)), path, Options{Format: CSV, SkipInvalid: true})
	if err != nil || res.Added != 1 || len(res.Problems) != 1 || res.Problems[0].Line != 3 || res.Problems[0].Field != "fee" {
		t.Errorf("%+v %v", res, err)
	}
	bad := write(t, "bad.csv", "code,procedure,agency,colour\n")
	if _, err := Run(context.Background(), s, NewChecker(catalogue(t)), bad, Options{Format: CSV}); err == nil || !strings.Contains(err.Error(), `line 1: unknown fields "colour"`) {
		t.Errorf("an unknown column: %v", err)
	}
}

// rowsFile writes n valid dossiers of 2024 at xã Thạch Kênh, in the order
// they were received, as a previous system's export lists them.
func rowsFile(t testing.TB, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "history.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "code,procedure,agency,channel,applicant,received,due,decided,returned,outcome,fee,paid_online,result_digitized,result_via")
	start := time.Date(2024, 1, 2, 8, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	for i := range n {
		at := start.Add(time.Duration(i) * (350 * 24 * time.Hour / time.Duration(n)))
		ch, paid, via := "counter", "false", "counter"
		if i%3 == 0 {
			ch, paid, via = "online", "true", "online"
		}
		fmt.Fprintf(w, "TK-%07d,1.004194,ubnd-xa-thach-kenh,%s,0420%08d,%s,%s,%s,%s,returned,10000,%s,%v,%s\n", i, ch, i,
			at.Format(time.RFC3339), at.Add(7*24*time.Hour).Format(time.RFC3339), at.Add(5*24*time.Hour).Format(time.RFC3339),
			at.Add(6*24*time.Hour).Format(time.RFC3339), paid, i%5 != 0, via)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

// TestAnInterruptedImportResumes stops an import after its first commit,
// then runs it again: the second run writes the rest and skips the rows
// the first one kept.
func TestAnInterruptedImportResumes(t *testing.T) {
	s := storetest.SQLite(t)
	path := rowsFile(t, 2500)
	ctx, cancel := context.WithCancel(context.Background())
	first, err := Run(ctx, s, NewChecker(catalogue(t)), path, Options{Format: CSV, Every: 1000,
		Progress: func(done, total int64) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("the interrupted run: %v %+v", err, first.Problems[:min(3, len(first.Problems))])
	}
	kept := stored(t, s)
	if kept == 0 || kept >= 2500 || kept%1000 != 0 {
		t.Fatalf("the interrupted run kept %d dossiers, want whole batches short of 2500", kept)
	}
	again, err := Run(context.Background(), s, NewChecker(catalogue(t)), path, Options{Format: CSV, Every: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if again.Added != 2500-kept || again.Written != 2500 || stored(t, s) != 2500 {
		t.Errorf("the re-run added %d of %d written; %d stored; the first run had added %d", again.Added, again.Written, stored(t, s), first.Added)
	}
}

// BenchmarkImportMillion imports a million dossiers into a fresh SQLite
// store through the whole path: read, check, write in batches. Run it with
// -benchtime=1x; the README gives the figure.
func BenchmarkImportMillion(b *testing.B) {
	path := rowsFile(b, 1_000_000)
	cat := catalogue(b)
	for b.Loop() {
		b.StopTimer()
		s := storetest.SQLite(b)
		b.StartTimer()
		res, err := Run(context.Background(), s, NewChecker(cat), path, Options{Format: CSV})
		if err != nil || res.Added != 1_000_000 {
			b.Fatalf("%+v %v", res.Invalid, err)
		}
	}
}
