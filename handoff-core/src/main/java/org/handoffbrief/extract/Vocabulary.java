package org.handoffbrief.extract;

import org.handoffbrief.internal.TextSpans;
import static org.handoffbrief.extract.CrmRecords.words;

import java.util.regex.Pattern;

/**
 * Term lists more than one rule reads, in one place so that they cannot drift apart. Each list
 * is a general way people write, never a name or a phrase from one deal.
 */
final class Vocabulary {
  private Vocabulary() {}

  /** A list item: "- ", "* ", "• ", "– ", "1. ", "2) ". */
  static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*\u2022\u2013]|\\d{1,2}[.)])\\s+");

  /**
   * Settled in so many words ("OGC considers data residency closed", "nothing is open on the
   * contract", "no outstanding items"), unless {@link #NEGATION} says otherwise.
   */
  static final Pattern SETTLED = words("\\b(?:closed|acceptable|resolved|executed|done|settled|approved|passed"
      + "|nothing (?:is |left |remains )?(?:open|outstanding|pending)"
      + "|no (?:open|outstanding|pending) (?:items?|issues?|points?|questions?))\\b");

  /** What turns a settled word around: "not closed", "no longer resolved", "until it is approved", "still". */
  static final Pattern NEGATION = words("\\b(?:not|isn't|aren't|no longer|never|until|still)\\b");

  /** Regret for what one did not do sooner ("my one regret is we didn't switch years ago"): not about us. */
  static final Pattern SOONER = words("didn't|did not|years ago|sooner|earlier|should have");

  /** True when the sentence says its matter is settled and nothing negates it. */
  static boolean settled(String sentence) {
    return SETTLED.matcher(sentence).find() && !NEGATION.matcher(sentence).find();
  }

  /**
   * The line introducing the list the span's line belongs to ("Here is what we're signing up
   * for:"), skipping blank lines and the other items; null when the span is not on a list item or
   * the list has no lead-in within a few lines.
   */
  static Span listLeadIn(Span s) {
    String text = s.evidence().text();
    int lineStart = TextSpans.lineStart(text, s.start());
    if (lineStart < 0 || !BULLET.matcher(text.substring(lineStart, Math.min(text.length(), lineStart + 8))).find()) {
      return null;
    }
    int end = lineStart - 1;
    for (int i = 0; i < 30 && end > 0; i++) {
      int start = text.lastIndexOf('\n', end - 1) + 1;
      String line = text.substring(start, end);
      String above = line.strip();
      if (!above.isEmpty() && !BULLET.matcher(above).find()) {
        int from = start + line.indexOf(above);
        return s.evidence().sourceSpanOf(from, from + above.length()) == null ? null
            : new Span(s.evidence(), from, from + above.length());
      }
      end = start - 1;
    }
    return null;
  }
}
