package org.handoffbrief.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit trail: who did what to which record, when, and how it came out. Written
 * for every write, approval and skip; never holds a secret or a brief's text.
 *
 * @param at when
 * @param actor the user or worker that acted (an integration user's name, a reviewer's email)
 * @param action what was done, e.g. {@code upsert}, {@code plan.approved}, {@code write.skipped}
 * @param subject what it was about: a brief id, plan key or write key
 * @param target where, e.g. {@code salesforce:Task}; null when nothing outside the store was touched
 * @param recordId the target's record id, or null
 * @param outcome {@code ok} or a short code, e.g. {@code REQUIRED_FIELD_MISSING}
 * @param detail one sentence a person reads, or null
 */
public record AuditEntry(Instant at, String actor, String action, String subject, String target, String recordId,
    String outcome, String detail) {

  public AuditEntry {
    Objects.requireNonNull(at, "at == null");
    Text.notBlank(actor, "actor");
    Text.notBlank(action, "action");
    Text.notBlank(subject, "subject");
    Text.notBlank(outcome, "outcome");
  }
}
