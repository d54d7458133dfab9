package crisis_test

import (
	"slices"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/crisis"
)

func TestReviewDue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		marked time.Time
		hours  int
		want   time.Time
		shown  string // the due time as the UK's clock reads it
	}{
		{"the default, 72 hours, in winter", time.Date(2025, 1, 6, 10, 0, 0, 0, time.UTC), 72,
			time.Date(2025, 1, 9, 10, 0, 0, 0, time.UTC), "9 January 2025 at 10:00am"},
		{"a council setting of 24 hours", time.Date(2025, 1, 6, 10, 0, 0, 0, time.UTC), 24,
			time.Date(2025, 1, 7, 10, 0, 0, 0, time.UTC), "7 January 2025 at 10:00am"},
		{"no setting means 72 hours", time.Date(2025, 1, 6, 10, 0, 0, 0, time.UTC), 0,
			time.Date(2025, 1, 9, 10, 0, 0, 0, time.UTC), "9 January 2025 at 10:00am"},
		// The clocks went forward at 1am GMT on Sunday 30 March 2025: 72 hours from 10am on Friday is 11am BST on Monday.
		{"across the clocks going forward", time.Date(2025, 3, 28, 10, 0, 0, 0, time.UTC), 72,
			time.Date(2025, 3, 31, 10, 0, 0, 0, time.UTC), "31 March 2025 at 11:00am"},
		// The clocks went back at 2am BST on Sunday 26 October 2025: 72 hours from 10am BST on Friday is 9am GMT on Monday.
		{"across the clocks going back", time.Date(2025, 10, 24, 9, 0, 0, 0, time.UTC), 72,
			time.Date(2025, 10, 27, 9, 0, 0, 0, time.UTC), "27 October 2025 at 9:00am"},
		{"marked at half past midnight in summer", time.Date(2025, 6, 30, 23, 30, 0, 0, time.UTC), 48,
			time.Date(2025, 7, 2, 23, 30, 0, 0, time.UTC), "3 July 2025 at 12:30am"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := crisis.ReviewDue(tt.marked, tt.hours)
			if !got.Equal(tt.want) {
				t.Errorf("due %v, want %v", got, tt.want)
			}
			if got.Sub(tt.marked) != time.Duration(max(tt.hours, 0))*time.Hour && tt.hours > 0 {
				t.Errorf("due %v after marking", got.Sub(tt.marked))
			}
			if s := crisis.UKTime(got); s != tt.shown {
				t.Errorf("shown as %q, want %q", s, tt.shown)
			}
		})
	}
}

func TestOverdue(t *testing.T) {
	t.Parallel()
	due := time.Date(2025, 3, 31, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		now   time.Time
		ended bool
		want  bool
	}{
		{"a minute before", due.Add(-time.Minute), false, false},
		{"exactly due", due, false, false},
		{"a minute after", due.Add(time.Minute), false, true},
		{"over, long after", due.Add(24 * time.Hour), true, false},
	}
	for _, tt := range tests {
		c := crisis.Crisis{ReviewDueAt: due}
		if tt.ended {
			c.EndedAt = due
		}
		if got := c.Overdue(tt.now); got != tt.want {
			t.Errorf("%s: overdue %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestMarkAndReviewValidate(t *testing.T) {
	t.Parallel()
	marks := []struct {
		name string
		m    crisis.Mark
		want []string
	}{
		{"what happened and support", crisis.Mark{WhatHappened: "Fell at home; Cara is away", Support: []string{"Carers twice a day", " "}}, nil},
		{"nothing", crisis.Mark{Support: []string{"  "}}, []string{"what_happened", "support"}},
	}
	for _, tt := range marks {
		tt.m.Normalise()
		var got []string
		for _, p := range tt.m.Validate() {
			got = append(got, p.Field)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: problems with %v, want %v", tt.name, got, tt.want)
		}
	}
	reviews := []struct {
		name string
		r    crisis.Review
		want []string
	}{
		{"over", crisis.Review{WhatHappened: "Cara is back", Outcome: crisis.Over}, nil},
		{"continuing", crisis.Review{WhatHappened: "Still not safe on the stairs", Outcome: crisis.Continuing}, nil},
		{"nothing", crisis.Review{}, []string{"review_what_happened", "outcome"}},
		{"an outcome not on the list", crisis.Review{WhatHappened: "x", Outcome: "maybe"}, []string{"outcome"}},
	}
	for _, tt := range reviews {
		tt.r.Normalise()
		var got []string
		for _, p := range tt.r.Validate() {
			got = append(got, p.Field)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: problems with %v, want %v", tt.name, got, tt.want)
		}
	}
}
