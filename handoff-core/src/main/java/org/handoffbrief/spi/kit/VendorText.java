package org.handoffbrief.spi.kit;

/**
 * Cuts a vendor's error text (or a transport exception's message) to fit in one of our messages:
 * whitespace runs become one space and anything past the limit becomes {@code ...}. A vendor's
 * error body names fields, filters and ids, never our credentials, so a cut of it helps the
 * reader; request headers are never passed here.
 */
public final class VendorText {
  /** The length most messages keep of a vendor's text. */
  public static final int DEFAULT_LIMIT = 200;

  private VendorText() {}

  /** {@code text} on one line, at most {@link #DEFAULT_LIMIT} characters then {@code ...}; empty for null. */
  public static String cut(String text) {
    return cut(text, DEFAULT_LIMIT);
  }

  /** {@code text} on one line, at most {@code limit} characters then {@code ...}; empty for null. */
  public static String cut(String text, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, not " + limit);
    }
    if (text == null) {
      return "";
    }
    String s = text.replaceAll("\\s+", " ").strip();
    return s.length() > limit ? s.substring(0, limit) + "..." : s;
  }

  /** An exception as {@code SimpleName: message}, cut: transport errors name a host or a position, nothing secret. */
  public static String of(Throwable e, int limit) {
    String name = e.getClass().getSimpleName();
    return cut(e.getMessage() == null ? name : name + ": " + e.getMessage(), limit);
  }

  /** The innermost cause of {@code e} as {@link #of(Throwable, int)} gives it, cut to {@link #DEFAULT_LIMIT}. */
  public static String root(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return of(t, DEFAULT_LIMIT);
  }
}
