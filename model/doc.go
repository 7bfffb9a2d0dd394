// Package model holds the records that the store, the reports, the
// workflow and the pages share: a dossier's projection and its timeline,
// its files, payments and refunds, the papers and notices it gives, and the
// names of its stages and outcomes. It holds data and the rules that read
// it, nothing that acts: the workflow makes these records, the store keeps
// them, the reports count them and the pages show them. Their JSON is the
// workflow's payloads, so a field once recorded keeps its name.
package model
