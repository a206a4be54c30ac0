package privacy

import "time"

// minYear is the earliest birth year accepted anywhere in the package: no
// living person, and no personal identity number ever issued, is older.
const minYear = 1800

// isLeap reports whether year is a Gregorian leap year.
func isLeap(year int) bool {
	return year%4 == 0 && (year%100 != 0 || year%400 == 0)
}

// daysIn returns the number of days in month (1–12) of year.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if isLeap(year) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	default:
		return 31
	}
}

// dateKey packs a date into an int that orders like the date; it does not
// need the date to be valid, which lets century resolution compare first
// and validate after.
func dateKey(year, month, day int) int { return year*10000 + month*100 + day }

// refKey returns the dateKey of ref's calendar day in ref's own location:
// "not in the future" means not after the day the caller considers today.
func refKey(ref time.Time) int {
	y, m, d := ref.Date()
	return dateKey(y, int(m), d)
}
