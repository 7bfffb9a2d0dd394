package model

// Notice is one message to a citizen or an office.
type Notice struct {
	Key     string `json:"key"` // idempotency key
	Dossier string `json:"dossier"`
	To      string `json:"to"`
	Kind    string `json:"kind"` // such as due_soon, overdue, supplement_requested
	Text    string `json:"text"`
}
