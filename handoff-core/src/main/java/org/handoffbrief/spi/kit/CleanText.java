package org.handoffbrief.spi.kit;

import java.util.Objects;

/**
 * Text made fit to cite, and whether quoted history was found and cut from it. Connectors record
 * the flag on their evidence: a reader of a brief may want to know that a message was a reply
 * whose earlier part lives in another piece of evidence.
 *
 * <p>The text never holds a bidi embedding, override or isolate (U+202A-U+202E, U+2066-U+2069):
 * one in a message can make a quote read differently from what it says ("Trojan Source"), so
 * they are removed here, before evidence is built, and quotes stay exact spans of what is kept.
 *
 * @param text the cleaned text; never null, possibly empty
 * @param quoteRemoved whether quoted or forwarded history (not merely a signature) was cut
 */
public record CleanText(String text, boolean quoteRemoved) {

  /** Validates that the text is present and removes bidi controls from it. */
  public CleanText {
    Objects.requireNonNull(text, "text == null");
    text = withoutBidiControls(text);
  }

  /**
   * The text without bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069); the
   * text itself when it has none. Marks that only set a direction (U+200E, U+200F) stay: they
   * cannot reorder what a reader sees beyond one character.
   *
   * @param text any text, or null
   * @return the text without those characters, or null for null
   */
  public static String withoutBidiControls(String text) {
    if (text == null) {
      return null;
    }
    int first = 0;
    while (first < text.length() && !isBidiControl(text.charAt(first))) {
      first++;
    }
    if (first == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
    for (int i = first + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isBidiControl(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isBidiControl(char c) {
    return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
  }
}
