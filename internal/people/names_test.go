package people

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormaliseName(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"Aisha":                  "Aisha",
		"  Mary   Ann  ":         "Mary Ann",
		"Smith -  Jones":         "Smith - Jones",
		"Siobhán\tO’Brien\n":     "Siobhán O’Brien",
		"van\u00a0der\u00a0Berg": "van der Berg",
		"":                       "",
		"   ":                    "",
	}
	for in, want := range tests {
		if got := NormaliseName(in); got != want {
			t.Errorf("NormaliseName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		label    string
		in       string
		required bool
		want     string // the error message, or "" for valid
	}{
		{"plain", "family name", "Okafor", true, ""},
		{"apostrophe", "family name", "O'Brien", true, ""},
		{"curly apostrophe", "family name", "D’Souza", true, ""},
		{"hyphen", "family name", "Smith-Jones", true, ""},
		{"accents", "given name", "Zoë", true, ""},
		{"another script", "given name", "Ελένη", true, ""},
		{"Chinese", "given name", "小明", true, ""},
		{"with a digit", "preferred name", "Jo 2", false, ""},
		{"single letter", "given name", "J", true, ""},
		{"tab inside is tidied", "given name", "Mary\tAnn", true, ""},
		{"zero-width non-joiner", "given name", "می\u200cخواهم", true, ""},
		{"empty required", "family name", "", true, "Enter the person's family name"},
		{"spaces only required", "given name", "   ", true, "Enter the person's given name"},
		{"empty optional", "preferred name", "", false, ""},
		{"exactly 100", "family name", strings.Repeat("a", 100), true, ""},
		{"100 accented letters", "family name", strings.Repeat("é", 100), true, ""},
		{"101", "family name", strings.Repeat("a", 101), true, "Family name must be 100 characters or less"},
		{"control character", "family name", "Smi\x00th", true, "Family name must not include hidden or control characters"},
		{"escape", "given name", "Ann\x1b[31m", true, "Given name must not include hidden or control characters"},
		{"bidi override", "given name", "Ann\u202eeb", true, "Given name must not include hidden or control characters"},
		{"invalid UTF-8", "given name", "Ann\xff", true, "Given name must not include hidden or control characters"},
		{"no letter", "family name", "123", true, "Family name must include at least one letter"},
		{"punctuation only", "preferred name", "-'.", false, "Preferred name must include at least one letter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if err := ValidName(tt.label, tt.in, tt.required); err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("ValidName(%q, %q, %v) = %q, want %q", tt.label, tt.in, tt.required, got, tt.want)
			}
		})
	}
}

func TestSearchKey(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"O'Brien":            "obrien",
		"O’Brien":            "obrien",
		"OBrien":             "obrien",
		"Smith-Jones":        "smith jones",
		"  Smith  -  Jones ": "smith jones",
		"Siobhán":            "siobhan",
		"Zoë":                "zoe",
		"Zoe\u0308":          "zoe", // decomposed diaeresis
		"Łukasz Wałęsa":      "lukasz walesa",
		"Strauß":             "strauss",
		"Ærøskøbing":         "aeroskobing",
		"Dafydd ap Gwŷn":     "dafydd ap gwyn",
		"Ștefan Țurcanu":     "stefan turcanu",
		"St. John-Smythe":    "st john smythe",
		"ΕΛΈΝΗ":              "ελένη",
		"José María":         "jose maria",
		"":                   "",
		"-'":                 "",
	}
	for in, want := range tests {
		if got := SearchKey(in); got != want {
			t.Errorf("SearchKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNameTokens(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                     string
		given, family, preferred string
		want                     []string
	}{
		{"simple", "Aisha", "Okafor", "", []string{"aisha", "okafor"}},
		{"apostrophe", "Siobhán", "O'Brien", "Shiv", []string{"siobhan", "obrien", "brien", "shiv"}},
		{"apostrophe and hyphen", "Ann", "O’Neill-D'Souza", "", []string{"ann", "oneill", "dsouza", "oneilldsouza", "neill", "souza"}},
		{"hyphenated", "Sam", "Smith-Jones", "", []string{"sam", "smith", "jones", "smithjones"}},
		{"two given names", "Mary Ann", "Lee", "", []string{"mary", "ann", "maryann", "lee"}},
		{"preferred repeats given", "Robert", "Khan", "robert", []string{"robert", "khan"}},
		{"particles", "Pieter", "van der Berg", "", []string{"pieter", "van", "der", "berg", "vanderberg"}},
		{"empty", "", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NameTokens(tt.given, tt.family, tt.preferred)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("NameTokens(%q, %q, %q) (-want +got):\n%s", tt.given, tt.family, tt.preferred, diff)
			}
		})
	}
}

func TestQueryTerms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string
	}{
		{"o'brien", []string{"obrien"}},
		{"OBRIEN siobhan", []string{"obrien", "siobhan"}},
		{"Smith-Jones", []string{"smith", "jones"}},
		{"smithjones", []string{"smithjones"}},
		{"  Zoë,  zoe ", []string{"zoe"}},
		{"", nil},
		{" - ", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, QueryTerms(tt.in)); diff != "" {
			t.Errorf("QueryTerms(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestSearchFinds checks the promise the functions make together: every query term is the start of some token.
func TestSearchFinds(t *testing.T) {
	t.Parallel()
	tokens := NameTokens("Siobhán", "O'Brien-Smith", "")
	for _, q := range []string{"siobhan o'brien", "Obri", "brien", "o brien", "SIOBHÁN SMITH", "obriensmith", "o’brien-smith", "sio obr"} {
		for _, term := range QueryTerms(q) {
			found := false
			for _, tok := range tokens {
				if strings.HasPrefix(tok, term) {
					found = true
				}
			}
			if !found {
				t.Errorf("query %q: term %q matches none of %q", q, term, tokens)
			}
		}
	}
}
