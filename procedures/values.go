package procedures

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua/calendar"
	"gopkg.in/yaml.v3"
)

// Date is a civil date in a definition, written 2006-01-02.
type Date struct {
	calendar.Day
	Line, Column int
}

func (d *Date) decodeNode(r *report, n *yaml.Node, path string) {
	if isNull(n) {
		return
	}
	day, err := calendar.ParseDay(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		r.add(n.Line, n.Column, path, "must be a date written 2006-01-02, got %q", n.Value)
		return
	}
	*d = Date{Day: day, Line: n.Line, Column: n.Column}
}

// IsZero reports whether no date was given.
func (d Date) IsZero() bool { return d.Year == 0 }

// TimeOfDay is a time of day such as 16:00, in minutes after midnight.
type TimeOfDay int

func (t *TimeOfDay) decodeNode(r *report, n *yaml.Node, path string) {
	m, err := parseClock(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		r.add(n.Line, n.Column, path, "must be a time of day written 15:04, got %q", n.Value)
		return
	}
	*t = TimeOfDay(m)
}

func parseClock(s string) (int, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, err
	}
	return t.Hour()*60 + t.Minute(), nil
}

// ByteSize is a size limit written as 10MB, 512KB or a number of bytes.
type ByteSize int64

func (b *ByteSize) decodeNode(r *report, n *yaml.Node, path string) {
	s := strings.ToUpper(strings.TrimSpace(n.Value))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if n.Kind != yaml.ScalarNode || err != nil || v <= 0 {
		r.add(n.Line, n.Column, path, "must be a size such as 10MB, 512KB or a number of bytes, got %q", n.Value)
		return
	}
	*b = ByteSize(v * mult)
}

// enum decodes a scalar that must be one of a fixed set of words.
func enum(r *report, n *yaml.Node, path string, allowed ...string) (string, bool) {
	if n.Kind == yaml.ScalarNode {
		for _, a := range allowed {
			if n.Value == a {
				return a, true
			}
		}
	}
	r.add(n.Line, n.Column, path, "must be one of %s, got %q", strings.Join(allowed, ", "), n.Value)
	return "", false
}

// Level is the tier of government an agency sits at.
type Level string

// The three levels of local government that receive dossiers.
const (
	Province Level = "province" // cấp tỉnh
	District Level = "district" // cấp huyện
	Commune  Level = "commune"  // cấp xã
)

// Levels lists the levels from the top down.
var Levels = []Level{Province, District, Commune}

func (l *Level) decodeNode(r *report, n *yaml.Node, path string) {
	if s, ok := enum(r, n, path, "province", "district", "commune"); ok {
		*l = Level(s)
	}
}

// Channel is how a dossier reaches the office.
type Channel string

// The channels a dossier can arrive by.
const (
	Online  Channel = "online"
	Counter Channel = "counter"
	Postal  Channel = "postal"
)

// Channels lists the channels.
var Channels = []Channel{Online, Counter, Postal}

// Paper reports whether the channel brings paper, which a paperless pilot refuses.
func (c Channel) Paper() bool { return c == Counter || c == Postal }

// ParseChannel checks a channel name.
func ParseChannel(s string) (Channel, error) {
	switch c := Channel(s); c {
	case Online, Counter, Postal:
		return c, nil
	}
	return "", fmt.Errorf("channel must be one of online, counter, postal, got %q", s)
}

func (c *Channel) decodeNode(r *report, n *yaml.Node, path string) {
	if s, ok := enum(r, n, path, "online", "counter", "postal"); ok {
		*c = Channel(s)
	}
}

// ApplicantKind says whether the applicant is a person or an organisation;
// some fees differ between them.
type ApplicantKind string

// The kinds of applicant.
const (
	Individual   ApplicantKind = "individual"
	Organization ApplicantKind = "organization"
)

// ParseApplicantKind checks an applicant kind.
func ParseApplicantKind(s string) (ApplicantKind, error) {
	switch k := ApplicantKind(s); k {
	case Individual, Organization:
		return k, nil
	case "":
		return Individual, nil
	}
	return "", fmt.Errorf("applicant kind must be individual or organization, got %q", s)
}

func (k *ApplicantKind) decodeNode(r *report, n *yaml.Node, path string) {
	if s, ok := enum(r, n, path, "individual", "organization"); ok {
		*k = ApplicantKind(s)
	}
}
