-- Safeguarding as managers walk it: the person alleged to have caused harm, recorded on the concern and seen only by
-- the council's safeguarding roles (alleged is 'yes' when someone is alleged, 'no' when nobody is, '' on concerns
-- recorded before it was asked; the name may be blank when not known; trust and at_risk are 'yes', 'no' or
-- 'not_known'); and the council's choice to let practitioners lead enquiries. The {{if postgres}}SQLite{{else}}PostgreSQL{{end}} folder holds the same.

-- +goose Up
ALTER TABLE safeguarding_concern ADD COLUMN alleged TEXT NOT NULL DEFAULT '';
ALTER TABLE safeguarding_concern ADD COLUMN alleged_name TEXT NOT NULL DEFAULT '';
ALTER TABLE safeguarding_concern ADD COLUMN alleged_relationship TEXT NOT NULL DEFAULT '';
ALTER TABLE safeguarding_concern ADD COLUMN alleged_trust TEXT NOT NULL DEFAULT '';
ALTER TABLE safeguarding_concern ADD COLUMN alleged_at_risk TEXT NOT NULL DEFAULT '';
ALTER TABLE council ADD COLUMN practitioners_lead_enquiries BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE council DROP COLUMN practitioners_lead_enquiries;
ALTER TABLE safeguarding_concern DROP COLUMN alleged_at_risk;
ALTER TABLE safeguarding_concern DROP COLUMN alleged_trust;
ALTER TABLE safeguarding_concern DROP COLUMN alleged_relationship;
ALTER TABLE safeguarding_concern DROP COLUMN alleged_name;
ALTER TABLE safeguarding_concern DROP COLUMN alleged;
