package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 8 (Low): what the app echoes cannot forge a line, steer the terminal or reorder text. */
class TerminalTextTest {

  @Test
  void aNewlineInAnIdIsShownNotObeyed() {
    assertEquals("006Hs\\x0aerror: forged", TerminalText.safe("006Hs\nerror: forged"));
  }

  @Test
  void ansiAndOscEscapesAreShownAsTextAndTabsStay() {
    assertEquals("\\x1b[31mred\\x1b]0;title\\x07\tdone", TerminalText.safe("\u001b[31mred\u001b]0;title\u0007\tdone"));
  }

  @Test
  void c1ControlsDelAndBidiOverridesAreShown() {
    assertEquals("a\\x9bb\\x7fc\\u202ed\\u2066e", TerminalText.safe("a\u009bb\u007fc\u202Ed\u2066e"));
  }

  @Test
  void plainTextIsReturnedAsItIs() {
    String plain = "Brief ready in 1.2 s: 30 claims, Zoë's note";

    assertSame(plain, TerminalText.safe(plain));
  }

  @Test
  void theLogFilterShowsEscapesButKeepsLinesAndUtf8() throws IOException {
    var out = new ByteArrayOutputStream();
    try (var filter = new TerminalText.ControlFilter(out)) {
      filter.write("WARN \u001b[2J Zoë\n".getBytes(StandardCharsets.UTF_8));
    }

    assertEquals("WARN \\x1b[2J Zoë\n", out.toString(StandardCharsets.UTF_8));
  }
}
