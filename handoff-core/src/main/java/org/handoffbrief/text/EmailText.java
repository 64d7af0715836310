package org.handoffbrief.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The words the author of one plain-text message wrote. A claim must cite the message where its
 * words were first written, so anything that is a copy of an earlier message (quoted replies,
 * forwarded history, a client's header block) goes, and so does boilerplate that would crowd a
 * quote or be mistaken for content (signatures, sign-offs, phone footers, legal disclaimers,
 * Teams join blocks). The rules are the union of what the Gmail, Outlook and Zendesk connectors
 * met; each pattern says which client writes it.
 */
public final class EmailText {
  private EmailText() {}

  /*
   * A line that begins quoted history; everything from it on was written earlier or elsewhere.
   * "-----Original Message-----" is Outlook's plain-text reply, "---------- Forwarded message"
   * Gmail's forward, "Begin forwarded message:" Apple Mail's, a line of underscores Outlook's
   * reply separator; the French and German lines are Gmail's and Apple's localised attributions.
   */
  private static final Pattern HISTORY = Pattern.compile(
      "-{2,}\\s*(?:original message|forwarded message)\\s*-{2,}.*"
          + "|begin forwarded message:.*"
          + "|_{10,}"
          + "|le .{4,200} a \u00e9crit\\s?:"
          + "|am .{4,200} schrieb .{1,200}:",
      Pattern.CASE_INSENSITIVE);
  /** The attribution above a quoted reply ("On Tue, Mar 10, 2026 at 9:14 AM Priya wrote:"). */
  private static final Pattern ON_WROTE = Pattern.compile("on\\b.{4,300}\\bwrote:", Pattern.CASE_INSENSITIVE);
  /*
   * Outlook (and Exchange in other locales) puts a header block, not a ">" prefix, above the
   * message it replies to: "From:" then, within two lines, "Sent:"/"Date:"/"To:"/"Subject:".
   * Gmail's plain-text rendering of Outlook's HTML marks the labels bold ("*From:*"); French
   * typography puts a space before the colon ("De :").
   * Localised: French (De, Envoyé, À, Objet), German (Von, Gesendet, An, Betreff), Spanish and
   * Portuguese (De, Enviado, Para, Asunto), Dutch (Van, Verzonden, Aan, Onderwerp), Italian (Da,
   * Inviato, A, Oggetto).
   */
  private static final Pattern HEADER_FROM = Pattern.compile("\\*?(?:from|de|von|van|da)\\*?\\s?:\\*?\\s.+",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern HEADER_NEXT = Pattern.compile(
      "\\*?(?:sent|date|to|subject|envoy\u00e9|\u00e0|objet|gesendet|an|betreff|datum|enviado|para|asunto"
          + "|verzonden|aan|onderwerp|inviato|a|oggetto)\\*?\\s?:\\*?\\s.*",
      Pattern.CASE_INSENSITIVE);
  /** A closing line; with only a few short lines under it, it and they are signature, not content. */
  private static final Pattern SIGN_OFF = Pattern.compile(
      "(?:best|best regards|kind regards|warm regards|warmly|regards|many thanks|thanks|thanks again|thank you|thx"
          + "|cheers|sincerely|yours sincerely|all the best|talk soon|br"
          + "|mit freundlichen gr\u00fc\u00dfen|viele gr\u00fc\u00dfe|beste gr\u00fc\u00dfe|cordialement"
          + "|bien \u00e0 vous|saludos|un saludo|atentamente)\\s*[,.!\u2014-]*",
      Pattern.CASE_INSENSITIVE);
  /** Phone and app footers that mail clients append; they say nothing about the deal. */
  private static final Pattern SENT_FROM = Pattern.compile("sent from my \\w+.*|get outlook for \\w+.*",
      Pattern.CASE_INSENSITIVE);
  /*
   * The top of a Teams join block in an invitation ("Microsoft Teams meeting", "Microsoft Teams
   * Need help?"): dial-in numbers and links, never the organiser's words.
   */
  private static final Pattern TEAMS = Pattern.compile("microsoft teams (?:meeting|need help\\?).*",
      Pattern.CASE_INSENSITIVE);
  /** The first line of a legal disclaimer; the footer runs to the end of the message. */
  private static final Pattern DISCLAIMER = Pattern.compile(
      "(?:confidential(?:ity)? notice|disclaimer|notice:|privileged (?:and|&) confidential"
          + "|this (?:e-?mail|message) (?:message )?(?:\\(including[^)]*\\) )?(?:and any|is intended|may contain"
          + "|contains|\\(including)"
          + "|the information (?:contained )?in this (?:e-?mail|message|communication)).*",
      Pattern.CASE_INSENSITIVE);
  /** How far up from the end a sign-off may sit, in non-blank lines (name, title, phone, company). */
  private static final int SIGNATURE_LINES = 6;
  /** A line longer than this under a sign-off is content, not a signature. */
  private static final int SIGNATURE_WIDTH = 80;

  /**
   * The author's own words of a plain-text message: quoted and forwarded history, {@code >}
   * lines, the signature after {@code "-- "}, a closing sign-off with the name under it, phone
   * footers, Teams join blocks and disclaimers are cut, and whitespace is {@link #normalise}d.
   * Inline replies keep their answers: the {@code >} lines between them go, the answers stay.
   *
   * @param plainText the body as plain text (convert HTML first with {@link HtmlText#toText})
   * @return the own words, and whether quoted history was cut
   */
  public static CleanText ownWords(String plainText) {
    Objects.requireNonNull(plainText, "plainText == null");
    List<String> lines = List.of(plainText.replace("\r\n", "\n").replace('\r', '\n')
        .replace('\u00A0', ' ').replace("\u200B", "").split("\n", -1));
    boolean quoted = false;
    int end = lines.size();
    for (int i = 0; i < lines.size(); i++) {
      if (startsHistory(lines, i)) {
        end = i;
        quoted = true;
        break;
      }
    }
    var kept = new ArrayList<String>();
    for (int i = 0; i < end; i++) {
      String line = lines.get(i);
      String t = line.strip();
      if (t.startsWith(">")) {
        quoted = true; // an inline quote: drop it, keep the answers around it
        continue;
      }
      if (t.equals("--") || line.equals("-- ")) {
        break; // RFC 3676 signature delimiter: the rest is the signature
      }
      if (TEAMS.matcher(t).matches()) {
        break;
      }
      // A disclaimer as the first words is the message (a bounce, a notice); only a footer goes.
      if (DISCLAIMER.matcher(t).matches() && kept.stream().anyMatch(k -> !k.isBlank())) {
        break;
      }
      if (SENT_FROM.matcher(t).matches()) {
        continue;
      }
      kept.add(line);
    }
    trimSignOff(kept);
    return new CleanText(normalise(String.join("\n", kept)), quoted);
  }

  private static boolean startsHistory(List<String> lines, int i) {
    String line = lines.get(i).strip();
    if (HISTORY.matcher(line).matches() || ON_WROTE.matcher(line).matches()) {
      return true;
    }
    String next = i + 1 < lines.size() ? lines.get(i + 1).strip() : null;
    // Gmail's plain-text part wraps a long attribution: "On Tue, ... Priya Raman <" / "priya@x.org> wrote:".
    if (next != null && line.regionMatches(true, 0, "On ", 0, 3) && !line.endsWith(":")
        && ON_WROTE.matcher(line + " " + next).matches()) {
      return true;
    }
    if (HEADER_FROM.matcher(line).matches()) {
      for (int j = i + 1; j < Math.min(lines.size(), i + 3); j++) {
        if (HEADER_NEXT.matcher(lines.get(j).strip()).matches()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Drops a closing sign-off ("Best,") and the few short name/title lines under it. The first
   * line is never a sign-off: "Thanks!" alone, or "Thanks, that works", is the message.
   */
  private static void trimSignOff(List<String> lines) {
    int nonBlankSeen = 0;
    for (int i = lines.size() - 1; i > 0 && nonBlankSeen <= SIGNATURE_LINES; i--) {
      String t = lines.get(i).strip();
      if (t.isEmpty()) {
        continue;
      }
      if (SIGN_OFF.matcher(t).matches()) {
        lines.subList(i, lines.size()).clear();
        return;
      }
      if (t.length() > SIGNATURE_WIDTH) {
        return;
      }
      nonBlankSeen++;
    }
  }

  /**
   * Unix line ends, no zero-width or non-breaking spaces, runs of spaces and tabs as one, no
   * leading or trailing blanks on a line, at most one blank line in a row, none at either end.
   * Citations quote spans of this text, so every connector normalises the same way.
   *
   * @param s any text
   * @return the normalised text
   */
  public static String normalise(String s) {
    Objects.requireNonNull(s, "s == null");
    String t = s.replace("\r\n", "\n").replace('\r', '\n').replace('\u00A0', ' ').replace("\u200B", "");
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
}
