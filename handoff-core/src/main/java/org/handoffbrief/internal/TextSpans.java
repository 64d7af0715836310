package org.handoffbrief.internal;

import java.util.ArrayList;
import java.util.List;
import org.handoffbrief.extract.Span;
import org.handoffbrief.model.Evidence;

/**
 * Finds citable spans in evidence text: the {@code Label: value} lines of a record's header and
 * the sentences of its free text. Every span is an exact substring, so citations made from it
 * pass the verifier by construction.
 */
public final class TextSpans {
  private TextSpans() {}

  /**
   * The value of the header line {@code label: value} of a record, as a span (the label is the
   * connector's, the value the source's), or null. Only the header is searched.
   */
  public static Span line(Evidence e, String label) {
    String text = e.text();
    int headerEnd = headerEnd(text);
    String prefix = label + ": ";
    int at = 0;
    while (at < headerEnd) {
      int nl = text.indexOf('\n', at);
      int end = nl < 0 || nl > headerEnd ? headerEnd : nl;
      if (text.startsWith(prefix, at) && end > at + prefix.length()) {
        return new Span(e, at + prefix.length(), end);
      }
      at = end + 1;
    }
    return null;
  }

  /** The value of a header line, or null. */
  public static String value(Evidence e, String label) {
    Span s = line(e, label);
    return s == null ? null : s.text().strip();
  }

  /**
   * Where the header (the {@code Label: value} lines) ends: at the first blank line; with no blank
   * line, at the end when the text opens with a header line (a record of fields only), else at 0
   * (a body with no header, as {@code Evidence.builder(...).body(...)} alone makes it, is all free
   * text).
   */
  public static int headerEnd(String text) {
    int blank = text.indexOf("\n\n");
    if (blank >= 0) {
      return blank;
    }
    return HEADER_LINE.matcher(text).lookingAt() ? text.length() : 0;
  }

  /** A {@code Label: value} line as connectors compose them: a short label without sentence punctuation. */
  private static final java.util.regex.Pattern HEADER_LINE = java.util.regex.Pattern.compile("[^\n:.!?]{1,60}: ");

  /**
   * The sentences of the free text after the header, trimmed, each at least a few words long. A
   * sentence ends at a line break, or at {@code . ! ?} followed by white space or the end (so
   * "168.5" and "v2.1" stay whole; an abbreviation like "e.g." only splits a sentence, never
   * loses text).
   */
  public static List<Span> sentences(Evidence e) {
    String text = e.text();
    var out = new ArrayList<Span>();
    int start = headerEnd(text);
    // One item carries at most so much into extraction (a pasted log, a 25 MB body): the rest is
    // not read for claims, and the brief says so (see {@link #readForClaims}).
    int limit = Math.min(text.length(), start + MAX_READ_CHARS);
    for (int i = start; i <= limit && out.size() < MAX_SENTENCES; i++) {
      boolean end = i == limit || text.charAt(i) == '\n'
          || (".!?".indexOf(text.charAt(i)) >= 0 && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1))));
      if (!end) {
        continue;
      }
      int t = i < text.length() && text.charAt(i) != '\n' ? i + 1 : i;
      addTrimmed(e, start, t, out);
      start = t;
    }
    return out;
  }

  /** How many characters of one item's free text extraction reads. */
  public static final int MAX_READ_CHARS = 200_000;
  /** How many sentences of one item extraction reads. */
  public static final int MAX_SENTENCES = 5_000;
  /** A sentence longer than this is a log line or a wall of text, not something a person said. */
  public static final int MAX_SENTENCE_CHARS = 2_000;

  /** True when extraction reads the whole of the item's free text; false when the caps cut it. */
  public static boolean readForClaims(Evidence e, List<Span> sentences) {
    String text = e.text();
    return text.length() - headerEnd(text) <= MAX_READ_CHARS && sentences.size() < MAX_SENTENCES;
  }

  private static void addTrimmed(Evidence e, int s, int t, List<Span> out) {
    String text = e.text();
    while (s < t && (Character.isWhitespace(text.charAt(s)) || "-*\u2022>".indexOf(text.charAt(s)) >= 0)) {
      s++;
    }
    while (t > s && Character.isWhitespace(text.charAt(t - 1))) {
      t--;
    }
    if (t - s >= 12 && t - s <= MAX_SENTENCE_CHARS && text.substring(s, t).contains(" ")) {
      out.add(new Span(e, s, t));
    }
  }

  /** A list item or a lead-in longer than this is prose, and looking further back would cost a rescan. */
  public static final int MAX_LINE = 2_000;

  /**
   * Where the line holding {@code pos} starts, looking back at most {@link #MAX_LINE} characters;
   * -1 when the line is longer (a pasted log, a wall of text): no rule here reads such a line.
   */
  public static int lineStart(String text, int pos) {
    int from = Math.max(0, pos - 1);
    int stop = Math.max(0, pos - MAX_LINE);
    for (int i = from; i >= stop; i--) {
      if (text.charAt(i) == '\n') {
        return i + 1;
      }
    }
    return stop == 0 ? 0 : -1;
  }

  /**
   * True when the span stands on a quoted line ({@code > ...}): a reply's copy of an earlier
   * message, whose words belong to that message, not to the reply's author.
   */
  public static boolean quoted(Span s) {
    String text = s.evidence().text();
    // Bounded look-back: rescanning a long line for every sentence on it would be quadratic.
    int lineStart = lineStart(text, s.start());
    if (lineStart < 0) {
      return false;
    }
    int i = lineStart;
    while (i < s.start() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i < s.start() && text.charAt(i) == '>';
  }

  /**
   * Up to {@code max} sentences right before {@code s} on its own line (a numbered point, a
   * paragraph), in order; none past a line break or a quoted line.
   *
   * @param sentences the sentences of {@code s}'s evidence, in order
   */
  public static List<Span> beforeOnLine(Span s, List<Span> sentences, int max) {
    String text = s.evidence().text();
    int at = 0;
    while (at < sentences.size() && sentences.get(at).start() < s.start()) {
      at++;
    }
    var out = new java.util.LinkedList<Span>();
    int from = s.start();
    for (int i = at - 1; i >= 0 && out.size() < max; i--) {
      Span x = sentences.get(i);
      if (text.substring(x.end(), from).contains("\n") || quoted(x)) {
        break;
      }
      out.addFirst(x);
      from = x.start();
    }
    return out;
  }

  /** The sentence right after {@code s} on its own line, or null. */
  public static Span nextOnLine(Span s, List<Span> sentences) {
    String text = s.evidence().text();
    for (Span x : sentences) {
      if (x.start() >= s.end()) {
        return text.substring(s.end(), x.start()).contains("\n") ? null : x;
      }
    }
    return null;
  }
}
