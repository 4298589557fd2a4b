/**
 * DDL of the service journal (SQLite). Version 1. Holds ids, hashes, states,
 * reason classes and timestamps only: never message content (see
 * docs/data-protection.md). Timestamps are ISO-8601 UTC strings; `next_attempt_at`
 * is epoch milliseconds.
 */
export const JOURNAL_SCHEMA_VERSION = 1;

export const JOURNAL_DDL = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- One row per claimed outbox entry (file or folder).
-- state: received | routed | duplicate | erroring | error | done | replayed
CREATE TABLE IF NOT EXISTS intake (
  claim_id    TEXT PRIMARY KEY,
  instance    TEXT NOT NULL,
  outbox      TEXT NOT NULL,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  claim_path  TEXT NOT NULL,
  hash        TEXT,
  state       TEXT NOT NULL,
  scenario    TEXT,
  message_id  TEXT,
  table_hash  TEXT,
  reason      TEXT,
  detail      TEXT,
  error_name  TEXT,
  received_at TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS intake_state ON intake(state);
CREATE INDEX IF NOT EXISTS intake_updated ON intake(updated_at);

-- One row per message: scenario and id (the router's idempotency key, scoped
-- by the scenario whose expression produced it).
-- state: pending | delivered | failed
CREATE TABLE IF NOT EXISTS messages (
  scenario   TEXT NOT NULL,
  id         TEXT NOT NULL,
  hash       TEXT NOT NULL,
  region     TEXT NOT NULL,
  state      TEXT NOT NULL,
  claim_id   TEXT NOT NULL,
  reason     TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (scenario, id)
);
CREATE INDEX IF NOT EXISTS messages_updated ON messages(updated_at);

-- One row per delivery target of a message.
-- state: pending | delivered | failed | superseded
CREATE TABLE IF NOT EXISTS deliveries (
  scenario        TEXT NOT NULL,
  message_id      TEXT NOT NULL,
  target          TEXT NOT NULL,
  role            TEXT NOT NULL,
  recipient       TEXT,
  system          TEXT NOT NULL,
  file_name       TEXT,
  state           TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  last_error      TEXT,
  delivered_at    TEXT,
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (scenario, message_id, target)
);

-- Origins of cases (Vorgänge), for replies. The correlation key is stored as
-- its SHA-256 only.
CREATE TABLE IF NOT EXISTS cases (
  pkg        TEXT NOT NULL,
  key_hash   TEXT NOT NULL,
  origin     TEXT NOT NULL,
  scenario   TEXT NOT NULL,
  message_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (pkg, key_hash)
);
`;
