package org.handoffbrief.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's answer to one {@link AuditQuestion}, kept once: the first answer to a question is
 * final (a replayed button press, or a second click with another verdict, changes nothing), so a
 * week's pass rate never moves after it is reported. A manager who answered wrongly says so in a
 * later week's sample, or the host records it in the audit trail.
 *
 * @param questionId the question answered
 * @param verdict the manager's verdict on a citation question; null for a "what would you have
 *     missed" answer
 * @param answeredBy who answered: a name or email a reader knows
 * @param answeredAt when
 * @param note an optional note on a verdict; the CSM's answer itself for a "missed" question
 */
public record AuditAnswer(String questionId, Verdict verdict, String answeredBy, Instant answeredAt, String note) {
  public AuditAnswer {
    AuditQuestion.notBlank(questionId, "questionId");
    AuditQuestion.notBlank(answeredBy, "answeredBy");
    Objects.requireNonNull(answeredAt, "answeredAt == null");
    if (verdict == null && (note == null || note.isBlank())) {
      throw new IllegalArgumentException("an answer has a verdict or, for a \"missed\" question, the text");
    }
  }
}
