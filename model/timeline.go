package model

import "time"

// Event is one entry of a dossier's timeline: who did what and when.
type Event struct {
	Seq    int       `json:"seq"`
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"`
	Detail string    `json:"detail,omitempty"`
}
