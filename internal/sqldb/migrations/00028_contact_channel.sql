-- How a contact came in (codelists.ContactChannel): by phone, email, letter, a visit, the online form or a referral
-- from another professional, apart from who got in touch (contact_by). Contacts recorded before the channel was
-- asked are 'Not recorded', as the pages show them, rather than given a channel nobody wrote down. The other
-- engine's folder holds the same.

-- +goose Up
ALTER TABLE contact ADD COLUMN channel TEXT NOT NULL DEFAULT 'Not recorded';

-- +goose Down
ALTER TABLE contact DROP COLUMN channel;
