// Package plans holds solutions on the least-intrusive ladder, council-funded services and their authorisation, and
// versioned support plans.
package plans

import "strconv"

// FormatPence writes an amount of money held in pence as pounds, with thousands separated by commas and always two
// decimal places: 123450 is "£1,234.50", 0 is "£0.00" and -250 is "-£2.50".
func FormatPence(pence int64) string {
	sign := ""
	// Work in uint64 so that the most negative int64 has a magnitude too.
	u := uint64(pence)
	if pence < 0 {
		sign = "-"
		u = -u
	}
	pounds := strconv.FormatUint(u/100, 10)
	var b []byte
	for i := range len(pounds) {
		if i > 0 && (len(pounds)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, pounds[i])
	}
	p := u % 100
	return sign + "£" + string(b) + "." + string(rune('0'+p/10)) + string(rune('0'+p%10))
}
