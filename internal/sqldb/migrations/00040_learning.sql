-- The learning programme: the council's courses (every version kept, so that a session keeps the course it gave),
-- their materials (kept in the database so that a backup holds them), sessions with their trainers, bookings with
-- attendance and the learner's evaluation, and each new starter's induction pathway.
--
-- Nothing here stores a status or a count that can be worked out: whether a booking has a place or waits is its
-- order among the session's bookings; whether someone is trained, due to refresh or overdue comes from the dates of
-- the sessions they completed; a session given by the council's own trainer is one whose trainers completed
-- train-the-trainer for its course.

-- +goose Up

-- A course in the council's catalogue. refresh_months is 0 when it need never be refreshed. needs_trainer: only
-- staff who completed train-the-trainer for the course may give it. trains_for_course is set on a train-the-trainer
-- course: completing it makes someone a trainer of that course. audience says who must take it (JSON: roles, team
-- IDs, new starters). retired_at hides a course from the catalogue without losing its history.
CREATE TABLE learning_course (
    council_id        TEXT NOT NULL,
    id                TEXT NOT NULL,
    name              TEXT NOT NULL,
    summary           TEXT NOT NULL DEFAULT '',
    outcomes          TEXT NOT NULL,
    audience          TEXT NOT NULL,
    minutes           INTEGER NOT NULL,
    refresh_months    INTEGER NOT NULL DEFAULT 0,
    needs_trainer     BOOLEAN NOT NULL DEFAULT FALSE,
    trains_for_course TEXT NOT NULL DEFAULT '',
    retired_at        {{timestamp}},
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        {{timestamp}} NOT NULL,
    created_by        TEXT NOT NULL DEFAULT '',
    updated_at        {{timestamp}} NOT NULL,
    updated_by        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id)
);
{{if postgres}}
{{wall "learning_course"}}
{{end}}

-- A file that goes with a course: slides, a handout, a workbook. Its type is checked and its size limited when it is
-- uploaded.
CREATE TABLE learning_material (
    council_id  TEXT NOT NULL,
    id          TEXT NOT NULL,
    course_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    size        INTEGER NOT NULL,
    content     {{bytes}} NOT NULL,
    uploaded_at {{timestamp}} NOT NULL,
    uploaded_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, course_id) REFERENCES learning_course (council_id, id)
);
CREATE INDEX learning_material_course ON learning_material (council_id, course_id);
{{if postgres}}
{{wall "learning_material"}}
{{end}}

-- A session of a course: when, where (a place, or online), how many places. imported is set on a session made by
-- importing past attendance from another learning system. cancelled_at is set when it will not run.
CREATE TABLE learning_session (
    council_id   TEXT NOT NULL,
    id           TEXT NOT NULL,
    course_id    TEXT NOT NULL,
    held_on      {{date}} NOT NULL,
    starts_at    TEXT NOT NULL DEFAULT '',
    ends_at      TEXT NOT NULL DEFAULT '',
    place        TEXT NOT NULL DEFAULT '',
    online       BOOLEAN NOT NULL DEFAULT FALSE,
    capacity     INTEGER NOT NULL,
    imported     BOOLEAN NOT NULL DEFAULT FALSE,
    cancelled_at {{timestamp}},
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   {{timestamp}} NOT NULL,
    created_by   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, course_id) REFERENCES learning_course (council_id, id)
);
CREATE INDEX learning_session_course ON learning_session (council_id, course_id, held_on);
CREATE INDEX learning_session_held ON learning_session (council_id, held_on);
{{if postgres}}
{{wall "learning_session"}}
{{end}}

-- Who gives a session.
CREATE TABLE learning_trainer (
    council_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    PRIMARY KEY (council_id, session_id, staff_id),
    FOREIGN KEY (council_id, session_id) REFERENCES learning_session (council_id, id)
);
CREATE INDEX learning_trainer_staff ON learning_trainer (council_id, staff_id);
{{if postgres}}
{{wall "learning_trainer"}}
{{end}}

-- A member of staff's booking on a session, by themselves or their manager (booked_by). Bookings that are not
-- cancelled take the session's places in the order they were made (seq); the rest wait. attended and completed are
-- NULL until the trainer marks them. differently is what the learner says they will do differently.
CREATE TABLE learning_booking (
    council_id   TEXT NOT NULL,
    id           TEXT NOT NULL,
    session_id   TEXT NOT NULL,
    staff_id     TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    booked_at    {{timestamp}} NOT NULL,
    booked_by    TEXT NOT NULL DEFAULT '',
    cancelled_at {{timestamp}},
    attended     BOOLEAN,
    completed    BOOLEAN,
    marked_at    {{timestamp}},
    marked_by    TEXT NOT NULL DEFAULT '',
    differently  TEXT NOT NULL DEFAULT '',
    evaluated_at {{timestamp}},
    version      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    UNIQUE (council_id, session_id, staff_id),
    FOREIGN KEY (council_id, session_id) REFERENCES learning_session (council_id, id)
);
CREATE INDEX learning_booking_staff ON learning_booking (council_id, staff_id);
{{if postgres}}
{{wall "learning_booking"}}
{{end}}

-- A learner's confidence in one of the course's learning outcomes (its position in the course's list), before the
-- session and after it, from 1 (not at all confident) to 5 (very confident).
CREATE TABLE learning_confidence (
    council_id     TEXT NOT NULL,
    booking_id     TEXT NOT NULL,
    outcome        INTEGER NOT NULL,
    before_session INTEGER NOT NULL,
    after_session  INTEGER NOT NULL,
    PRIMARY KEY (council_id, booking_id, outcome),
    FOREIGN KEY (council_id, booking_id) REFERENCES learning_booking (council_id, id)
);
{{if postgres}}
{{wall "learning_confidence"}}
{{end}}

-- A new starter's induction pathway: its steps in order, each with the date it is due. A course step is done when
-- the starter completes a session of the course, a first supervision when a session is recorded with them; a
-- shadowing or reading step when it is marked done (done_on).
CREATE TABLE learning_induction_step (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    course_id  TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL,
    due_on     {{date}} NOT NULL,
    done_on    {{date}},
    version    INTEGER NOT NULL DEFAULT 1,
    created_at {{timestamp}} NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    UNIQUE (council_id, staff_id, position)
);
{{if postgres}}
{{wall "learning_induction_step"}}
{{end}}

-- +goose Down
DROP TABLE learning_induction_step;
DROP TABLE learning_confidence;
DROP TABLE learning_booking;
DROP TABLE learning_trainer;
DROP TABLE learning_session;
DROP TABLE learning_material;
DROP TABLE learning_course;
