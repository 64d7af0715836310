package org.handoffbrief.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.handoffbrief.HandoffException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 item 2: HTML anyone can send must not cost more than a few looks at each character: measured in
 * characters the scanner examined, not in seconds, so the bound holds on any machine.
 */
@Tag("reliability")
class HtmlTextAdversarialInputTest {
  private static final int SIZE = 200_000;
  /** Tags are read twice (to find their end, then their name) and attributes a few times more. */
  private static final int LOOKS_PER_CHARACTER = 8;

  private static final Map<String, String> ADVERSARIAL = Map.ofEntries(
      Map.entry("a run of tag starts without an end", "<".repeat(SIZE)),
      Map.entry("a run of unfinished tags", "<a ".repeat(SIZE / 3)),
      Map.entry("an unclosed comment", "<!--" + "x".repeat(SIZE)),
      Map.entry("a run of almost-comments", "<!-".repeat(SIZE / 3)),
      Map.entry("an unclosed script", "<script>" + "x".repeat(SIZE)),
      Map.entry("a script full of almost-end tags", "<script>" + "</scrip".repeat(SIZE / 7)),
      Map.entry("a script full of end tags that do not end", "<script>" + "</script    x".repeat(SIZE / 13)),
      Map.entry("a run of unclosed heads", "<head>".repeat(SIZE / 6)),
      Map.entry("deeply nested tags", "<div>".repeat(SIZE / 11) + "x" + "</div>".repeat(SIZE / 11)),
      Map.entry("deeply nested blockquotes", "<blockquote>".repeat(SIZE / 12)),
      Map.entry("a tag repeating its class attribute", "<div class=" + "class=".repeat(SIZE / 6) + ">"),
      Map.entry("a class value of near-markers", "<div class=\"" + "gmail_quot ".repeat(SIZE / 11) + "\">"),
      Map.entry("a tag of near-marker ids", "<div" + " id=divRplyFwdMs".repeat(SIZE / 16) + ">"),
      Map.entry("a run of ampersands", "&".repeat(SIZE)),
      Map.entry("a run of unfinished references", "&#1234567".repeat(SIZE / 9)),
      Map.entry("many quotes under one long line", "x".repeat(SIZE / 2) + "<blockquote></blockquote>".repeat(SIZE / 50)));

  @Test
  void everyAdversarialInputIsReadInLinearSteps() {
    ADVERSARIAL.forEach((what, html) -> {
      for (boolean cutHistory : new boolean[] {true, false}) {
        long steps = HtmlText.steps(html, cutHistory);
        assertTrue(steps <= (long) LOOKS_PER_CHARACTER * html.length(),
            what + ": " + steps + " steps for " + html.length() + " characters");
      }
    });
  }

  @Test
  void stepsGrowInProportionToTheInput() {
    // Doubling a run of '<' doubles the work; the regexes this replaced took four times as long.
    long small = HtmlText.steps("<a ".repeat(SIZE / 6), true);
    long large = HtmlText.steps("<a ".repeat(SIZE / 3), true);
    assertTrue(large <= 2 * small + 10, small + " then " + large);
  }

  @Test
  void anInterruptedThreadStopsTheScanWithATypedErrorAndKeepsItsFlag() {
    Thread.currentThread().interrupt();
    try {
      var e = assertThrows(HandoffException.class, () -> HtmlText.toText("<a ".repeat(SIZE / 3)));
      assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
      assertTrue(Thread.currentThread().isInterrupted(), "the caller still sees the cancellation");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void adversarialInputStillBecomesText() {
    assertEquals("<".repeat(10), HtmlText.toText("<".repeat(10)).text(), "a '<' without a '>' is text");
    assertEquals("x", HtmlText.toText("<div>".repeat(1000) + "x" + "</div>".repeat(1000)).text());
  }
}
