// Package printables renders the papers a dossier gives its citizen, as
// A4 PDFs laid out after the forms of Thông tư 01/2018/TT-VPCP: the
// receipt slip handed over at receipt (Mẫu số 01) and the apology letter
// with a new appointment (Mẫu số 04), the supplement request and the
// refusal. The font is embedded, so the diacritics print the same on any
// machine. The PDF itself is written by package pdf below.
package printables
