package privacy

// luhnValid reports whether ten digit values (0–9, not ASCII) pass the Luhn
// mod-10 check used by personal identity and organisation numbers: weights
// 2,1,2,1,… from the left, digit sums of the products, total divisible by 10.
// It works on an array so it never allocates.
func luhnValid(d *[10]byte) bool {
	sum := luhnDouble[d[0]] + int(d[1]) + luhnDouble[d[2]] + int(d[3]) + luhnDouble[d[4]] +
		int(d[5]) + luhnDouble[d[6]] + int(d[7]) + luhnDouble[d[8]] + int(d[9])
	return sum%10 == 0
}

// luhnDouble is the digit sum of twice each digit value 0–9 (and 0 for
// anything larger, which the callers never pass).
var luhnDouble = [256]int{0, 2, 4, 6, 8, 1, 3, 5, 7, 9}
