-- Which of the programme's standard courses a course is ('strengths-based-practice', 'induction', ...), so that the
-- measures find it whatever a council calls it. Empty for a council's own courses.

-- +goose Up
ALTER TABLE learning_course ADD COLUMN standard TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE learning_course DROP COLUMN standard;
