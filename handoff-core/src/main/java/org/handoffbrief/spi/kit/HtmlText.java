package org.handoffbrief.spi.kit;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.handoffbrief.HandoffException;

/**
 * Plain text from the HTML of an email body or a calendar description. Small on purpose (a mail
 * body is not a web page; jsoup would be 400 KB for this): block elements become line breaks,
 * list items {@code - } lines, entities are decoded, and quoted history and the Gmail signature
 * block are dropped, so the text is what the sender wrote. Pass the result through
 * {@link EmailText#ownWords} to cut what the HTML did not mark (plain-text history, sign-offs).
 *
 * <p>Anyone can send HTML, so it is read in one pass that examines each character a bounded
 * number of times (no regular expressions, whose backtracking is quadratic on a run of {@code <}),
 * and stops with a {@link HandoffException} when its thread is interrupted.
 */
public final class HtmlText {
  private HtmlText() {}

  /*
   * Where clients mark the start of quoted history (or, for Gmail, the signature); everything
   * from that element on is not the sender's new text: Gmail ("gmail_quote", "gmail_extra",
   * "gmail_signature"), Outlook desktop and OWA ("appendonsend", "divRplyFwdMsg"), new Outlook
   * ("mail-editor-reference-message-container"), Outlook for Mac ("OLK_SRC_BODY_SECTION"),
   * Hotmail ("stopSpelling", the rule above its header block), Yahoo ("yahoo_quoted"),
   * Thunderbird ("moz-cite-prefix", the "On ... wrote:" line above its blockquote).
   * A class marker is a whole word of the class value; an id marker starts the id.
   */
  private static final List<String> CUT_CLASSES = List.of(
      "gmail_quote", "gmail_signature", "gmail_extra", "moz-cite-prefix", "yahoo_quoted");
  private static final String SIGNATURE_CLASS = "gmail_signature";
  private static final List<String> CUT_IDS = List.of(
      "divRplyFwdMsg", "appendonsend", "mail-editor-reference-message-container", "OLK_SRC_BODY_SECTION",
      "stopSpelling");
  /** Elements whose content is never shown as text. */
  private static final Set<String> DROPPED = Set.of("head", "script", "style", "title");
  /** Blocks a browser draws with a margin by default: their edges are paragraph breaks. */
  private static final Set<String> PARAGRAPH_BLOCKS = Set.of(
      "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "pre");
  /** Blocks without a margin: their edges are line breaks. */
  private static final Set<String> LINE_BLOCKS = Set.of(
      "div", "li", "tr", "section", "article", "header", "footer", "hr");
  /** No tag name the scanner acts on is longer; longer names are not read into a string. */
  private static final int LONGEST_NAME = "blockquote".length();
  /** Where a blockquote was dropped, until the attribution above it has gone too. */
  private static final char QUOTE = '\u0003';
  /** How many characters the scanner examines between looks at its thread's interrupt flag. */
  private static final int INTERRUPT_CHECK_MASK = 4096 - 1;
  private static final Map<String, String> NAMED = Map.ofEntries(
      Map.entry("nbsp", " "), Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"),
      Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("ndash", "\u2013"), Map.entry("mdash", "\u2014"),
      Map.entry("lsquo", "\u2018"), Map.entry("rsquo", "\u2019"), Map.entry("ldquo", "\u201C"),
      Map.entry("rdquo", "\u201D"), Map.entry("hellip", "\u2026"), Map.entry("bull", "\u2022"),
      Map.entry("middot", "\u00B7"), Map.entry("copy", "\u00A9"), Map.entry("reg", "\u00AE"),
      Map.entry("trade", "\u2122"), Map.entry("euro", "\u20AC"), Map.entry("pound", "\u00A3"),
      Map.entry("eacute", "\u00E9"), Map.entry("egrave", "\u00E8"), Map.entry("euml", "\u00EB"),
      Map.entry("aacute", "\u00E1"), Map.entry("agrave", "\u00E0"), Map.entry("auml", "\u00E4"),
      Map.entry("ouml", "\u00F6"), Map.entry("uuml", "\u00FC"), Map.entry("szlig", "\u00DF"),
      Map.entry("ccedil", "\u00E7"), Map.entry("ntilde", "\u00F1"), Map.entry("iacute", "\u00ED"),
      Map.entry("oacute", "\u00F3"), Map.entry("uacute", "\u00FA"), Map.entry("zwnj", ""), Map.entry("zwj", ""),
      Map.entry("shy", ""));

  /**
   * Plain text of an HTML body, cut where the sending client marked quoted history, with
   * paragraphs separated by a blank line as a browser shows them.
   *
   * @param html the HTML as received
   * @return the text, and whether quoted history (not just a signature) was dropped
   * @throws HandoffException when the thread is interrupted while reading
   */
  public static CleanText toText(String html) {
    return toText(html, false);
  }

  /**
   * Plain text of an HTML body, cut where the sending client marked quoted history.
   *
   * @param html the HTML as received
   * @param compactParagraphs whether a paragraph edge is a line break rather than a blank line:
   *     Outlook (Word's HTML) writes every line as its own zero-margin {@code <p class=MsoNormal>}
   *     and a blank line as an empty paragraph, so its paragraphs are lines
   * @return the text, and whether quoted history (not just a signature) was dropped
   * @throws HandoffException when the thread is interrupted while reading
   */
  public static CleanText toText(String html, boolean compactParagraphs) {
    return render(html, compactParagraphs, true);
  }

  /**
   * Plain text of an HTML body with the history a client marked kept: a forward's or a reply's
   * header block and the original under it ({@code gmail_quote}, {@code divRplyFwdMsg}), for
   * {@link EmailText#forwarded}. Blockquotes still go: inside a forward they hold the original's
   * own quoted replies, which are not the original's words.
   *
   * @param html the HTML as received
   * @param compactParagraphs as for {@link #toText(String, boolean)}
   * @return the text, normalised
   * @throws HandoffException when the thread is interrupted while reading
   */
  public static String withHistory(String html, boolean compactParagraphs) {
    return render(html, compactParagraphs, false).text();
  }

  /**
   * Decodes HTML character references: decimal, hex and the named ones mail clients emit.
   * Unknown names are left as written (names are case-sensitive: {@code &Eacute;} is not
   * {@code &eacute;}); NUL and invalid code points become U+FFFD, as the HTML spec says.
   *
   * @param s text that may hold character references
   * @return the decoded text
   */
  public static String decodeEntities(String s) {
    Objects.requireNonNull(s, "s == null");
    var scanner = new Scanner(s, false, false, true);
    for (int i = 0; i < s.length(); ) {
      if (s.charAt(i) == '&') {
        i = scanner.entity(i);
      } else {
        scanner.out.append(s.charAt(i++));
      }
    }
    return scanner.out.toString();
  }

  /** How many characters rendering examines: the measure of the linear-time tests. */
  static long steps(String html, boolean cutHistory) {
    var scanner = new Scanner(html, false, cutHistory);
    scanner.run();
    return scanner.steps;
  }

  private static CleanText render(String html, boolean compactParagraphs, boolean cutHistory) {
    Objects.requireNonNull(html, "html == null");
    var scanner = new Scanner(html, compactParagraphs, cutHistory);
    scanner.run();
    return new CleanText(EmailText.normalise(dropAttributions(scanner.out.toString())), scanner.quoted);
  }

  /**
   * Drops the attribution line ("On ... wrote:") right above each dropped blockquote, and the
   * marker left for it. Without its quote the line would head the author's answers below it
   * (bottom-posted or inline replies), and a plain-text reader takes an attribution over unquoted
   * text as the start of history and cuts those answers.
   */
  private static String dropAttributions(String s) {
    if (s.indexOf(QUOTE) < 0) {
      return s;
    }
    String[] lines = s.split("\n", -1);
    // The non-blank lines a quote may still look up to: each line is checked at most once, so a
    // thousand quotes under one long line cost one look at it, not a thousand.
    var candidates = new ArrayDeque<Integer>();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].indexOf(QUOTE) >= 0) {
        lines[i] = lines[i].replace(String.valueOf(QUOTE), "");
        Integer above = candidates.poll();
        if (above != null && EmailText.isAttributionLine(lines[above].strip())) {
          lines[above] = ""; // the next quote up may drop the attribution above this one
        } else {
          candidates.clear(); // a line that is not an attribution hides every line above it
        }
      }
      if (!lines[i].isBlank()) {
        candidates.push(i);
      }
    }
    return String.join("\n", lines);
  }

  private static String codePoint(int cp) {
    return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "\uFFFD";
  }

  private static boolean isWordChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
  }

  private static boolean isDigit(char c, boolean hex) {
    return (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * One pass over the HTML. Every character is read through {@link #at}, which counts it; the
   * searches that run ahead (for a tag's {@code >}, a comment's end, a script's end tag) either
   * consume what they pass or remember that the rest of the input holds no match, so no stretch
   * of input is searched twice.
   */
  private static final class Scanner {
    private static final int NO_BREAK = 0;
    private static final int LINE = 1;
    private static final int PARAGRAPH = 2;

    private final String s;
    private final int n;
    private final boolean compactParagraphs;
    private final boolean cutHistory;
    /** For {@link #decodeEntities}: no markup, and every character kept as it is. */
    private final boolean decodingOnly;
    final StringBuilder out = new StringBuilder();
    long steps;
    boolean quoted;

    /*
     * Adjacent block edges ("</div><div>", "</p><ul><li>") are one break: a paragraph break if any
     * of them is one, else a line break; source whitespace between them is dropped. Gmail writes
     * every line as a <div>, so a blank line only comes from an empty block (<div><br></div>,
     * <p>&nbsp;</p>), a paragraph or a dropped quote.
     */
    private int pendingBreak = NO_BREAK;
    /** Source line breaks in HTML are plain whitespace (Word wraps its HTML at 76 columns). */
    private boolean inSourceBreak;
    private int quoteDepth;
    private boolean stopped;
    /** Whether a search for a tag's {@code >} has run to the end without one. */
    private boolean noTagEndLeft;
    private boolean headUnclosed;

    Scanner(String s, boolean compactParagraphs, boolean cutHistory) {
      this(s, compactParagraphs, cutHistory, false);
    }

    Scanner(String s, boolean compactParagraphs, boolean cutHistory, boolean decodingOnly) {
      this.decodingOnly = decodingOnly;
      this.s = s;
      this.n = s.length();
      this.compactParagraphs = compactParagraphs;
      this.cutHistory = cutHistory;
    }

    /** The character at {@code i}, counted; every few thousand, whether the thread was cancelled. */
    private char at(int i) {
      if ((++steps & INTERRUPT_CHECK_MASK) == 0 && Thread.currentThread().isInterrupted()) {
        // The flag stays set: the caller's next blocking call should see the cancellation too.
        throw HandoffException.of("handoff", "Stopped reading an HTML body of " + n
            + " characters because the thread was interrupted (the source was cancelled or ran out of time).", null);
      }
      return s.charAt(i);
    }

    void run() {
      int i = 0;
      while (i < n && !stopped) {
        char c = at(i);
        if (c == '<') {
          i = tag(i);
        } else if (quoteDepth > 0) {
          i++;
        } else if (c == '&') {
          i = entity(i);
        } else {
          i = text(i, c);
        }
      }
    }

    private int text(int i, char c) {
      boolean sourceBreak = c == '\r' || c == '\n' || c == '\t';
      if (sourceBreak && inSourceBreak) {
        return i + 1;
      }
      inSourceBreak = sourceBreak;
      return sourceBreak || c == ' ' ? space(i) : content(i, c);
    }

    private int space(int i) {
      if (pendingBreak == NO_BREAK) {
        out.append(' ');
      }
      return i + 1;
    }

    private int content(int i, char c) {
      flushBreak();
      if (c != QUOTE) { // a control character a sender wrote must not pass for the scanner's marker
        out.append(c);
      }
      return i + 1;
    }

    private void breakAtLeast(int kind) {
      pendingBreak = Math.max(pendingBreak, kind);
    }

    private void flushBreak() {
      if (pendingBreak != NO_BREAK) {
        out.append(pendingBreak == PARAGRAPH ? "\n\n" : "\n");
        pendingBreak = NO_BREAK;
      }
    }

    /**
     * A character reference at {@code i} (its {@code &}) decoded into the text, or the {@code &}
     * as written. The reference is at most ten characters, so a failed one costs a constant.
     */
    int entity(int i) {
      inSourceBreak = false;
      int k = i + 1;
      String decoded = null;
      if (k < n && at(k) == '#') {
        boolean hex = k + 1 < n && (at(k + 1) == 'x' || at(k + 1) == 'X');
        int from = hex ? k + 2 : k + 1;
        int e = from;
        while (e < n && e - from < (hex ? 6 : 7) && isDigit(at(e), hex)) {
          e++;
        }
        if (e > from && e < n && at(e) == ';') {
          decoded = codePoint(Integer.parseInt(s.substring(from, e), hex ? 16 : 10));
          k = e;
        }
      } else if (k < n && isLetter(at(k))) {
        int e = k + 1;
        while (e < n && e - k < 9 && (isLetter(at(e)) || (at(e) >= '0' && at(e) <= '9'))) {
          e++;
        }
        if (e - k >= 2 && e < n && at(e) == ';') {
          decoded = NAMED.getOrDefault(s.substring(k, e), s.substring(i, e + 1));
          k = e;
        }
      }
      if (decoded == null) {
        decoded = "&";
        k = i;
      }
      if (decodingOnly) {
        out.append(decoded);
      } else {
        for (int j = 0; j < decoded.length(); j++) {
          content(i, decoded.charAt(j));
        }
      }
      return k + 1;
    }

    /** Reads the tag (or comment) starting at {@code i}; returns where reading goes on. */
    private int tag(int i) {
      if (startsWith(i + 1, "!--")) {
        return commentEnd(i + 4);
      }
      inSourceBreak = false;
      int end = nextTagEnd(i + 1);
      if (end < 0) {
        // No '>' follows: the '<' is text ("a < b"), as a browser shows it.
        return quoteDepth > 0 ? i + 1 : content(i, '<');
      }
      boolean closing = at(i + 1) == '/';
      int nameStart = closing ? i + 2 : i + 1;
      int nameEnd = nameStart;
      while (nameEnd < end && isWordChar(at(nameEnd))) {
        nameEnd++;
      }
      String name = nameEnd - nameStart <= LONGEST_NAME
          ? s.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT) : "";
      if (!closing && DROPPED.contains(name) && !(name.equals("head") && headUnclosed)) {
        int after = elementEnd(end + 1, name);
        if (after >= 0) {
          return after;
        }
        if (!name.equals("head")) {
          return n; // an unclosed script, style or title runs to the end, as in a browser
        }
        headUnclosed = true; // a head's end tag is optional: its content is read as the body's
      }
      if (cutHistory && !closing && nameEnd > nameStart && isLetter(at(nameStart))) {
        cutAt(nameEnd, end);
        if (stopped) {
          return n;
        }
      }
      if (name.equals("blockquote") && (!closing || quoteDepth > 0)) {
        blockquote(closing);
      } else if (quoteDepth == 0) {
        edge(name, closing);
      }
      return end + 1;
    }

    /**
     * Removes every blockquote with what it holds, nested ones included, and leaves a paragraph
     * break where it was: the words after a quote answer it and start a new paragraph. Unlike a
     * client's quote marker it does not cut the rest, because inline replies interleave with
     * quotes. An unclosed blockquote runs to the end.
     */
    private void blockquote(boolean closing) {
      if (closing) {
        quoteDepth--;
        return;
      }
      if (quoteDepth++ == 0) {
        breakAtLeast(PARAGRAPH);
        flushBreak();
        out.append(QUOTE);
        quoted = true;
      }
    }

    /**
     * What a tag that is not a blockquote adds to the text: a break, a list bullet, a space. Any
     * other tag ends a run of block edges ({@code <div><b><div>} is two breaks, a blank line).
     */
    private void edge(String name, boolean closing) {
      if (name.equals("br") && !closing) {
        flushBreak();
        out.append('\n');
      } else if (name.equals("li") && !closing) {
        breakAtLeast(LINE);
        flushBreak();
        out.append("- ");
      } else if (closing && (name.equals("td") || name.equals("th"))) {
        space(0); // cells of a row stay on its line
      } else if (PARAGRAPH_BLOCKS.contains(name)) {
        breakAtLeast(compactParagraphs ? LINE : PARAGRAPH);
      } else if (LINE_BLOCKS.contains(name)) {
        breakAtLeast(LINE);
      } else {
        flushBreak();
      }
    }

    /** After {@code <!--} at {@code from}: where the comment ends; an unclosed one runs to the end. */
    private int commentEnd(int from) {
      for (int k = from; k < n; k++) {
        if (at(k) == '>' && k - 2 >= from && at(k - 1) == '-' && at(k - 2) == '-') {
          return k + 1;
        }
      }
      return n;
    }

    /**
     * The first {@code >} at or after {@code from}, or -1. Once a search has found none, no later
     * tag start searches again: that is what makes a run of {@code <} linear.
     */
    private int nextTagEnd(int from) {
      for (int k = from; k < n && !noTagEndLeft; k++) {
        if (at(k) == '>') {
          return k;
        }
      }
      noTagEndLeft = true;
      return -1;
    }

    /** After a dropped element's start tag: the index after its end tag ({@code </name >}), or -1. */
    private int elementEnd(int from, String name) {
      for (int k = from; k + 1 < n; k++) {
        if (at(k) == '<' && at(k + 1) == '/' && startsWithIgnoreCase(k + 2, name)) {
          int e = k + 2 + name.length();
          while (e < n && Character.isWhitespace(at(e))) {
            e++;
          }
          if (e < n && at(e) == '>') {
            return e + 1;
          }
        }
      }
      return -1;
    }

    /**
     * Stops the scan when the start tag's attributes ({@code from} to the {@code >} at
     * {@code end}) carry a client's history marker: a {@code class=} value holding one of
     * {@link #CUT_CLASSES} as a word, or an {@code id=} starting with one of {@link #CUT_IDS}.
     */
    private void cutAt(int from, int end) {
      boolean history = false;
      boolean signature = false;
      int classValuesSeenTo = from; // a class value runs to the next quote or '>': read each once
      for (int k = from; k < end; k++) {
        char c = at(k);
        if (c != 'c' && c != 'C' && c != 'i' && c != 'I' || isWordChar(at(k - 1))) {
          continue; // an attribute name starts after a space, a quote or a dash
        }
        if (startsWithIgnoreCase(k, "class=")) {
          int v = k + 6 < end && at(k + 6) == '"' ? k + 7 : k + 6;
          if (v >= classValuesSeenTo) {
            int e = v;
            while (e < end && at(e) != '"') {
              e++;
            }
            classValuesSeenTo = e;
            for (int w = v; w < e; w++) {
              if (isWordChar(at(w)) && (w == v || !isWordChar(at(w - 1)))) {
                for (String marker : CUT_CLASSES) {
                  if (wordAt(w, marker)) {
                    history |= !marker.equals(SIGNATURE_CLASS);
                    signature |= marker.equals(SIGNATURE_CLASS);
                  }
                }
              }
            }
          }
        } else if (startsWithIgnoreCase(k, "id=")) {
          int v = k + 3 < end && at(k + 3) == '"' ? k + 4 : k + 3;
          for (String marker : CUT_IDS) {
            history |= wordAt(v, marker);
          }
        }
      }
      if (history || signature) {
        stopped = true;
        quoted |= history;
      }
    }

    /** Whether {@code word} is at {@code i}, ignoring case, and not followed by a word character. */
    private boolean wordAt(int i, String word) {
      int e = i + word.length();
      return startsWithIgnoreCase(i, word) && (e >= n || !isWordChar(at(e)));
    }

    private boolean startsWith(int i, String prefix) {
      if (i + prefix.length() > n) {
        return false;
      }
      for (int j = 0; j < prefix.length(); j++) {
        if (at(i + j) != prefix.charAt(j)) {
          return false;
        }
      }
      return true;
    }

    private boolean startsWithIgnoreCase(int i, String prefix) {
      if (i + prefix.length() > n) {
        return false;
      }
      for (int j = 0; j < prefix.length(); j++) {
        if (Character.toLowerCase(at(i + j)) != Character.toLowerCase(prefix.charAt(j))) {
          return false;
        }
      }
      return true;
    }
  }
}
