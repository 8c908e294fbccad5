-- Hookline's finished calls (topic call.sessions.v1, schema CallSession.avsc) in PostgreSQL.
-- One row per call, keyed by its session id, so loading a session again updates its row
-- (examples/python/sessions_to_postgres.py upserts). Columns follow CallSession field by field;
-- enums are text, so a symbol a later schema adds loads without a change here.

CREATE TABLE IF NOT EXISTS call_sessions (
    session_id          text        PRIMARY KEY,
    device_id           text        NOT NULL,             -- the phone, e.g. its MAC 805ec0a1b2c3
    line                text,                             -- the account, user@host; null when the phone did not say
    direction           text        NOT NULL,             -- INBOUND (rang this phone) or OUTBOUND (placed from it)
    local_user          text,
    local_host          text,
    remote_user         text,
    remote_host         text,
    remote_display_name text,
    call_id             text,
    started_at          timestamptz NOT NULL,
    ringing_at          timestamptz,
    answered_at         timestamptz,                      -- null when nobody answered
    ended_at            timestamptz NOT NULL,
    ring_millis         bigint,                           -- from the start of ringing to the answer
    talk_millis         bigint,                           -- from the answer to the end, holds included
    hold_millis         bigint      NOT NULL DEFAULT 0,
    outcome             text        NOT NULL,             -- ANSWERED, MISSED, REJECTED, BUSY, CANCELLED, FORWARDED, TRANSFERRED, FAILED, UNKNOWN
    transfer_target     text,
    event_count         integer     NOT NULL,
    vendor              text,
    model               text,
    loaded_at           timestamptz NOT NULL DEFAULT now() -- when the loader last wrote the row
);

-- Reports per line or per phone over a time range, and over time alone.
CREATE INDEX IF NOT EXISTS call_sessions_line_started ON call_sessions (line, started_at);
CREATE INDEX IF NOT EXISTS call_sessions_device_started ON call_sessions (device_id, started_at);
CREATE INDEX IF NOT EXISTS call_sessions_started ON call_sessions (started_at);
