package org.handoffbrief.audit;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One question of a week's spot-check, saved with the sample so that asking again, answering and
 * reporting all see the same questions.
 *
 * <p>A {@link Kind#CITATION} question shows the manager a claim, one of its citations' quote and
 * its link, and asks whether the quote supports the claim. A {@link Kind#MISSED} question asks the
 * brief's CSM "what would you have missed without this brief?"; its claim and citation fields are
 * null.
 *
 * @param questionId stable id, {@code audit/<week>/q<nn>}, e.g. {@code audit/2026-W14/q03}; also the
 *     subject of its audit trail lines
 * @param week the ISO week, e.g. {@code 2026-W14}
 * @param seq 1, 2, 3... in the order the sample was drawn
 * @param kind what is asked
 * @param briefId the stored brief version that was delivered
 * @param accountId its account
 * @param opportunityId its opportunity
 * @param sectionId the claim's section wire id, e.g. {@code risks}; null for {@link Kind#MISSED}
 * @param claimId the claim; null for {@link Kind#MISSED}
 * @param claimText what the claim says; null for {@link Kind#MISSED}
 * @param system the cited source system, e.g. {@code salesforce}; null for {@link Kind#MISSED}
 * @param evidenceId the cited record; null for {@link Kind#MISSED}
 * @param quote the cited words; null for {@link Kind#MISSED}
 * @param link where a person opens the record, or null when the source has no link
 * @param createdAt when the sample was drawn
 */
public record AuditQuestion(String questionId, String week, int seq, Kind kind, String briefId, String accountId,
    String opportunityId, String sectionId, String claimId, String claimText, String system, String evidenceId,
    String quote, String link, Instant createdAt) {

  /** What a question asks. */
  public enum Kind {
    /** "Does this citation support the claim?", to the manager. */
    CITATION,
    /** "What would you have missed without this brief?", to the CSM. */
    MISSED;

    /** The wire form, e.g. {@code citation}. */
    public String wireId() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this wire form. */
    public static Kind ofWireId(String wireId) {
      return valueOf(wireId.toUpperCase(Locale.ROOT));
    }
  }

  public AuditQuestion {
    notBlank(questionId, "questionId");
    notBlank(week, "week");
    if (seq < 1) {
      throw new IllegalArgumentException("seq " + seq + " < 1");
    }
    Objects.requireNonNull(kind, "kind == null");
    notBlank(briefId, "briefId");
    notBlank(accountId, "accountId");
    notBlank(opportunityId, "opportunityId");
    if (kind == Kind.CITATION) {
      notBlank(sectionId, "sectionId");
      notBlank(claimId, "claimId");
      notBlank(claimText, "claimText");
      notBlank(system, "system");
      notBlank(evidenceId, "evidenceId");
      notBlank(quote, "quote");
    }
    Objects.requireNonNull(createdAt, "createdAt == null");
  }

  /** The id of question {@code seq} of {@code week}. */
  public static String idFor(String week, int seq) {
    return String.format(Locale.ROOT, "audit/%s/q%02d", week, seq);
  }

  static String notBlank(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    return value;
  }
}
