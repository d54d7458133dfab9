-- Networks of councils (docs/adr/0016-networks-of-councils.md): a regional network, or an improvement partner's
-- clients, that councils join and leave by their administrator's decision. A network is a tenancy of its own: a row
-- in council, with no people, whose staff are all programme leads, so that sign-in, sessions, two-factor and the
-- wall work for its staff unchanged. The row in network is what makes that tenancy a network.
--
-- These three tables are the network's own, not a council's: the network's staff and each member council's
-- administrators must both read them, so they cannot sit behind either tenancy's wall. They are reference tables
-- (on Citus, replicated to every worker; docs/operations.md), keyed by the network first, and every store query
-- names the network or the council of the signed-in tenancy: nothing reads them whole. They hold no person, no
-- member of staff's details (a decision names the administrator by their id, which only their council can read)
-- and no case.

-- +goose Up

-- A network. id is the id of its tenancy in council (whose code and name are the network's). join_code is the
-- code the network gives councils so that their administrator can join without an invitation.
CREATE TABLE network (
    id         TEXT PRIMARY KEY REFERENCES council (id),
    join_code  TEXT NOT NULL UNIQUE,
    purpose    TEXT NOT NULL DEFAULT '',
    created_at {{timestamp}} NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);

-- Every decision a council's administrator makes about a network, kept for good: join (how: invitation or code),
-- leave (with the reason), share or stop_sharing its programme milestones and KPIs, and decline an invitation.
-- Whether a council is a member, since when, and whether it shares are derived from these (networks.Periods), never
-- stored beside them. seq counts the council's decisions about the network from 1, so that two administrators
-- deciding at once from the same page cannot both be recorded: the second is a conflict.
CREATE TABLE network_decision (
    network_id TEXT NOT NULL REFERENCES network (id),
    council_id TEXT NOT NULL REFERENCES council (id),
    seq        INTEGER NOT NULL,
    decision   TEXT NOT NULL,
    how        TEXT NOT NULL DEFAULT '',
    reason     TEXT NOT NULL DEFAULT '',
    decided_at {{timestamp}} NOT NULL,
    decided_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (network_id, council_id, seq)
);
CREATE INDEX network_decision_council ON network_decision (council_id, network_id);

-- A network's invitation to a council, made by the network's staff. It is open until the council joins or declines
-- after it (derived from network_decision), or the network withdraws it.
CREATE TABLE network_invitation (
    network_id   TEXT NOT NULL REFERENCES network (id),
    council_id   TEXT NOT NULL REFERENCES council (id),
    id           TEXT NOT NULL,
    message      TEXT NOT NULL DEFAULT '',
    invited_at   {{timestamp}} NOT NULL,
    invited_by   TEXT NOT NULL DEFAULT '',
    withdrawn_at {{timestamp}},
    withdrawn_by TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (network_id, council_id, id)
);
CREATE INDEX network_invitation_council ON network_invitation (council_id, network_id);

-- +goose Down
DROP TABLE network_invitation;
DROP TABLE network_decision;
DROP TABLE network;
