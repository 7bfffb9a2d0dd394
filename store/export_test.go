package store

// The paths that add up the dossiers themselves, for the tests that check
// the rollups against them.
var (
	ScannedCounts      = (*Store).scannedCounts
	ScannedScoreCounts = (*Store).scannedScoreCounts
)
