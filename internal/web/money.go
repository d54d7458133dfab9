package web

import (
	"strconv"
	"strings"
)

// ParsePounds reads an amount of money typed in pounds, as GOV.UK forms ask for it, and returns it in pence:
// "350", "350.50", "£1,350.5" and " 0.99 " are accepted; a pound sign and commas between thousands are ignored.
// Negative amounts, more than two decimal places, anything that is not a number and amounts of a billion pounds
// or more are refused (ok is false), so a page can say "Enter the cost as an amount in pounds, like 350 or 350.50".
func ParsePounds(s string) (pence int64, ok bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "£")
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	whole, frac, hasPoint := strings.Cut(s, ".")
	if hasPoint && (frac == "" || len(frac) > 2) {
		return 0, false
	}
	if strings.Contains(whole, ",") {
		// Commas only between groups of three digits: 1,350 and 12,350,000, not 13,50.
		groups := strings.Split(whole, ",")
		for i, g := range groups {
			if (i == 0 && (len(g) == 0 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return 0, false
			}
		}
		whole = strings.Join(groups, "")
	}
	if whole == "" {
		whole = "0" // ".50" is fifty pence
	}
	if !allDigits(whole) || !allDigits(frac) || len(whole) > 9 {
		return 0, false
	}
	pounds, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, false
	}
	p := int64(0)
	if frac != "" {
		if len(frac) == 1 {
			frac += "0"
		}
		if p, err = strconv.ParseInt(frac, 10, 64); err != nil {
			return 0, false
		}
	}
	return pounds*100 + p, true
}

// PoundsInput writes pence as a form field shows it again: "350" for whole pounds, "350.50" otherwise, and no
// pound sign or commas, so that what is shown parses back to the same amount.
func PoundsInput(pence int64) string {
	if pence%100 == 0 {
		return strconv.FormatInt(pence/100, 10)
	}
	s := strconv.FormatInt(pence%100, 10)
	if len(s) == 1 {
		s = "0" + s
	}
	return strconv.FormatInt(pence/100, 10) + "." + s
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
