package org.handoffbrief.extract;

import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Evidence;

/**
 * A stretch of an evidence item's text, such as one of the sentences {@link ExtractionInput#sentences}
 * returns: an exact substring, so a citation made from it passes the library's citation check.
 *
 * @param evidence the item
 * @param start the first character's index in the item's text
 * @param end the index after the last character
 */
public record Span(Evidence evidence, int start, int end) {
  /** The text spanned. */
  public String text() {
    return evidence.text().substring(start, end);
  }

  /** A citation of exactly this span. */
  public Citation cite() {
    return Citation.span(evidence, start, end);
  }

  /** The label of the header line this span is the value of ("Stage" for "Stage: Closed Won"). */
  public String label() {
    String text = evidence.text();
    int lineStart = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
    String head = text.substring(lineStart, start);
    return head.endsWith(": ") ? head.substring(0, head.length() - 2) : head.strip();
  }
}
