-- The brief store, version 2 (H2): each brief's review, the reviewer's answers, and where each
-- brief was delivered. Written IF NOT EXISTS like V1, so a run cut short is completed by the next.

-- Where a brief's review stands, as of its last move: one row per brief that ever left draft.
-- Moving it is a conditional UPDATE on state (the first move an INSERT that loses on the key).
CREATE TABLE IF NOT EXISTS handoff_review (
  brief_id VARCHAR(1000) PRIMARY KEY,
  state VARCHAR(32) NOT NULL,
  actor VARCHAR(255) NOT NULL,
  moved_at TIMESTAMP WITH TIME ZONE NOT NULL,
  note CHARACTER VARYING
);
-- The time-out reads the briefs waiting in one state, oldest move first.
CREATE INDEX IF NOT EXISTS handoff_review_state_ix ON handoff_review (state, moved_at);

-- A reviewer's answers: the key keeps a replayed answer once; seq keeps them in arrival order.
CREATE TABLE IF NOT EXISTS handoff_review_feedback (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  brief_id VARCHAR(1000) NOT NULL,
  feedback_id VARCHAR(255) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  reviewer VARCHAR(255) NOT NULL,
  answered_at TIMESTAMP WITH TIME ZONE NOT NULL,
  claim_id VARCHAR(255),
  answer_text CHARACTER VARYING,
  PRIMARY KEY (brief_id, feedback_id)
);

-- Where a brief's message is, so a later delivery updates it; message_id is null while reserved.
CREATE TABLE IF NOT EXISTS handoff_delivery (
  delivery_key VARCHAR(1000) PRIMARY KEY,
  channel VARCHAR(255) NOT NULL,
  message_id VARCHAR(255),
  brief_id VARCHAR(1000) NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
