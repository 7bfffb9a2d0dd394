package calendar

import (
	"errors"
	"math/rand"
	"testing"
	"time"
)

var hcm, _ = time.LoadLocation("Asia/Ho_Chi_Minh")

func day(s string) Day {
	d, err := ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

// testCalendar carries the 2025 holidays as the government announced them.
func testCalendar(t testing.TB) *Calendar {
	t.Helper()
	var off []Holiday
	for d := day("2025-01-27"); !day("2025-01-31").Before(d); d = d.AddDays(1) {
		off = append(off, Holiday{d, "Tết Nguyên đán"})
	}
	off = append(off,
		Holiday{day("2025-01-01"), "Tết Dương lịch"},
		Holiday{day("2025-04-07"), "Giỗ Tổ Hùng Vương"},
		Holiday{day("2025-04-30"), "Giải phóng miền Nam"},
		Holiday{day("2025-05-01"), "Quốc tế Lao động"},
		Holiday{day("2025-05-02"), "Nghỉ bù cho thứ Bảy 26/4"},
		Holiday{day("2025-09-01"), "Quốc khánh (ngày liền kề)"},
		Holiday{day("2025-09-02"), "Quốc khánh"},
	)
	c, err := New(Spec{
		ID: "vn", Location: hcm,
		Weekends:    []time.Weekday{time.Saturday, time.Sunday},
		OfficeHours: []Span{{7*60 + 30, 11*60 + 30}, {13*60 + 30, 17 * 60}},
		Holidays:    off,
		WorkingDays: []Holiday{{day("2025-04-26"), "Làm bù cho thứ Sáu 2/5"}},
		From:        day("2025-01-01"), To: day("2025-12-31"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, hcm)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDayLength(t *testing.T) {
	c := testCalendar(t)
	if got, want := c.DayLength(), 7*time.Hour+30*time.Minute; got != want {
		t.Fatalf("day length %s, want %s", got, want)
	}
	if got := c.Days(0.5); got != 225*time.Minute {
		t.Fatalf("half a day is %s, want 3h45m", got)
	}
}

func TestDue(t *testing.T) {
	c := testCalendar(t)
	cases := []struct {
		name     string
		received string
		days     float64
		hours    float64
		cutoff   int
		want     string
	}{
		{"same time next working day", "2025-03-04 10:00", 1, 0, NoCutoff, "2025-03-05 10:00"},
		{"friday to monday", "2025-03-07 10:00", 1, 0, NoCutoff, "2025-03-10 10:00"},
		{"last working day before Tết", "2025-01-24 10:00", 1, 0, NoCutoff, "2025-02-03 10:00"},
		{"three days across Tết", "2025-01-24 10:00", 3, 0, NoCutoff, "2025-02-05 10:00"},
		{"received during Tết counts from reopening", "2025-01-28 09:00", 1, 0, NoCutoff, "2025-02-03 17:00"},
		{"swapped Saturday is worked", "2025-04-25 10:00", 1, 0, NoCutoff, "2025-04-26 10:00"},
		{"across 30/4, 1/5 and the bridge day", "2025-04-25 10:00", 4, 0, NoCutoff, "2025-05-05 10:00"},
		{"half a day across lunch", "2025-03-03 10:00", 0.5, 0, NoCutoff, "2025-03-03 15:45"},
		{"after the cutoff counts from tomorrow", "2025-03-03 16:30", 1, 0, 16 * 60, "2025-03-04 17:00"},
		{"before the cutoff counts today", "2025-03-03 15:59", 1, 0, 16 * 60, "2025-03-04 15:59"},
		{"late filing without cutoff keeps its minutes", "2025-03-03 16:30", 1, 0, NoCutoff, "2025-03-04 16:30"},
		{"received on Sunday", "2025-03-09 14:00", 1, 0, NoCutoff, "2025-03-10 17:00"},
		{"received before opening", "2025-03-03 06:00", 1, 0, NoCutoff, "2025-03-03 17:00"},
		{"received at lunch", "2025-03-03 12:00", 1, 0, NoCutoff, "2025-03-04 11:30"},
		{"working hours overnight", "2025-03-03 16:00", 0, 8, NoCutoff, "2025-03-04 16:30"},
		{"Hùng Kings' day", "2025-04-04 10:00", 1, 0, NoCutoff, "2025-04-08 10:00"},
		{"National Day and its adjacent day", "2025-08-29 10:00", 1, 0, NoCutoff, "2025-09-03 10:00"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := c.Days(tc.days) + time.Duration(tc.hours*float64(time.Hour))
			got, err := c.Due(at(tc.received), d, tc.cutoff)
			if err != nil {
				t.Fatal(err)
			}
			if want := at(tc.want); !got.Equal(want) {
				t.Fatalf("due %s, want %s", got.Format("2006-01-02 15:04 Mon"), want.Format("2006-01-02 15:04 Mon"))
			}
		})
	}
}

func TestBetween(t *testing.T) {
	c := testCalendar(t)
	cases := []struct {
		a, b string
		want time.Duration
	}{
		{"2025-01-24 10:00", "2025-02-03 10:00", c.DayLength()},
		{"2025-03-03 11:00", "2025-03-03 14:00", time.Hour},
		{"2025-03-03 14:00", "2025-03-03 11:00", -time.Hour},
		{"2025-03-08 08:00", "2025-03-09 18:00", 0},
	}
	for _, tc := range cases {
		got, err := c.Between(at(tc.a), at(tc.b))
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("between %s and %s: %s, want %s", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestOutOfRange(t *testing.T) {
	c := testCalendar(t)
	_, err := c.Due(at("2025-12-30 10:00"), c.Days(5), NoCutoff)
	if !errors.Is(err, ErrOutOfRange) {
		t.Fatalf("counting past the declared holidays: %v, want ErrOutOfRange", err)
	}
}

func TestNewRejectsBadSpecs(t *testing.T) {
	base := Spec{ID: "x", Location: hcm, OfficeHours: []Span{{480, 720}}, From: day("2025-01-01"), To: day("2025-12-31")}
	bad := map[string]func(s *Spec){
		"no zone":           func(s *Spec) { s.Location = nil },
		"no hours":          func(s *Spec) { s.OfficeHours = nil },
		"overlapping hours": func(s *Spec) { s.OfficeHours = []Span{{480, 720}, {700, 800}} },
		"inverted hours":    func(s *Spec) { s.OfficeHours = []Span{{720, 480}} },
		"inverted range":    func(s *Spec) { s.From, s.To = s.To, s.From },
		"holiday worked": func(s *Spec) {
			s.Holidays = []Holiday{{day("2025-05-01"), "a"}}
			s.WorkingDays = []Holiday{{day("2025-05-01"), "b"}}
		},
	}
	for name, mutate := range bad {
		s := base
		mutate(&s)
		if _, err := New(s); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestAddBetweenRoundTrip is the property that makes deadlines auditable:
// measuring the working time from t to Add(t, d) gives d back, and adding more
// never lands earlier.
func TestAddBetweenRoundTrip(t *testing.T) {
	c := testCalendar(t)
	rng := rand.New(rand.NewSource(1))
	start := at("2025-01-01 00:00")
	for i := 0; i < 5000; i++ {
		from := start.Add(time.Duration(rng.Int63n(int64(300 * 24 * time.Hour))))
		from = from.Truncate(time.Minute)
		d := time.Duration(rng.Int63n(int64(20*c.DayLength())/int64(time.Minute))) * time.Minute
		to, err := c.Add(from, d)
		if err != nil {
			t.Fatal(err)
		}
		back, err := c.Between(from, to)
		if err != nil {
			t.Fatal(err)
		}
		if back != d {
			t.Fatalf("from %s add %s gives %s, which measures %s", from, d, to, back)
		}
		later, err := c.Add(from, d+time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if !later.After(to) {
			t.Fatalf("from %s: adding %s lands at %s, not after %s", from, d+time.Minute, later, to)
		}
		if c.IsWorkingDay(DayOf(to, hcm)) == false && d > 0 {
			t.Fatalf("from %s add %s lands on a day off: %s", from, d, to)
		}
	}
}

func TestDayNumbers(t *testing.T) {
	for d := day("1999-12-25"); d.Before(day("2031-01-05")); d = d.AddDays(1) {
		n := dayNumber(d.Year, d.Month, d.Day)
		if want := int(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() / 86400); n != want {
			t.Fatalf("%s is day %d, want %d", d, n, want)
		}
		if back := civil(n); back != d {
			t.Fatalf("day %d is %s, want %s", n, back, d)
		}
	}
}

// TestAddMatchesMinuteWalk checks the table-driven arithmetic against the
// plainest possible reading of the rule: walk the clock a minute at a time
// and count the minutes that fall in office hours on working days.
func TestAddMatchesMinuteWalk(t *testing.T) {
	c := testCalendar(t)
	inOffice := func(m time.Time) bool {
		if !c.IsWorkingDay(DayOf(m, hcm)) {
			return false
		}
		min := m.Hour()*60 + m.Minute()
		return (min >= 450 && min < 690) || (min >= 810 && min < 1020)
	}
	rng := rand.New(rand.NewSource(2))
	start := at("2025-01-01 00:00")
	for i := 0; i < 300; i++ {
		from := start.Add(time.Duration(rng.Int63n(int64(340 * 24 * time.Hour)))).Truncate(time.Minute)
		d := time.Duration(1+rng.Intn(4*450)) * time.Minute
		want, left := from, d
		for left > 0 {
			if inOffice(want) {
				left -= time.Minute
			}
			want = want.Add(time.Minute)
		}
		got, err := c.Add(from, d)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(want) {
			t.Fatalf("from %s add %s: got %s, the minute walk gives %s", from.Format("2006-01-02 15:04 Mon"), d, got.Format("2006-01-02 15:04 Mon"), want.Format("2006-01-02 15:04 Mon"))
		}
	}
}
