package org.handoffbrief.connector.microsoft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an Outlook body into the words its author wrote: HTML to plain text, then quoted replies,
 * forwarded history, signatures, disclaimers and Teams join blocks cut off. A claim must cite the
 * message where words were first written, so anything that is a copy of an earlier message goes.
 */
final class MailText {

  private MailText() {}

  /*
   * Where clients put the quoted history in HTML: Outlook desktop and OWA ("appendonsend",
   * "divRplyFwdMsg"), new Outlook ("mail-editor-reference-message-container"), Gmail
   * ("gmail_quote"), Apple Mail and Thunderbird (<blockquote type="cite">, "moz-cite-prefix").
   */
  private static final Pattern HTML_QUOTE = Pattern.compile("id=\"?(?:appendonsend|divRplyFwdMsg|"
      + "mail-editor-reference-message-container)|class=\"?(?:gmail_quote|moz-cite-prefix)|<blockquote",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern DROP_BLOCKS = Pattern.compile(
      "<(head|style|script|title)\\b[^>]*>.*?</\\1\\s*>|<!--.*?-->", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern BR = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);
  private static final Pattern BLOCK = Pattern.compile(
      "</?(?:p|div|tr|table|h[1-6]|ul|ol|li|blockquote|pre|hr)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  /** Adjacent block edges ({@code </div><div>}) are one line break; an empty block with a br is a blank line. */
  private static final Pattern EDGES = Pattern.compile("\u0001(?:[ \\t]*\u0001)*");
  private static final Pattern ITEM = Pattern.compile("<li\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern CELL = Pattern.compile("</t[dh]\\s*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
  private static final Map<String, String> NAMED = Map.ofEntries(Map.entry("nbsp", " "), Map.entry("amp", "&"),
      Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"),
      Map.entry("rsquo", "\u2019"), Map.entry("lsquo", "\u2018"), Map.entry("rdquo", "\u201d"),
      Map.entry("ldquo", "\u201c"), Map.entry("ndash", "\u2013"), Map.entry("mdash", "\u2014"),
      Map.entry("hellip", "\u2026"), Map.entry("bull", "\u2022"), Map.entry("copy", "\u00a9"),
      Map.entry("reg", "\u00ae"), Map.entry("trade", "\u2122"), Map.entry("euro", "\u20ac"));

  /** A line where the rest of a plain-text body is someone else's earlier message or boilerplate. */
  private static final Pattern CUT_LINE = Pattern.compile(String.join("|",
      "-{2,}\\s*(?:Original Message|Forwarded message)\\s*-{2,}",
      "Begin forwarded message:",
      "On .{4,200}wrote:",
      "_{10,}", // Outlook's reply separator and the top of a Teams or Zoom join block
      "Microsoft Teams (?:meeting|Need help\\?).*",
      "-- ?", // the RFC 3676 signature separator
      "Sent from my (?:iPhone|iPad|Android|mobile).*",
      "Get Outlook for (?:iOS|Android).*",
      "(?:CONFIDENTIALITY NOTICE|DISCLAIMER|Confidentiality Notice|This (?:e-?mail|message) (?:and any|is intended|"
          + "\\(including|may contain|contains confidential)).*"),
      Pattern.CASE_INSENSITIVE);
  private static final Pattern HEADER_BLOCK = Pattern.compile("(?:From|De|Von):\\s.+", Pattern.CASE_INSENSITIVE);
  private static final Pattern HEADER_NEXT = Pattern.compile("(?:Sent|Date|To|Envoy\u00e9|Gesendet):\\s.*",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern VALEDICTION = Pattern.compile(
      "(?:Best|Best regards|Kind regards|Regards|Warm regards|Thanks|Thank you|Many thanks|Cheers|Sincerely)[,!.]?",
      Pattern.CASE_INSENSITIVE);

  /** The author's own words of a body: HTML is converted, then {@link #ownWords} applies. */
  static String body(String content, boolean html) {
    if (content == null || content.isBlank()) {
      return "";
    }
    return ownWords(html ? htmlToText(content) : normalise(content));
  }

  /** Plain text of an HTML body, with the quoted history cut where the client marked it. */
  static String htmlToText(String html) {
    String h = DROP_BLOCKS.matcher(html).replaceAll("");
    Matcher quote = HTML_QUOTE.matcher(h);
    if (quote.find()) {
      int tagStart = h.lastIndexOf('<', quote.start());
      h = h.substring(0, Math.max(tagStart, 0));
    }
    h = ITEM.matcher(h).replaceAll("\u0001- ");
    h = CELL.matcher(h).replaceAll(" ");
    h = BR.matcher(h).replaceAll("\n");
    h = BLOCK.matcher(h).replaceAll("\u0001");
    h = EDGES.matcher(h).replaceAll("\n");
    h = TAG.matcher(h).replaceAll("");
    return normalise(decodeEntities(h));
  }

  /** Cuts quoted replies, forwarded history, signatures and disclaimers from plain text. */
  static String ownWords(String text) {
    List<String> lines = new ArrayList<>(List.of(normalise(text).split("\n", -1)));
    int end = lines.size();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (CUT_LINE.matcher(line).matches() || line.startsWith(">") || isHeaderBlock(lines, i)) {
        end = i;
        break;
      }
    }
    List<String> kept = new ArrayList<>(lines.subList(0, end));
    // A closing ("Thanks," then a name and a title or two) is signature, not content.
    for (int i = Math.max(0, kept.size() - 8); i < kept.size(); i++) {
      if (VALEDICTION.matcher(kept.get(i).strip()).matches() && isShortTail(kept, i + 1)) {
        kept = kept.subList(0, i);
        break;
      }
    }
    return normalise(String.join("\n", kept));
  }

  private static boolean isHeaderBlock(List<String> lines, int i) {
    if (!HEADER_BLOCK.matcher(lines.get(i).strip()).matches()) {
      return false;
    }
    for (int j = i + 1; j < Math.min(lines.size(), i + 3); j++) {
      if (HEADER_NEXT.matcher(lines.get(j).strip()).matches()) {
        return true;
      }
    }
    return false;
  }

  private static boolean isShortTail(List<String> lines, int from) {
    int n = 0;
    for (int i = from; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.length() > 60) {
        return false;
      }
      n += l.isEmpty() ? 0 : 1;
    }
    return n <= 5;
  }

  /** Unix line ends, no trailing spaces, runs of spaces as one, at most one blank line in a row. */
  static String normalise(String s) {
    String t = s.replace("\r\n", "\n").replace('\r', '\n').replace('\u00a0', ' ').replace("\u200b", "");
    var out = new StringBuilder();
    int blanks = 0;
    for (String line : t.split("\n", -1)) {
      String l = line.replaceAll("[ \\t\\f]+", " ").strip();
      if (l.isEmpty()) {
        blanks++;
        continue;
      }
      if (out.length() > 0) {
        out.append(blanks > 0 ? "\n\n" : "\n");
      }
      out.append(l);
      blanks = 0;
    }
    return out.toString();
  }

  private static String decodeEntities(String s) {
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
    return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "\ufffd";
  }
}
