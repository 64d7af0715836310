package org.handoffbrief.model;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Objects;

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
 */
public record Citation(String evidenceId, String system, URI permalink, OffsetDateTime timestamp,
    String quote, int start, int end) {

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

  /**
   * Cites the first occurrence of {@code quote} in the evidence text.
   *
   * @throws IllegalArgumentException when the evidence text does not contain the quote
   */
  public static Citation of(Evidence evidence, String quote) {
    Objects.requireNonNull(evidence, "evidence == null");
    Checks.notBlank(quote, "quote");
    int start = evidence.text().indexOf(quote);
    if (start < 0) {
      throw new IllegalArgumentException("evidence " + evidence.id() + " does not contain the quote");
    }
    return span(evidence, start, start + quote.length());
  }

  /** Cites {@code evidence.text()[start, end)}. */
  public static Citation span(Evidence evidence, int start, int end) {
    Objects.requireNonNull(evidence, "evidence == null");
    if (start < 0 || end > evidence.text().length() || end <= start) {
      throw new IllegalArgumentException("span [" + start + ", " + end + ") is outside evidence "
          + evidence.id() + " (" + evidence.text().length() + " characters)");
    }
    return new Citation(evidence.id(), evidence.system(), evidence.permalink(), evidence.timestamp(),
        evidence.text().substring(start, end), start, end);
  }
}
