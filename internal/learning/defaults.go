package learning

import (
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// DefaultCourses are the courses a council's catalogue starts with, each editable: the strengths-based practice
// skills (MASOSS and ROPES) and train-the-trainer for it, so the council can give it with its own trainers;
// induction to the practice framework for every new starter; Making Safeguarding Personal; the Mental Capacity Act
// in practice; and strengths-based supervision for supervisors against the Post-Qualifying Standards. Each call
// gives the courses new IDs, train-the-trainer pointing at the skills course.
func DefaultCourses() []Course {
	practice := []councils.Role{councils.Practitioner, councils.TeamManager}
	skills := Course{ID: sqldb.NewID(), Name: "Strengths-based practice skills (MASOSS and ROPES)",
		Summary: "The shared mind and skill set of strengths-based practice: starting from what matters to the person, " +
			"what they can do and who they have around them.",
		Outcomes: []string{
			"Hold a conversation that starts from what matters to the person",
			"Find and record strengths of all four kinds: personal, family and friends, community, and resources",
			"Agree SMART outcomes in the person's own words",
			"Find the least intrusive support first, and record why",
			"Use ROPES to weigh risks with the person rather than for them",
		},
		Audience: Audience{Roles: practice}, Minutes: 6 * 60, RefreshMonths: 36, NeedsTrainer: true, Standard: StrengthsBasedPractice, Version: 1}
	return []Course{
		skills,
		{ID: sqldb.NewID(), Name: "Induction to the practice framework",
			Summary: "For every new starter: the council's practice framework, the MASOSS model and how the record follows it.",
			Outcomes: []string{
				"Explain the practice framework's principles in your own words",
				"Follow the four steps of the golden thread in the record",
				"Know where to find support, supervision and the library of good practice",
			},
			Audience: Audience{NewStarters: true}, Minutes: 3 * 60, Standard: Induction, Version: 1},
		{ID: sqldb.NewID(), Name: "Making Safeguarding Personal",
			Summary: "Safeguarding led by what the person wants to happen, from the first concern to its close.",
			Outcomes: []string{
				"Ask the person what they want to happen, and record it in their words",
				"Weigh the person's wishes against risk, with them",
				"Record whether the outcomes the person wanted were achieved",
			},
			Audience: Audience{Roles: practice}, Minutes: 3 * 60, RefreshMonths: 24, Standard: SafeguardingPersonal, Version: 1},
		{ID: sqldb.NewID(), Name: "Mental Capacity Act in practice",
			Summary: "The five principles, the two-stage test, best-interests decisions and when to involve an advocate.",
			Outcomes: []string{
				"Apply the five principles in everyday decisions",
				"Carry out and record a decision-specific capacity assessment",
				"Make and record a best-interests decision with the people who matter",
			},
			Audience: Audience{Roles: practice}, Minutes: 6 * 60, RefreshMonths: 24, Standard: MentalCapacity, Version: 1},
		{ID: sqldb.NewID(), Name: "Strengths-based supervision",
			Summary: "For supervisors: supervision that starts with what is going well, against the Post-Qualifying Standards for practice supervisors.",
			Outcomes: []string{
				"Start supervision from what is going well",
				"Support reflection on practice, not only on tasks",
				"Attend to the supervisee's wellbeing and learning",
			},
			Audience: Audience{Roles: []councils.Role{councils.TeamManager, councils.QualityLead}}, Minutes: 6 * 60, RefreshMonths: 36, Standard: SupervisionSkills, Version: 1},
		{ID: sqldb.NewID(), Name: "Train the trainer: strengths-based practice skills",
			Summary: "For experienced practitioners who will give the strengths-based practice skills course, so the council needs no outside trainers.",
			Outcomes: []string{
				"Give the strengths-based practice skills course to a group",
				"Model strengths-based conversations in role play",
				"Give feedback that starts with what went well",
			},
			Minutes: 12 * 60, TrainsFor: skills.ID, Standard: TrainTheTrainer, Version: 1},
	}
}
