package procedures

import (
	"github.com/motcua/motcua/calendar"
	"gopkg.in/yaml.v3"
)

// ServiceLevel says how much of a procedure can be done online.
type ServiceLevel string

// The service levels of online public services.
const (
	// PartialOnline (DVCTT một phần, formerly mức độ 3) accepts online filings
	// but part of the process happens in person.
	PartialOnline ServiceLevel = "partial_online"
	// FullOnline (DVCTT toàn trình, formerly mức độ 4) runs the whole process
	// online, payment and the result included.
	FullOnline ServiceLevel = "full_online"
)

func (s *ServiceLevel) decodeNode(r *report, n *yaml.Node, path string) {
	if v, ok := enum(r, n, path, string(PartialOnline), string(FullOnline)); ok {
		*s = ServiceLevel(v)
	}
}

// Service is how the procedure is offered.
type Service struct {
	Level           ServiceLevel `yaml:"level,required"`
	Channels        []Channel    `yaml:"channels,required"`
	OnlinePayment   bool         `yaml:"online_payment"`
	PaperlessPilots []Pilot      `yaml:"paperless_pilots"`
}

// Pilot is a paperless pilot (thí điểm không tiếp nhận hồ sơ giấy): within
// its dates, inclusive, paper filings are refused.
type Pilot struct {
	From  Date   `yaml:"from,required"`
	To    Date   `yaml:"to,required"`
	Basis string `yaml:"basis"`
}

// Offers reports whether the procedure accepts filings by channel c.
func (s Service) Offers(c Channel) bool {
	for _, o := range s.Channels {
		if o == c {
			return true
		}
	}
	return false
}

// PilotOn returns the paperless pilot in force on day d, if any.
func (s Service) PilotOn(d calendar.Day) (Pilot, bool) {
	for _, p := range s.PaperlessPilots {
		if !d.Before(p.From.Day) && !p.To.Day.Before(d) {
			return p, true
		}
	}
	return Pilot{}, false
}
