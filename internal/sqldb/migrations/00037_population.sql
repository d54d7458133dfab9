-- The council's population by group, from the Census, as the council records it in its settings: the denominator of
-- rates per head (ASCOF 2B and 2C count per 100,000 people aged 18 to 64 and 65 and over) and of fair use (each
-- group's share of the people the council serves beside its share of the council's adults). characteristic is an
-- insight cut ("age", "sex", "ethnicity", "disability") and grp a group of it as the measures name it ("18 to 24").

-- +goose Up

-- The Census the figures come from, with the version that guards two people editing them at once.
CREATE TABLE population_source (
    council_id  TEXT NOT NULL PRIMARY KEY,
    census_year INTEGER NOT NULL,
    updated_at  {{timestamp}} NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1
);
{{if postgres}}
{{wall "population_source"}}
{{end}}

CREATE TABLE population (
    council_id     TEXT NOT NULL,
    characteristic TEXT NOT NULL,
    grp            TEXT NOT NULL,
    people         INTEGER NOT NULL CHECK (people >= 0),
    PRIMARY KEY (council_id, characteristic, grp),
    FOREIGN KEY (council_id) REFERENCES population_source (council_id) ON DELETE CASCADE
);
{{if postgres}}
{{wall "population"}}
{{end}}

-- +goose Down
DROP TABLE population;
DROP TABLE population_source;
