package model

// File is an electronic copy attached to a dossier: a component uploaded,
// scanned at the counter or reused from the citizen's store, or the result.
type File struct {
	Component  string `json:"component"` // "result" for the result
	Document   string `json:"document"`
	SHA256     string `json:"sha256"`
	Media      string `json:"media"`
	Size       int64  `json:"size"`
	How        string `json:"how"` // uploaded, scanned, reused or result
	ReusedFrom string `json:"reused_from,omitempty"`
}
