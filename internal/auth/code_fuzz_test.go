package auth

import "testing"

// FuzzCodeFormat: a two-factor code typed with spaces or dashes is accepted only as six digits once normalised.
func FuzzCodeFormat(f *testing.F) {
	for _, s := range []string{"123456", "123 456", "123-456", " 123456 ", "12345", "1234567", "12345a", "１２３４５６", "123\u00a0456", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormaliseCode(s)
		if NormaliseCode(n) != n {
			t.Fatalf("normalising %q twice changes it", s)
		}
		if ValidCodeFormat(s) {
			if len(n) != 6 {
				t.Fatalf("%q accepted as %q", s, n)
			}
			for _, c := range n {
				if c < '0' || c > '9' {
					t.Fatalf("%q accepted as %q", s, n)
				}
			}
		}
	})
}
