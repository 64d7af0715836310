package org.handoffbrief.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class VendorTextTest {

  @Test
  void whitespaceRunsBecomeOneSpaceOnOneLine() {
    assertEquals("field is required", VendorText.cut("  field\n\tis   required \n"));
  }

  @Test
  void textPastTheLimitIsCutWithAnEllipsis() {
    assertEquals("abc...", VendorText.cut("abcdef", 3));
    assertEquals("x".repeat(200) + "...", VendorText.cut("x".repeat(500)));
    assertEquals("abc", VendorText.cut("abc", 3));
  }

  @Test
  void nullIsEmptyAndALimitBelowOneIsRefused() {
    assertEquals("", VendorText.cut(null));
    assertThrows(IllegalArgumentException.class, () -> VendorText.cut("a", 0));
  }

  @Test
  void anExceptionIsItsSimpleNameAndMessage() {
    assertEquals("IOException: reset by peer", VendorText.of(new IOException("reset  by\npeer"), 100));
    assertEquals("IOException", VendorText.of(new IOException(), 100));
  }

  @Test
  void theRootIsTheInnermostCause() {
    var e = new RuntimeException("outer", new IllegalStateException("wrapped", new IOException("connection refused")));
    assertEquals("IOException: connection refused", VendorText.root(e));
  }
}
