package conversations_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
)

const (
	ns = conversations.NotStarted
	ip = conversations.InProgress
	co = conversations.Completed
	nn = conversations.NotNeeded
)

// episodeOf is an open episode whose four steps have these statuses and whose furthest work is in step work.
func episodeOf(work conversations.Step, st ...conversations.StepStatus) conversations.Episode {
	var e conversations.Episode
	for i, s := range st {
		e.Steps = append(e.Steps, conversations.StepRecord{Step: conversations.Step(i + 1), Status: s})
	}
	e.WorkStep = work
	return e
}

func TestPosition(t *testing.T) {
	t.Parallel()
	ended := episodeOf(1, co, nn, nn, nn)
	ended.Result, ended.EndedStep = codelists.EventOutcomeInformationAdvice, conversations.Step1
	tests := []struct {
		name     string
		episode  conversations.Episode
		want     conversations.Position
		text     string
		formStep conversations.Step
	}{
		{"nothing recorded yet", episodeOf(0, ns, ns, ns, ns),
			conversations.Position{Next: 1}, "Step 1: Gather information, to start", 1},
		{"a conversation in step 1, never marked", episodeOf(1, ns, ns, ns, ns),
			conversations.Position{Reached: 1, Status: ip, Next: 1}, "Step 1: Gather information, in progress", 1},
		{"step 1 completed, nothing since", episodeOf(1, co, ns, ns, ns),
			conversations.Position{Reached: 1, Status: co, Next: 2}, "Step 2: Develop ideas, to start", 1},
		{"step 2 not needed: the next step is 3", episodeOf(1, co, nn, ns, ns),
			conversations.Position{Reached: 1, Status: co, Next: 3}, "Step 3: Support planning, to start", 1},
		{"a plan agreed and reviewed, steps never marked", episodeOf(4, ns, ns, ns, ns),
			conversations.Position{Reached: 4, Status: ip, Next: 4}, "Step 4: Review, in progress", 4},
		{"outcomes recorded while step 1 is still in progress", episodeOf(3, ip, ns, ns, ns),
			conversations.Position{Reached: 3, Status: ip, Next: 3}, "Step 3: Support planning, in progress", 3},
		{"a step marked in progress ahead of its work", episodeOf(1, co, ip, ns, ns),
			conversations.Position{Reached: 2, Status: ip, Next: 2}, "Step 2: Develop ideas, in progress", 2},
		{"every step done, still open", episodeOf(4, co, co, co, co),
			conversations.Position{Reached: 4, Status: co}, "Every step done: end the episode with its result", 4},
		{"every step decided not needed", episodeOf(0, nn, nn, nn, nn),
			conversations.Position{}, "Every step done: end the episode with its result", 1},
		{"ended at step 1", ended,
			conversations.Position{Reached: 1, Status: co, Ended: true}, "Ended at step 1: Gather information", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := tt.episode.Position()
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("position (-want +got):\n%s", diff)
			}
			if got.Text() != tt.text {
				t.Errorf("text = %q, want %q", got.Text(), tt.text)
			}
			if got.FormStep() != tt.formStep {
				t.Errorf("the ending form offers step %d, want %d", got.FormStep(), tt.formStep)
			}
		})
	}
}

func TestEndSteps(t *testing.T) {
	t.Parallel()
	advice := func(s conversations.Step) conversations.Ending {
		return conversations.Ending{Step: s, Result: codelists.EventOutcomeInformationAdvice}
	}
	step := func(s conversations.Step, st conversations.StepStatus, reason string) conversations.StepRecord {
		return conversations.StepRecord{Step: s, Status: st, Reason: reason}
	}
	at1 := "The episode ended at step 1: information and advice or signposting"
	at3 := "The episode ended at step 3: information and advice or signposting"
	tests := []struct {
		name    string
		episode conversations.Episode
		end     conversations.Ending
		want    []conversations.StepRecord // only the steps that change
	}{
		{"ended at step 1 with its conversation in progress", episodeOf(1, ip, ns, ns, ns), advice(1), []conversations.StepRecord{
			step(1, co, ""), step(2, nn, at1), step(3, nn, at1), step(4, nn, at1)}},
		{"resolved at first contact", episodeOf(0, ns, ns, ns, ns), advice(1), []conversations.StepRecord{
			step(1, co, ""), step(2, nn, at1), step(3, nn, at1), step(4, nn, at1)}},
		{"ended at step 3: the step skipped before it was never reached", episodeOf(3, co, ns, ip, ns), advice(3), []conversations.StepRecord{
			step(2, nn, at3), step(3, co, ""), step(4, nn, at3)}},
		{"steps already decided keep their record", episodeOf(1, co, nn, ns, ns), advice(3), []conversations.StepRecord{
			step(3, co, ""), step(4, nn, at3)}},
		{"ended at step 4 with every step done", episodeOf(4, co, co, co, co), advice(4), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, conversations.EndSteps(tt.episode.Steps, tt.end)); diff != "" {
				t.Errorf("step changes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckEndStep(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		episode conversations.Episode
		step    conversations.Step
		refused bool
	}{
		{"at the furthest step with work", episodeOf(1, ip, ns, ns, ns), 1, false},
		{"after it: the practitioner knows the work went on", episodeOf(1, ip, ns, ns, ns), 2, false},
		{"nothing recorded, at step 1", episodeOf(0, ns, ns, ns, ns), 1, false},
		{"before a step with work in it", episodeOf(3, co, nn, ns, ns), 1, true},
		{"before a step marked in progress", episodeOf(1, co, ip, ns, ns), 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ps := conversations.CheckEndStep(tt.episode, conversations.Ending{Step: tt.step, Result: codelists.EventOutcomeInformationAdvice})
			if (len(ps) > 0) != tt.refused {
				t.Errorf("problems = %v, want refused %v", ps, tt.refused)
			}
			if tt.refused && ps[0].Field != "step" {
				t.Errorf("problem on %q, want step", ps[0].Field)
			}
		})
	}
}
