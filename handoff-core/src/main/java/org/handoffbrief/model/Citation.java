package org.handoffbrief.model;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a claim comes from: one evidence item and the exact span of its text that supports the
 * claim. {@code quote} equals {@code evidence.text().substring(start, end)}; the citation verifier
 * checks this for every claim of every brief.
 *
 * @param evidenceId the cited evidence's id
 * @param system the cited evidence's system
 * @param permalink the cited evidence's link, or null
 * @param timestamp the cited evidence's timestamp
 * @param quote the quoted span
 * @param start offset of the span's first character in the evidence text
 * @param end offset just past the span's last character
 * @param field the source field the quote comes from (a CRM field's API name such as
 *     {@code StageName}, or {@code body}, {@code subject}, {@code title}), or null when unknown
 */
public record Citation(String evidenceId, String system, @Nullable URI permalink, OffsetDateTime timestamp,
    String quote, int start, int end, String field) {

  public Citation {
    evidenceId = Checks.notBlank(evidenceId, "evidenceId");
    system = Checks.notBlank(system, "system");
    Objects.requireNonNull(timestamp, "timestamp == null");
    quote = Checks.notBlank(quote, "quote");
    if (start < 0 || end - start != quote.length()) {
      throw new IllegalArgumentException(
          "span [" + start + ", " + end + ") does not fit a quote of " + quote.length() + " characters");
    }
  }

  /** A citation whose source field is not known (a brief stored before fields were recorded). */
  public Citation(String evidenceId, String system, URI permalink, OffsetDateTime timestamp, String quote, int start,
      int end) {
    this(evidenceId, system, permalink, timestamp, quote, start, end, null);
  }

  /**
   * Cites the first occurrence of {@code quote} in the evidence's source words (never in a line
   * the connector composed).
   *
   * @throws IllegalArgumentException when the evidence text does not contain the quote
   */
  public static Citation of(Evidence evidence, String quote) {
    Objects.requireNonNull(evidence, "evidence == null");
    Checks.notBlank(quote, "quote");
    String text = evidence.text();
    for (int start = text.indexOf(quote); start >= 0; start = text.indexOf(quote, start + 1)) {
      if (evidence.sourceSpanOf(start, start + quote.length()) != null) {
        return span(evidence, start, start + quote.length());
      }
    }
    throw new IllegalArgumentException("evidence " + evidence.id() + " does not contain the quote in its source words");
  }

  /**
   * Cites {@code evidence.text()[start, end)}, naming the source field that holds it. A span that
   * touches a composed line gets no field, and the citation verifier refuses it.
   */
  public static Citation span(Evidence evidence, int start, int end) {
    Objects.requireNonNull(evidence, "evidence == null");
    if (start < 0 || end > evidence.text().length() || end <= start) {
      throw new IllegalArgumentException("span [" + start + ", " + end + ") is outside evidence "
          + evidence.id() + " (" + evidence.text().length() + " characters)");
    }
    SourceSpan source = evidence.sourceSpanOf(start, end);
    return new Citation(evidence.id(), evidence.system(), evidence.permalink(), evidence.timestamp(),
        evidence.text().substring(start, end), start, end, source == null ? null : source.field());
  }
}
