package org.handoffbrief.text;

import java.util.Objects;

/**
 * Text made fit to cite, and whether quoted history was found and cut from it. Connectors record
 * the flag on their evidence: a reader of a brief may want to know that a message was a reply
 * whose earlier part lives in another piece of evidence.
 *
 * @param text the cleaned text; never null, possibly empty
 * @param quoteRemoved whether quoted or forwarded history (not merely a signature) was cut
 */
public record CleanText(String text, boolean quoteRemoved) {

  /** Validates that the text is present. */
  public CleanText {
    Objects.requireNonNull(text, "text == null");
  }
}
