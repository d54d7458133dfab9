package practicemodels_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
)

func fields(t *testing.T, m practicemodels.Model) []string {
	t.Helper()
	var out []string
	for _, p := range m.Validate() {
		out = append(out, p.Field+": "+p.Message)
	}
	return out
}

// TestAModelNeedsNamedUniqueHeadings holds a model to its rules: a name, at least one heading and no more than
// twelve, each with a key fit to name a form's field and a label, no key twice, and a built-in model's own keys.
func TestAModelNeedsNamedUniqueHeadings(t *testing.T) {
	t.Parallel()
	lac := practicemodels.LocalAreaCoordination()
	with := func(m practicemodels.Model, fn func(*practicemodels.Model)) practicemodels.Model {
		m.Headings = slices.Clone(m.Headings)
		fn(&m)
		m.Normalise()
		return m
	}
	many := make([]practicemodels.Heading, 13)
	for i := range many {
		many[i] = practicemodels.Heading{Key: "h" + strings.Repeat("a", i+1), Label: "Heading"}
	}
	masoss := practicemodels.Default()
	cases := []struct {
		name  string
		model practicemodels.Model
		want  []string
	}{
		{"local area coordination as shipped", lac, nil},
		{"each built-in model as shipped", masoss, nil},
		{"Three Conversations as shipped", practicemodels.Builtins()[1], nil},
		{"no name", with(lac, func(m *practicemodels.Model) { m.Name = "  " }), []string{"name: Enter the model's name"}},
		{"no headings", with(lac, func(m *practicemodels.Model) { m.Headings = nil }), []string{"headings: Enter at least one heading"}},
		{"only blank rows, which are dropped", with(lac, func(m *practicemodels.Model) {
			m.Headings = []practicemodels.Heading{{Key: " ", Label: " ", Prompt: " "}}
		}), []string{"headings: Enter at least one heading"}},
		{"a heading with no label", with(lac, func(m *practicemodels.Model) { m.Headings[1].Label = "" }), []string{"heading_2_label: Enter a label for heading 2"}},
		{"a heading with no key", with(lac, func(m *practicemodels.Model) { m.Headings[0].Key = "" }), []string{"heading_1_key: Enter a key for heading 1"}},
		{"a key twice", with(lac, func(m *practicemodels.Model) { m.Headings[2].Key = "vision" }), []string{"heading_3_key: Key of heading 3 is already used by another heading"}},
		{"a key twice in another case", with(lac, func(m *practicemodels.Model) { m.Headings[2].Key = "VISION" }), []string{"heading_3_key: Key of heading 3 is already used by another heading"}},
		{"a key that cannot name a field", with(lac, func(m *practicemodels.Model) { m.Headings[0].Key = "1st-step" }),
			[]string{"heading_1_key: Key of heading 1 must start with a letter and have only lower-case letters, numbers and underscores"}},
		{"thirteen headings", with(lac, func(m *practicemodels.Model) { m.Headings = many }), []string{"headings: A model can have up to 12 headings"}},
		{"a built-in model's prompts changed", with(masoss, func(m *practicemodels.Model) { m.Headings[0].Prompt = "What matters to you?" }), nil},
		{"a built-in model's label changed", with(masoss, func(m *practicemodels.Model) { m.Headings[0].Label = "A positive mindset" }), nil},
		{"a built-in model's heading taken away", with(masoss, func(m *practicemodels.Model) { m.Headings = m.Headings[1:] }),
			[]string{"headings: Keep the headings of MASOSS with the ROPES prompts: you can change their labels and prompts"}},
		{"a built-in model's headings reordered", with(masoss, func(m *practicemodels.Model) { m.Headings[0], m.Headings[1] = m.Headings[1], m.Headings[0] }),
			[]string{"headings: Keep the headings of MASOSS with the ROPES prompts: you can change their labels and prompts"}},
		{"a council's model may use MASOSS's keys", with(lac, func(m *practicemodels.Model) { m.Headings[0].Key = "mindset" }), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := fields(t, c.model); !slices.Equal(got, c.want) {
				t.Errorf("problems %q, want %q", got, c.want)
			}
		})
	}
}

func TestAKeyIsMadeFromALabel(t *testing.T) {
	t.Parallel()
	cases := []struct{ label, want string }{
		{"Build a good life", "build_a_good_life"},
		{"  Conversation 1: listen and connect ", "conversation_1_listen_and_connect"},
		{"What's strong, not what's wrong", "what_s_strong_not_what_s_wrong"},
		{"2 steps", "steps"},
		{"", ""},
		{strings.Repeat("word ", 20), "word_word_word_word_word_word_word_word"},
	}
	for _, c := range cases {
		got := practicemodels.KeyOf(c.label)
		if got != c.want {
			t.Errorf("KeyOf(%q) = %q, want %q", c.label, got, c.want)
		}
		if got != "" && len(got) > 40 {
			t.Errorf("KeyOf(%q) = %q is longer than a key may be", c.label, got)
		}
	}
}

// TestMASOSSIsTodaysHeadings holds the built-in MASOSS to the six headings everything that reads a conversation's
// sections reads (the thread, My plan, the audits, the API): the same keys in the same order.
func TestMASOSSIsTodaysHeadings(t *testing.T) {
	t.Parallel()
	var want []string
	for _, h := range conversations.Headings() {
		want = append(want, string(h))
	}
	if got := practicemodels.Default().Keys(); !slices.Equal(got, want) {
		t.Errorf("MASOSS's keys are %v, want %v", got, want)
	}
	for _, h := range practicemodels.Default().Headings {
		if h.Prompt == "" || h.Label == "" {
			t.Errorf("MASOSS's heading %s has no label or prompt", h.Key)
		}
	}
	tc, ok := practicemodels.Builtin(practicemodels.ThreeConversations)
	if !ok || len(tc.Headings) != 3 || !strings.Contains(tc.Headings[0].Label, "listen and connect") ||
		!strings.Contains(tc.Headings[1].Label, "work intensively with people in crisis") || !strings.Contains(tc.Headings[2].Label, "build a good life") {
		t.Errorf("Three Conversations is %+v", tc)
	}
}
