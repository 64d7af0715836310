package org.handoffbrief.connector.google;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text from the HTML of an HTML-only email or a calendar description. Small on purpose
 * (a mail body is not a web page; jsoup would be 400 KB for this): block elements become line
 * breaks, list items {@code - } lines, entities are decoded, and quoted history (Gmail's
 * {@code gmail_quote}, Outlook's {@code divRplyFwdMsg}, Apple's {@code blockquote type=cite}, any
 * {@code blockquote}) and Gmail's signature block are dropped, so the text is what the sender wrote.
 */
final class HtmlText {
  private HtmlText() {}

  private static final Pattern DROP = Pattern.compile(
      "<!--.*?-->|<(head|script|style|title)\\b[^>]*>.*?</\\1\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  /** Where quoted history or the signature starts; everything after it is not the sender's new text. */
  private static final Pattern CUT = Pattern.compile(
      "<(div|blockquote)\\b[^>]*\\b(class=\"?[^\">]*\\b(gmail_quote|gmail_signature|gmail_extra)\\b"
          + "|id=\"?(divRplyFwdMsg|appendonsend|mail-editor-reference-message-container)\\b)[^>]*>",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern BLOCKQUOTE = Pattern.compile("<(/?)blockquote\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern LINE_BREAK = Pattern.compile(
      "<br\\s*/?>|</?(p|div|h[1-6]|tr|table|ul|ol|pre|section|article|header|footer|hr)\\b[^>]*>",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern LIST_ITEM = Pattern.compile("<li\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern CELL = Pattern.compile("</t[dh]\\s*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
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

  /** The result, and whether quoted history was found and dropped. */
  record Result(String text, boolean quoteRemoved) {}

  static Result toText(String html) {
    String s = DROP.matcher(html).replaceAll("");
    boolean quoted = false;
    Matcher cut = CUT.matcher(s);
    if (cut.find()) {
      quoted = cut.group(3) == null || !cut.group(3).equalsIgnoreCase("gmail_signature");
      s = s.substring(0, cut.start());
    }
    String withoutQuotes = dropBlockquotes(s);
    quoted |= withoutQuotes.length() != s.length();
    s = withoutQuotes.replaceAll("[\\r\\n\\t]+", " ");
    s = LINE_BREAK.matcher(s).replaceAll("\n");
    s = LIST_ITEM.matcher(s).replaceAll("\n- ");
    s = CELL.matcher(s).replaceAll(" ");
    s = TAG.matcher(s).replaceAll("");
    s = decodeEntities(s);
    var out = new StringBuilder();
    for (String line : s.split("\n", -1)) {
      out.append(line.replace('\u00A0', ' ').replaceAll(" {2,}", " ").strip()).append('\n');
    }
    return new Result(out.toString().replaceAll("\n{3,}", "\n\n").strip(), quoted);
  }

  /** Removes every blockquote with what it holds, nested ones included; an unclosed one runs to the end. */
  private static String dropBlockquotes(String s) {
    var out = new StringBuilder();
    Matcher m = BLOCKQUOTE.matcher(s);
    int depth = 0;
    int copyFrom = 0;
    while (m.find()) {
      boolean closing = !m.group(1).isEmpty();
      if (!closing) {
        if (depth == 0) {
          out.append(s, copyFrom, m.start());
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

  static String decodeEntities(String s) {
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
        r = NAMED.get(e); // entity names are case-sensitive: &Eacute; is not &eacute;
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
