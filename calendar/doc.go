// Package calendar counts working time the way Vietnamese administrative
// deadlines are counted: in working days or hours, skipping weekends and
// public holidays (Tết among them), honouring swapped working Saturdays, and
// only inside office hours.
//
// A deadline of N working days is N times the length of one office day of
// working time, so half a day (0.5) is half of the office hours and a filing
// received at 10:00 with one working day is due at 10:00 on the next working
// day. Working time is expressed as a time.Duration of office time.
package calendar
