-- The implementation programme's KPIs, each bound to a measure of the insight catalogue, and the Programme Board's
-- issued reports. Nothing the record can count is stored: a KPI keeps the quarter its baseline is taken over, never
-- the baseline's figure, and its actuals are computed from the measure each time they are shown. A board report
-- keeps only when it was issued and as at which day, so that the next report knows what changed since; its content
-- is generated from the record and never copied here.

-- +goose Up

-- A KPI. measure_id is the id of a measure of insight.Catalogue(); baseline_quarter is a quarter such as 2026-Q1;
-- target is the goal set for the measure's figure by target_on (a share as a whole percentage).
CREATE TABLE programme_kpi (
    council_id       TEXT NOT NULL,
    id               TEXT NOT NULL,
    name             TEXT NOT NULL,
    measure_id       TEXT NOT NULL,
    baseline_quarter TEXT NOT NULL,
    target           {{float}} NOT NULL,
    target_on        {{date}} NOT NULL,
    why              TEXT NOT NULL DEFAULT '',
    created_at       {{timestamp}} NOT NULL,
    created_by       TEXT NOT NULL DEFAULT '',
    updated_at       {{timestamp}} NOT NULL,
    updated_by       TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id)
);
{{if postgres}}
{{wall "programme_kpi"}}
{{end}}

-- A Programme Board report as issued: the day it reports as at, when it was issued and by whom.
CREATE TABLE board_report (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    as_at      {{date}} NOT NULL,
    issued_at  {{timestamp}} NOT NULL,
    issued_by  TEXT NOT NULL,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, issued_by) REFERENCES staff (council_id, id)
);
CREATE INDEX board_report_as_at ON board_report (council_id, as_at);
{{if postgres}}
{{wall "board_report"}}
{{end}}

-- +goose Down
DROP TABLE board_report;
DROP TABLE programme_kpi;
