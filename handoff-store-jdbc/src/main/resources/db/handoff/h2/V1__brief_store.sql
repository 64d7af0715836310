-- The brief store, version 1 (H2). Flyway-compatible name: a DBA may run it with their own
-- tool and open the store with migrate(false). One statement per ';' at a line end.
-- H2 commits each DDL statement on its own, so every statement is IF NOT EXISTS: a run cut short
-- is completed by the next. Texts without a length are H2's CHARACTER VARYING (up to 1 MiB);
-- briefs and plans are CLOBs.

-- Brief versions: one row per stored version; the unique keys make "one version per content" hold
-- when two workers save the same brief at once.
CREATE TABLE IF NOT EXISTS handoff_brief (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  brief_id VARCHAR(1000) NOT NULL,
  account_id VARCHAR(255) NOT NULL,
  opportunity_id VARCHAR(255) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  version INTEGER NOT NULL,
  stored_at TIMESTAMP WITH TIME ZONE NOT NULL,
  fingerprint VARCHAR(64) NOT NULL,
  json CHARACTER LARGE OBJECT NOT NULL,
  CONSTRAINT handoff_brief_id_uk UNIQUE (brief_id),
  CONSTRAINT handoff_brief_version_uk UNIQUE (opportunity_id, kind, version)
);

-- The outbox: a plan and its writes are stored before the first write is made.
CREATE TABLE IF NOT EXISTS handoff_outbox_plan (
  plan_key VARCHAR(1000) PRIMARY KEY,
  brief_id VARCHAR(1000) NOT NULL,
  opportunity_id VARCHAR(255) NOT NULL,
  plan_json CHARACTER LARGE OBJECT NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  approval VARCHAR(16) NOT NULL,
  approved_by VARCHAR(255),
  approved_at TIMESTAMP WITH TIME ZONE
);

CREATE TABLE IF NOT EXISTS handoff_outbox_write (
  write_key VARCHAR(1000) PRIMARY KEY,
  plan_key VARCHAR(1000) NOT NULL REFERENCES handoff_outbox_plan (plan_key),
  seq INTEGER NOT NULL,
  target VARCHAR(255) NOT NULL,
  description CHARACTER VARYING NOT NULL,
  status VARCHAR(16) NOT NULL,
  lease_holder VARCHAR(255),
  lease_until TIMESTAMP WITH TIME ZONE,
  attempts INTEGER NOT NULL,
  record_id VARCHAR(255),
  detail CHARACTER VARYING,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT handoff_outbox_write_seq_uk UNIQUE (plan_key, seq)
);

-- The audit trail, read by subject and by subject prefix.
CREATE TABLE IF NOT EXISTS handoff_audit (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
  actor VARCHAR(255) NOT NULL,
  action VARCHAR(255) NOT NULL,
  subject VARCHAR(1000) NOT NULL,
  target VARCHAR(255),
  record_id VARCHAR(255),
  outcome VARCHAR(255) NOT NULL,
  detail CHARACTER VARYING
);
CREATE INDEX IF NOT EXISTS handoff_audit_subject_ix ON handoff_audit (subject);

-- What triggers need: keys handled once, and named high-water marks.
CREATE TABLE IF NOT EXISTS handoff_once (
  scope VARCHAR(255) NOT NULL,
  once_key VARCHAR(1000) NOT NULL,
  marked_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (scope, once_key)
);

CREATE TABLE IF NOT EXISTS handoff_checkpoint (
  name VARCHAR(255) PRIMARY KEY,
  checkpoint_value CHARACTER VARYING NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Gate failure history: one row per opportunity whose latest brief failed a gate.
CREATE TABLE IF NOT EXISTS handoff_gate_failure (
  account_id VARCHAR(255) NOT NULL,
  opportunity_id VARCHAR(255) NOT NULL,
  failed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (account_id, opportunity_id)
);
