-- Twice-yearly update reminders to data maintainers (fi.tarjotin.reminder, docs/architecture.md "Reminders").
-- Maintainer e-mail addresses live only in these tables and in the private part of documents: the public
-- API never reads them.

-- Everyone who has been, or would be, sent a reminder, with what coordinators and answers said about them.
CREATE TABLE maintainer (
    email                text PRIMARY KEY CHECK (email = lower(email)),
    language             text        NOT NULL DEFAULT 'fi' CHECK (language IN ('fi', 'sv')),
    -- A language a coordinator chose wins over the one guessed from the records.
    language_chosen      boolean     NOT NULL DEFAULT false,
    opted_out_at         timestamptz,
    -- Set by a permanent delivery failure (SMTP 5xx, an address that is not one); a coordinator clears it.
    unreachable_reason   text,
    unreachable_at       timestamptz
);

-- A coordinator's choice of who maintains a record: an entity id or an organisation's business id.
-- The configuration's tarjotin.reminders.overrides apply under these.
CREATE TABLE maintainer_override (
    record      text PRIMARY KEY,
    email       text        NOT NULL CHECK (email = lower(email)),
    language    text CHECK (language IN ('fi', 'sv')),
    set_by      text        NOT NULL,
    set_at      timestamptz NOT NULL
);

-- A half-year's round of reminders, labelled by its month ('2027-03'). The unique label is what makes
-- a period start once across restarts and instances.
CREATE TABLE reminder_period (
    id                   bigserial PRIMARY KEY,
    label                text        NOT NULL UNIQUE,
    started_at           timestamptz NOT NULL,
    started_by           text        NOT NULL,
    second_round_due_at  timestamptz NOT NULL,
    second_round_at      timestamptz
);

-- One e-mail: one row per maintainer per period per round. The subject and body are rendered once and
-- kept, so a retry sends exactly the same message with the same Message-ID.
CREATE TABLE reminder (
    id               bigserial PRIMARY KEY,
    period_id        bigint      NOT NULL REFERENCES reminder_period (id),
    round            text        NOT NULL CHECK (round IN ('first', 'second')),
    email            text        NOT NULL REFERENCES maintainer (email),
    language         text        NOT NULL CHECK (language IN ('fi', 'sv')),
    message_id       text        NOT NULL UNIQUE,
    subject          text        NOT NULL,
    body             text        NOT NULL,
    -- For the List-Unsubscribe header, so a resent message has the same headers too.
    opt_out_url      text        NOT NULL,
    -- pending: to send at next_attempt_at; sending: claimed, the send may or may not have happened (a row
    -- still sending after its lease is an uncertain attempt and is sent again with the same Message-ID);
    -- sent; failed: transient failures until max-attempts; unreachable: a permanent failure.
    state            text        NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'unreachable')),
    attempts         integer     NOT NULL DEFAULT 0,
    uncertain_resends integer    NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_error       text,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz,
    UNIQUE (period_id, email, round)
);

CREATE INDEX reminder_due ON reminder (next_attempt_at) WHERE state IN ('pending', 'sending');

-- The records one reminder lists.
CREATE TABLE reminder_record (
    reminder_id bigint NOT NULL REFERENCES reminder (id),
    entity_id   uuid   NOT NULL REFERENCES entity (id),
    PRIMARY KEY (reminder_id, entity_id)
);

-- The links of a reminder. The signature in the link proves it was made here; the row makes it single use.
CREATE TABLE reminder_token (
    id           uuid PRIMARY KEY,
    reminder_id  bigint      NOT NULL REFERENCES reminder (id),
    action       text        NOT NULL CHECK (action IN ('confirm', 'changes', 'opt-out')),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz
);

CREATE INDEX reminder_token_by_reminder ON reminder_token (reminder_id);

-- What maintainers answered. A change request waits here for the coordinator.
CREATE TABLE reminder_answer (
    id           bigserial PRIMARY KEY,
    reminder_id  bigint      NOT NULL REFERENCES reminder (id),
    period_id    bigint      NOT NULL REFERENCES reminder_period (id),
    email        text        NOT NULL REFERENCES maintainer (email),
    answer       text        NOT NULL CHECK (answer IN ('confirmed', 'needs-changes', 'opted-out')),
    message      text,
    answered_at  timestamptz NOT NULL,
    -- A "needs changes" request a coordinator has dealt with.
    handled_at   timestamptz,
    handled_by   text
);

CREATE INDEX reminder_answer_by_period ON reminder_answer (period_id);

-- The key that signs links when tarjotin.reminders.token-secret is empty: made once by whichever instance
-- needs it first, so links keep working across restarts and instances.
CREATE TABLE reminder_secret (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    secret    text NOT NULL
);
