// Package procedures is the analysts' language: administrative procedures
// (thủ tục hành chính) written in YAML with CEL rules, the checker that
// rejects a broken file before any citizen files against it, the catalogue of
// versions in force, and the evaluator that turns a dossier's inputs into a
// quote: fees, required components and the appointment date.
//
// Every CEL expression is compiled and type-checked once, when the catalogue
// loads. Evaluation is pure and deterministic, so a Temporal workflow may
// call it from a local activity.
package procedures
