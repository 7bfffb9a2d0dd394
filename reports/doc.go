// Package reports computes the rates the government judges each unit by:
// dossiers filed online, paid online, results digitized, resolved on time,
// and procedures configured for online payment. It compares each rate with
// its target, lists the units that miss theirs worst first, and drills down
// from level to agency to procedure. Reports are read from the store, which
// outlives workflows, and written as JSON, a text table, CSV or XLSX.
package reports
