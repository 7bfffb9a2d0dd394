package api

// schemaDocs says what each of the main records of the API is, for the
// OpenAPI document: Go's type comments do not reach it.
var schemaDocs = map[string]string{
	"Ack":              "Where a dossier stands after an action: its stage, and its deadline while one runs.",
	"Applicant":        "Who files: a citizen by their ID number, or an organization by its tax code.",
	"ApologyLetter":    "An apology letter (phiếu xin lỗi và hẹn lại ngày trả kết quả) with the new appointment.",
	"Clock":            "The dossier's deadline in working days: when it started, when it is due, and its pauses.",
	"Component":        "A component (thành phần hồ sơ) as filed: an uploaded document, or a document reused from the applicant's store.",
	"ComponentState":   "A component of a dossier: whether it is present, how it was given, and whether it is digitized.",
	"DossierView":      "A dossier as the API shows it: the record, the workflow's live state, files, payments, refunds, timeline and papers.",
	"Event":            "One line of a dossier's timeline: who did what, when.",
	"File":             "An electronic copy a dossier holds, by its SHA-256.",
	"Filing":           "What a portal, a counter or a citizen files: the procedure, the receiving agency, the applicant, the inputs the fee rules read, and the components.",
	"LateDossier":      "An open dossier past its deadline or due soon.",
	"LedgerEntry":      "A payment as the ledger keeps it, once per gateway transaction.",
	"Payment":          "A payment a dossier received, online or at the counter.",
	"ProcedureSummary": "A procedure of the catalogue, as listed.",
	"ProcedureVersion": "A version of a procedure (thủ tục hành chính): components, fees and discounts, deadline, steps, service level, and the legal basis.",
	"Projection":       "A dossier's record in the store: what lists, reports and supervision read.",
	"Quote":            "What a filing would cost and need on a day: fees after discounts, components required, steps and the deadline.",
	"Refund":           "Money returned to the applicant, with the reason.",
	"Report":           "The rates a unit is judged by over a period, against their targets, with the units under it.",
	"State":            "The workflow's live state of a dossier.",
	"Stored":           "An uploaded file: its ID, SHA-256, media type and size.",
	"Submitted":        "A dossier just received: its code, stage, quote and the time it was received.",
}

// requestExamples are bodies that work against the demo catalogue, as the
// README's walk-through sends them.
var requestExamples = map[string]any{
	"submit-dossier": map[string]any{
		"procedure": "1.004194", "agency": "ubnd-xa-thach-ha", "channel": "online",
		"applicant":  map[string]any{"id": "042100000001", "name": "Nguyễn Văn An"},
		"inputs":     map[string]any{"own_home": true},
		"components": []map[string]any{{"code": "to_khai", "document": "sha256:9f2c…"}, {"code": "cho_o_hop_phap", "document": "sha256:41ab…"}},
	},
	"accept":        map[string]any{},
	"complete-step": map[string]any{"step": "tiep_nhan", "role": "receiver"},
	"return-result": map[string]any{"via": "online"},
	"refuse":        map[string]any{"reason": "Giấy tờ chứng minh chỗ ở không hợp pháp."},
}
