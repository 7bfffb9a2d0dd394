package model

import "time"

// Document is a digitized document in a citizen's store.
type Document struct {
	ID        string    `json:"id"`
	Owner     string    `json:"owner"` // the citizen's ID number
	Kind      string    `json:"kind"`  // such as cccd or giay_khai_sinh
	SHA256    string    `json:"sha256"`
	Ref       string    `json:"ref"` // where the bytes are stored
	Media     string    `json:"media"`
	Size      int64     `json:"size"`
	ValidFrom time.Time `json:"valid_from"`
	ValidTo   time.Time `json:"valid_to,omitzero"` // zero: valid without limit
}
