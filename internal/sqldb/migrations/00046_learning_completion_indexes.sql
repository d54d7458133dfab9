-- Coverage reads every completion of the council's at once (the last time each member of staff completed each
-- course): these indexes hold what that read needs, so that it never touches the tables' rows.

-- +goose Up
CREATE INDEX learning_booking_completed ON learning_booking (council_id, session_id, staff_id)
    WHERE completed = TRUE AND cancelled_at IS NULL;
CREATE INDEX learning_session_ran ON learning_session (council_id, id, course_id, held_on)
    WHERE cancelled_at IS NULL;

-- +goose Down
DROP INDEX learning_session_ran;
DROP INDEX learning_booking_completed;
