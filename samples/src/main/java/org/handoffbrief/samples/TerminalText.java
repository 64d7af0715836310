package org.handoffbrief.samples;

/**
 * The one sanitiser for text the app echoes from its input or from a vendor (an opportunity id,
 * an error sentence, a note, a path): a control character would let that text forge a log line
 * (a newline), recolour or retitle the terminal (ANSI and OSC escape sequences), or reorder what
 * a reader sees (bidi overrides). Each such character is replaced by a visible {@code \xNN} or
 * {@code \\uNNNN}, so nothing is silently dropped and the rest of an escape sequence prints as
 * harmless text.
 */
final class TerminalText {
  private TerminalText() {}

  /**
   * The text with every C0 control but tab, DEL, every C1 control and every bidi embedding,
   * override and isolate replaced visibly; {@code "null"} for null, as {@code println} would.
   */
  static String safe(Object value) {
    String s = String.valueOf(value);
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!unsafe(c)) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      out.append(c <= 0xFF ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
    }
    return out == null ? s : out.toString();
  }

  private static boolean unsafe(char c) {
    return (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F) || isBidiControl(c);
  }

  /** U+202A-U+202E (embeddings, overrides) and U+2066-U+2069 (isolates). */
  private static boolean isBidiControl(char c) {
    return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
  }

  /**
   * A byte stream filter for what reaches stderr without passing {@link #safe}: library and SDK
   * log lines. UTF-8 never puts a byte below 0x20 inside a multi-byte character, so replacing
   * those bytes (ESC above all, but not newline or tab, which shape log lines) is safe per byte.
   */
  static final class ControlFilter extends java.io.FilterOutputStream {
    ControlFilter(java.io.OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws java.io.IOException {
      int c = b & 0xFF;
      if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7F) {
        out.write(String.format("\\x%02x", c).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      } else {
        out.write(c);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }
  }
}
