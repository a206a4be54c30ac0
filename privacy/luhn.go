package privacy

// luhnValid reports whether ten digit values (0–9, not ASCII) pass the Luhn
// mod-10 check used by personal identity and organisation numbers: weights
// 2,1,2,1,… from the left, digit sums of the products, total divisible by 10.
// It works on an array so it never allocates.
func luhnValid(d *[10]byte) bool {
	sum := 0
	for i, v := range d {
		p := int(v)
		if i%2 == 0 {
			p *= 2
			if p > 9 {
				p -= 9
			}
		}
		sum += p
	}
	return sum%10 == 0
}
