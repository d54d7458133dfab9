// Package codelists holds the national code lists a person's record uses: the DHSC Adult Social Care Client Level
// Data (CLD) lists in standards.md §1.4 and §8.2, and the equality-monitoring and practice lists that sit beside
// them.
//
// A stored value is always Code.Value, copied character for character from the reference so that the CLD export
// needs no translation. Code.Label is what a practitioner sees, and Code.Group gives a select its optgroups. The
// lists change between CLD releases, so they are kept as data in lists.go, not as Go constants.
package codelists

// Code is one entry in a code list.
type Code struct {
	// Value is what is stored and exported, exactly as the reference spells it.
	Value string
	// Group names the heading the code sits under, for a select's optgroups or a report's grouping. It is empty
	// where the list has no grouping.
	Group string
	// Label is what a practitioner sees. It is usually the same as Value.
	Label string
}

// List is a named code list.
type List struct {
	// Name is a stable key for the list, lower case with underscores, fit for a database column or a seed table.
	Name string
	// Codes are the list's entries, in the order a form shows them.
	Codes []Code
}

// Group is a run of codes that share a Code.Group, for a select's optgroup.
type Group struct {
	// Name is the shared Code.Group; it is empty for codes that have no group.
	Name  string
	Codes []Code
}

// Has reports whether value is one of the list's values. The match is exact: case, spacing and punctuation count.
func (l List) Has(value string) bool {
	_, ok := l.find(value)
	return ok
}

// Label returns the label a practitioner sees for value. A value that is not in the list, such as one recorded
// under an earlier CLD release, is returned unchanged so that old records still read sensibly; use Has to tell the
// two apart.
func (l List) Label(value string) string {
	if c, ok := l.find(value); ok {
		return c.Label
	}
	return value
}

// GroupOf returns the group value sits in, such as an ethnicity's DHSC grouping, or "" when the list has no
// grouping or does not hold value.
func (l List) GroupOf(value string) string {
	c, _ := l.find(value)
	return c.Group
}

// Groups returns the list's codes grouped by Code.Group, in the order each group first appears. A list with no
// grouping returns one Group with an empty Name.
func (l List) Groups() []Group {
	var groups []Group
	index := make(map[string]int)
	for _, c := range l.Codes {
		i, ok := index[c.Group]
		if !ok {
			i = len(groups)
			index[c.Group] = i
			groups = append(groups, Group{Name: c.Group})
		}
		groups[i].Codes = append(groups[i].Codes, c)
	}
	return groups
}

// Values returns the list's values in order.
func (l List) Values() []string {
	values := make([]string, len(l.Codes))
	for i, c := range l.Codes {
		values[i] = c.Value
	}
	return values
}

func (l List) find(value string) (Code, bool) {
	for _, c := range l.Codes {
		if c.Value == value {
			return c, true
		}
	}
	return Code{}, false
}

// Lookup returns the list with the given Name.
func Lookup(name string) (List, bool) {
	for _, l := range All() {
		if l.Name == name {
			return l, true
		}
	}
	return List{}, false
}

// plain builds a list whose labels are its values and which has no grouping.
func plain(name string, values ...string) List {
	l := List{Name: name, Codes: make([]Code, len(values))}
	for i, v := range values {
		l.Codes[i] = Code{Value: v, Label: v}
	}
	return l
}

// withLabels fills in Label from Value wherever the table left it empty.
func withLabels(name string, codes []Code) List {
	for i := range codes {
		if codes[i].Label == "" {
			codes[i].Label = codes[i].Value
		}
	}
	return List{Name: name, Codes: codes}
}
