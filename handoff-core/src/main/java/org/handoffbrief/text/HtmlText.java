package org.handoffbrief.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text from the HTML of an email body or a calendar description. Small on purpose (a mail
 * body is not a web page; jsoup would be 400 KB for this): block elements become line breaks,
 * list items {@code - } lines, entities are decoded, and quoted history and the Gmail signature
 * block are dropped, so the text is what the sender wrote. Pass the result through
 * {@link EmailText#ownWords} to cut what the HTML did not mark (plain-text history, sign-offs).
 */
public final class HtmlText {
  private HtmlText() {}

  private static final Pattern DROP = Pattern.compile(
      "<!--.*?-->|<(head|script|style|title)\\b[^>]*>.*?</\\1\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  /*
   * Where clients mark the start of quoted history (or, for Gmail, the signature); everything
   * from that element on is not the sender's new text: Gmail ("gmail_quote", "gmail_extra",
   * "gmail_signature"), Outlook desktop and OWA ("appendonsend", "divRplyFwdMsg"), new Outlook
   * ("mail-editor-reference-message-container"), Outlook for Mac ("OLK_SRC_BODY_SECTION"),
   * Hotmail ("stopSpelling", the rule above its header block), Yahoo ("yahoo_quoted"),
   * Thunderbird ("moz-cite-prefix", the "On ... wrote:" line above its blockquote).
   */
  private static final Pattern CUT = Pattern.compile(
      "<[a-z][a-z0-9]*\\b[^>]*\\b(?:class=\"?[^\">]*\\b(gmail_quote|gmail_signature|gmail_extra|moz-cite-prefix"
          + "|yahoo_quoted)\\b"
          + "|id=\"?(?:divRplyFwdMsg|appendonsend|mail-editor-reference-message-container|OLK_SRC_BODY_SECTION"
          + "|stopSpelling)\\b)[^>]*>",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern BLOCKQUOTE = Pattern.compile("<(/?)blockquote\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern BR = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);
  /** Blocks a browser draws with a margin by default: their edges are paragraph breaks. */
  private static final Pattern PARAGRAPH_BLOCK = Pattern.compile(
      "</?(?:p|h[1-6]|ul|ol|table|pre)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  /** Blocks without a margin: their edges are line breaks. */
  private static final Pattern LINE_BLOCK = Pattern.compile(
      "</?(?:div|li|tr|section|article|header|footer|hr)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern LIST_ITEM = Pattern.compile("<li\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern CELL = Pattern.compile("</t[dh]\\s*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  /** Markers for block edges while tags are still in the text. */
  private static final char LINE = '\u0001';
  private static final char PARAGRAPH = '\u0002';
  /** Where a blockquote was dropped, until the attribution above it has gone too. */
  private static final char QUOTE = '\u0003';
  /*
   * Adjacent block edges ("</div><div>", "</p><ul><li>") are one break: a paragraph break if any
   * of them is one, else a line break. Gmail writes every line as a <div>, so a blank line only
   * comes from an empty block (<div><br></div>, <p>&nbsp;</p>), a paragraph or a dropped quote.
   */
  private static final Pattern EDGES = Pattern.compile("[\u0001\u0002](?:[ \\t]*[\u0001\u0002])*");
  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,8});");
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
   */
  public static String withHistory(String html, boolean compactParagraphs) {
    return render(html, compactParagraphs, false).text();
  }

  private static CleanText render(String html, boolean compactParagraphs, boolean cutHistory) {
    Objects.requireNonNull(html, "html == null");
    String s = DROP.matcher(html).replaceAll("");
    boolean quoted = false;
    Matcher cut = CUT.matcher(s);
    if (cutHistory && cut.find()) {
      quoted = !"gmail_signature".equalsIgnoreCase(cut.group(1));
      s = s.substring(0, cut.start());
    }
    String withoutQuotes = dropBlockquotes(s);
    quoted |= withoutQuotes.length() != s.length();
    // Source line breaks in HTML are plain whitespace (Word wraps its HTML at 76 columns).
    s = withoutQuotes.replaceAll("[\\r\\n\\t]+", " ");
    s = LIST_ITEM.matcher(s).replaceAll(LINE + "- ");
    s = CELL.matcher(s).replaceAll(" ");
    s = BR.matcher(s).replaceAll("\n");
    s = PARAGRAPH_BLOCK.matcher(s).replaceAll(String.valueOf(compactParagraphs ? LINE : PARAGRAPH));
    s = LINE_BLOCK.matcher(s).replaceAll(String.valueOf(LINE));
    s = EDGES.matcher(s).replaceAll(m -> m.group().indexOf(PARAGRAPH) >= 0 ? "\n\n" : "\n");
    s = TAG.matcher(s).replaceAll("");
    return new CleanText(EmailText.normalise(dropAttributions(decodeEntities(s))), quoted);
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
    var lines = new ArrayList<>(List.of(s.split("\n", -1)));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).indexOf(QUOTE) < 0) {
        continue;
      }
      lines.set(i, lines.get(i).replace(String.valueOf(QUOTE), ""));
      int above = i - 1;
      while (above >= 0 && lines.get(above).isBlank()) {
        above--;
      }
      if (above >= 0 && EmailText.isAttributionLine(lines.get(above).strip())) {
        lines.set(above, "");
      }
    }
    return String.join("\n", lines);
  }

  /**
   * Removes every blockquote with what it holds, nested ones included, and leaves a paragraph
   * break where it was: the words after a quote answer it and start a new paragraph. Unlike a
   * client's quote marker it does not cut the rest, because inline replies interleave with
   * quotes. An unclosed blockquote runs to the end.
   */
  private static String dropBlockquotes(String s) {
    var out = new StringBuilder();
    Matcher m = BLOCKQUOTE.matcher(s);
    int depth = 0;
    int copyFrom = 0;
    while (m.find()) {
      boolean closing = !m.group(1).isEmpty();
      if (!closing) {
        if (depth == 0) {
          out.append(s, copyFrom, m.start()).append(PARAGRAPH).append(QUOTE);
        }
        depth++;
      } else if (depth > 0) {
        depth--;
        if (depth == 0) {
          copyFrom = m.end();
        }
      }
    }
    if (depth == 0) {
      out.append(s, copyFrom, s.length());
    }
    return out.toString();
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
    Matcher m = ENTITY.matcher(s);
    var out = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String r;
      if (e.startsWith("#x") || e.startsWith("#X")) {
        r = codePoint(Integer.parseInt(e.substring(2), 16));
      } else if (e.startsWith("#")) {
        r = codePoint(Integer.parseInt(e.substring(1)));
      } else {
        r = NAMED.get(e);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(r == null ? m.group() : r));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String codePoint(int cp) {
    return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "\uFFFD";
  }
}
