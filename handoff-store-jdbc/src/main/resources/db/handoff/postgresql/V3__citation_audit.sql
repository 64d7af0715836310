-- The brief store, version 3 (PostgreSQL): the weekly citation spot-check, in the migration's one transaction.

-- A week's sampled questions: a claim and one of its citations for the manager, or "what would you
-- have missed?" for the CSM. The key (week, seq) lets exactly one of two racing samplers store a week.
CREATE TABLE handoff_audit_question (
  question_id VARCHAR(255) PRIMARY KEY,
  week VARCHAR(16) NOT NULL,
  seq INTEGER NOT NULL,
  kind VARCHAR(32) NOT NULL,
  brief_id VARCHAR(1000) NOT NULL,
  account_id VARCHAR(255) NOT NULL,
  opportunity_id VARCHAR(255) NOT NULL,
  section_id VARCHAR(64),
  claim_id VARCHAR(255),
  claim_text TEXT,
  source_system VARCHAR(64),
  evidence_id VARCHAR(1000),
  quote TEXT,
  link TEXT,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT handoff_audit_question_week_seq UNIQUE (week, seq)
);
-- A brief's readers look up its marks by brief.
CREATE INDEX handoff_audit_question_brief_ix ON handoff_audit_question (brief_id);

-- One answer per question: the key keeps the first, so a replay or a changed mind is not stored.
CREATE TABLE handoff_audit_answer (
  question_id VARCHAR(255) PRIMARY KEY REFERENCES handoff_audit_question (question_id),
  verdict VARCHAR(32),
  answered_by VARCHAR(255) NOT NULL,
  answered_at TIMESTAMP WITH TIME ZONE NOT NULL,
  note TEXT
);
