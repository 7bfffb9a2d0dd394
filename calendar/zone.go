package calendar

import "time"

// Vietnam is the zone papers, pages and reports write days and hours in.
// The embedded tzdata makes it load even in a scratch image; the fixed
// offset is a last resort, and matches, since Vietnam keeps no summer time.
var Vietnam = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		return time.FixedZone("ICT", 7*60*60)
	}
	return loc
}()
