package org.handoffbrief.spi.kit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
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
   * A line of dashes around a few words that name a message is a client's separator above
   * unquoted history: Outlook's "-----Original Message-----" and its localised forms
   * ("-----Ursprüngliche Nachricht-----", "-----Oprindelig meddelelse-----", "-----Mensaje
   * original-----"), "----- Reply Message -----", and Gmail's "---------- Forwarded message
   * ---------" in every language. The words must name a message, so an author's "--- Agenda ---"
   * stays. The words hold no dash, so the match backtracks over at most their 60 characters.
   */
  private static final Pattern DASHED = Pattern.compile("-{2,}\\s*([^-]{1,60})-{2,}.*");
  private static final Pattern MESSAGE_WORD = Pattern.compile(
      "message|nachricht|meddelelse|meddelande|melding|mensaje|mensagem|messaggio|bericht|wiadomo\u015b\u0107"
          + "|\u0441\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u0435|viesti|zpr\u00e1va|\u00fczenet|mesaj",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /*
   * Other unquoted history: Apple Mail's forward in English, French, German, Spanish, Italian and
   * Dutch, and a line of underscores (Outlook's reply separator).
   */
  private static final Pattern HISTORY = Pattern.compile(
      "(?:begin forwarded message|d\u00e9but du message r\u00e9exp\u00e9di\u00e9"
          + "|anfang der weitergeleiteten nachricht|inicio del mensaje reenviado|inizio messaggio inoltrato"
          + "|begin doorgestuurd bericht)\\s?:.*"
          + "|_{10,}",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /*
   * The attribution a client writes above a reply: "On <date>, <name> wrote:" and its localised
   * forms, which open with "On" (English), "Le" (French), "Am" (German), "Op" (Dutch), "W dniu"
   * (Polish), "Den" (Swedish, Danish), "På" (Norwegian), "El" (Spanish), "Em" (Portuguese),
   * "Il" (Italian, "Il giorno ..."), "Dne" (Czech), "В" (Russian), "Vào" (Vietnamese);
   * the verb may come last ("a écrit:", "napisał:", "skrev:", "escribió:",
   * "escreveu:", "ha scritto:") or before the name ("Am ... schrieb Anna <a@b>:", "Op ... schreef
   * ..."). Android writes "---- Name wrote ----".
   */
  private static final Pattern LEAD = Pattern.compile(
      "(?:on|le|am|op|w dniu|den|p\u00e5|el|em|il|dne|\u0432|v\u00e0o)\\s",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern VERB = Pattern.compile(
      "(?<!\\p{L})(wrote|sent|a \u00e9crit|napisa\u0142a?|schreef|verzond|geschreven|schrieb|skrev"
          + "|escribi\u00f3|escreveu|ha scritto|\u043d\u0430\u043f\u0438\u0441\u0430\u043b\u0430?"
          + "|\u0111\u00e3 vi\u1ebft|kirjoitti|napsal|\u00edrta)(?!\\p{L})",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /*
   * Gmail in some locales and Yandex or Mail.ru write no verb, only a date, a time and the
   * address: "2026-03-10 9:14 GMT+01:00 Priya <p@x.org>:", "10.03.2026, 09:14, "Priya" <p@x.org>:".
   */
  private static final Pattern TIME = Pattern.compile("\\d{1,2}:\\d{2}");
  private static final Pattern DATE_START = Pattern.compile("\\d|\\p{L}{2,12},");
  private static final Pattern ADDRESS_END = Pattern.compile("@[^\\s@]+\\s?:$");
  /** How many lines a wrapped attribution may span, and how long it may be in all. */
  private static final int ATTRIBUTION_LINES = 4;
  private static final int ATTRIBUTION_WIDTH = 400;
  /*
   * Outlook (and Exchange in other locales) puts a header block, not a ">" prefix, above the
   * message it replies to: "From:" (or a ticketing system's "Date:") then, within two lines,
   * another header field. Gmail's plain-text rendering of Outlook's HTML marks the labels bold
   * ("*From:*"); French typography puts a space before the colon ("De :"); HTML rendered without
   * line breaks puts the whole block on one line ("From: A Sent: Monday To: B Subject: x").
   * Localised: French (De, Envoyé, À, Objet), German (Von, Gesendet, An, Betreff),
   * Spanish and Portuguese (De, Enviado, Para, Asunto, Assunto), Dutch (Van, Verzonden, Aan,
   * Onderwerp), Italian (Da, Inviato, A, Oggetto), Danish and Norwegian (Fra, Sendt, Til, Emne),
   * Swedish (Från, Skickat, Till, Ämne), Polish (Od, Wysłano, Do, Temat), Russian
   * (От, Отправлено, Кому, Тема).
   */
  private static final String FIRST_LABELS = "from|de|von|van|da|fra|fr\u00e5n|od|\u043e\u0442|date|datum";
  private static final String NEXT_LABELS = FIRST_LABELS
      + "|sent|to|cc|subject|envoy\u00e9|\u00e0|objet|gesendet|an|betreff|enviado|enviada|para|asunto|assunto"
      + "|fecha|verzonden|aan|onderwerp|inviato|a|oggetto|data|sendt|til|emne|dato|skickat|till|\u00e4mne"
      + "|wys\u0142ano|do|temat|\u043e\u0442\u043f\u0440\u0430\u0432\u043b\u0435\u043d\u043e"
      + "|\u043a\u043e\u043c\u0443|\u0442\u0435\u043c\u0430|\u0434\u0430\u0442\u0430";
  private static final Pattern HEADER_FIRST = Pattern.compile(
      "\\*?(" + FIRST_LABELS + ")\\*?\\s?:\\*?\\s.+", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern HEADER_NEXT = Pattern.compile(
      "\\*?(?:" + NEXT_LABELS + ")\\*?\\s?:\\*?\\s.*", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /** A header field inside a line: found, not matched, so each position is tried once. */
  private static final Pattern INLINE_FIELD = Pattern.compile(
      "\\s\\*?(" + NEXT_LABELS + ")\\*?\\s?:(?=\\s|\\*)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
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
  /** The first line of a legal disclaimer; as a footer it runs to the end of the message. */
  private static final Pattern DISCLAIMER = Pattern.compile(
      "(?:confidential(?:ity)? notice|disclaimer|notice:|privileged (?:and|&) confidential"
          + "|this (?:e-?mail|message) (?:message )?(?:\\(including[^)]*\\) )?(?:and any|is intended|may contain"
          + "|contains|\\(including)"
          + "|the information (?:contained )?in this (?:e-?mail|message|communication)).*",
      Pattern.CASE_INSENSITIVE);
  /** Words only a legal footer uses together; an author's "Notice: the API changed" has none. */
  private static final Pattern LEGAL = Pattern.compile(
      "confidential|privileged|intended (?:solely |only )?for|recipient|addressee|prohibited|unauthori[sz]ed"
          + "|liab(?:le|ility)|disclos|legally",
      Pattern.CASE_INSENSITIVE);
  /** A disclaimer paragraph at least this long is a footer wherever it sits. */
  private static final int LEGAL_PARAGRAPH = 200;
  private static final int LEGAL_PARAGRAPH_LINES = 12;
  /** How far up from the end a sign-off may sit, in non-blank lines (name, title, phone, company). */
  private static final int SIGNATURE_LINES = 6;
  /** A line longer than this under a sign-off is content, not a signature. */
  private static final int SIGNATURE_WIDTH = 80;

  /**
   * The author's own words of a plain-text message: quoted and forwarded history, {@code >}
   * lines, the signature after {@code "-- "}, a closing sign-off with the name under it, phone
   * footers, Teams join blocks and disclaimer footers are cut, and whitespace is
   * {@link #normalise}d. Inline and bottom-posted replies keep their answers: an attribution
   * ("On ... wrote:") above {@code >} lines goes with them, and the author's lines between and
   * after the quotes stay. History that is not marked line by line (a header block, a separator,
   * a forwarded message, an attribution above unmarked text) runs to the end and is cut.
   *
   * @param plainText the body as plain text (convert HTML first with {@link HtmlText#toText})
   * @return the own words, and whether quoted history was cut
   */
  public static CleanText ownWords(String plainText) {
    Objects.requireNonNull(plainText, "plainText == null");
    List<String> lines = List.of(plainText.replace("\r\n", "\n").replace('\r', '\n')
        .replace('\u00A0', ' ').replace("\u200B", "").split("\n", -1));
    boolean quoted = false;
    boolean signedOff = false;
    boolean hasContent = false;
    var kept = new ArrayList<String>();
    int i = 0;
    for (; i < lines.size(); i++) {
      String line = lines.get(i);
      String t = line.strip();
      if (t.startsWith(">")) {
        quoted = true; // an inline quote: drop it, keep the answers around it
        continue;
      }
      int attribution = attributionEnd(lines, i, true);
      if (attribution >= 0) {
        quoted = true;
        if (nextNonBlankIsQuoted(lines, attribution + 1)) {
          i = attribution; // the attribution heads a ">" block: both go, answers after them stay
          continue;
        }
        break; // the attribution heads unmarked history (Outlook, Apple Mail): the rest is not the author's
      }
      if (startsHistory(lines, i)) {
        quoted = true;
        break;
      }
      if (t.equals("--") || line.equals("-- ")) {
        break; // RFC 3676 signature delimiter: the rest is the signature
      }
      if (TEAMS.matcher(t).matches()) {
        break;
      }
      // A disclaimer as the first words is the message (a bounce, a notice); only a footer goes.
      if (hasContent && DISCLAIMER.matcher(t).matches() && isFooter(lines, i, signedOff)) {
        break;
      }
      if (SENT_FROM.matcher(t).matches()) {
        continue;
      }
      signedOff |= SIGN_OFF.matcher(t).matches();
      hasContent |= !t.isEmpty();
      kept.add(line);
    }
    // A signature or footer cut above may still sit over quoted history: the message is a reply.
    quoted |= !quoted && quotesFrom(lines, i);
    trimSignOff(kept);
    return new CleanText(normalise(String.join("\n", kept)), quoted);
  }

  /** At most this many originals are read from one message: a long chain repeats itself. */
  private static final int MAX_FORWARDED = 5;
  /** How much of a message, from an original's header on, is read for its words. */
  private static final int MAX_FORWARDED_CHARS = 20_000;
  /** How many lines a header block may span (a long To: or Cc: list wraps). */
  private static final int HEADER_LINES = 15;
  /** A header field's label and value; the label is one of {@link #NEXT_LABELS}. */
  private static final Pattern FIELD = Pattern.compile(
      "\\*?(" + NEXT_LABELS + ")\\*?\\s?:\\*?\\s*(.*)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern SENDER_LABEL = Pattern.compile(
      "from|de|von|van|da|fra|fr\u00e5n|od|\u043e\u0442", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern DATE_LABEL = Pattern.compile(
      "date|datum|sent|envoy\u00e9|gesendet|enviado|enviada|fecha|verzonden|inviato|data|sendt|dato|skickat"
          + "|wys\u0142ano|\u043e\u0442\u043f\u0440\u0430\u0432\u043b\u0435\u043d\u043e|\u0434\u0430\u0442\u0430",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern SUBJECT_LABEL = Pattern.compile(
      "subject|objet|betreff|asunto|assunto|onderwerp|oggetto|emne|\u00e4mne|temat|\u0442\u0435\u043c\u0430",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern RECIPIENT_LABEL = Pattern.compile(
      "to|cc|\u00e0|an|para|aan|a|til|till|do|\u043a\u043e\u043c\u0443", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /** "Name <addr>", "Name [mailto:addr]", or a bare address. */
  private static final Pattern SENDER = Pattern.compile(
      "(.*?)\\s*[<\\[](?:mailto:)?([^\\s<>\\[\\]@]+@[^\\s<>\\[\\]]+)[>\\]].*|([^\\s<>@]+@[^\\s<>]+)");

  /**
   * The earlier messages carried in a plain-text message below a header block that names their
   * sender: Outlook's ("From: Name &lt;address&gt;", "Sent:", "To:", "Subject:", in the languages
   * {@link #ownWords} knows, alone or under "-----Original Message-----" or a line of underscores),
   * Gmail's ("---------- Forwarded message ---------" over From:, Date:, Subject:, To:) and Apple
   * Mail's ("Begin forwarded message:"), nested ones included, outermost first. Each original's
   * text is its {@link #ownWords}: its signature and the history under it go (and are returned as
   * the next original). History without a header block ("On ... wrote:", {@code >} lines) and a
   * block without a sender line are skipped. Linear: at most {@value #MAX_FORWARDED} originals, each
   * read from at most {@value #MAX_FORWARDED_CHARS} characters.
   *
   * @param plainText the body as plain text with its history kept (for HTML use {@link HtmlText#withHistory})
   * @return the originals, outermost first; empty when there are none
   */
  public static List<ForwardedMessage> forwarded(String plainText) {
    Objects.requireNonNull(plainText, "plainText == null");
    List<String> lines = List.of(plainText.replace("\r\n", "\n").replace('\r', '\n')
        .replace('\u00A0', ' ').replace("\u200B", "").split("\n", -1));
    var out = new ArrayList<ForwardedMessage>();
    for (int i = 0; i < lines.size() && out.size() < MAX_FORWARDED; i++) {
      String t = lines.get(i).strip();
      if (t.startsWith(">")) {
        continue; // a quote inside a reply; its own header, if any, belongs to the quoted message
      }
      int header = i;
      Matcher dashed = DASHED.matcher(t);
      if (HISTORY.matcher(t).matches() || dashed.matches() && MESSAGE_WORD.matcher(dashed.group(1)).find()) {
        header = i + 1; // a separator: the header block, if any, is under it
        while (header < lines.size() && header <= i + 3 && lines.get(header).isBlank()) {
          header++;
        }
        if (header >= lines.size() || !HEADER_FIRST.matcher(lines.get(header).strip()).matches()) {
          continue;
        }
      } else if (!HEADER_FIRST.matcher(t).matches() || !startsHistory(lines, i)) {
        continue;
      }
      int end = readOriginal(lines, header, out);
      i = Math.max(i, end - 1);
    }
    return List.copyOf(out);
  }

  /**
   * Reads the header block at line {@code start} and the original under it into {@code out} when
   * the block names a sender; returns the first line after the header block.
   */
  private static int readOriginal(List<String> lines, int start, List<ForwardedMessage> out) {
    var fields = new java.util.LinkedHashMap<String, String>();
    String last = null;
    int j = start;
    for (; j < lines.size() && j < start + HEADER_LINES; j++) {
      String t = lines.get(j).strip();
      if (t.isEmpty()) {
        if (fields.isEmpty()) {
          continue;
        }
        break;
      }
      List<String[]> onLine = fieldsOf(t);
      if (!onLine.isEmpty()) {
        for (String[] f : onLine) {
          last = kindOf(f[0]);
          fields.putIfAbsent(last, f[1]);
        }
      } else if ("to".equals(last) && !fields.containsKey("subject")) {
        continue; // a recipient list wrapped onto the next line
      } else {
        break;
      }
    }
    String sender = fields.get("from");
    if (sender == null || sender.isBlank()) {
      return j;
    }
    var body = new StringBuilder();
    for (int k = j; k < lines.size() && body.length() < MAX_FORWARDED_CHARS; k++) {
      body.append(lines.get(k)).append('\n');
    }
    String[] who = sender(sender);
    if (who[0] == null && who[1] == null) {
      return j;
    }
    out.add(new ForwardedMessage(who[0], who[1], blankToNull(fields.get("date")),
        blankToNull(fields.get("subject")), ownWords(body.toString()).text()));
    return j;
  }

  /** The header fields on one line: one, or several when a client wrote the block on one line. */
  private static List<String[]> fieldsOf(String line) {
    Matcher first = FIELD.matcher(line);
    if (!first.matches()) {
      return List.of();
    }
    var starts = new ArrayList<Integer>();
    starts.add(0);
    Matcher inline = INLINE_FIELD.matcher(line);
    // Only a block written on one line holds further fields; "Subject: To: the board" is one field.
    var labels = new HashSet<String>();
    labels.add(kindOf(first.group(1)));
    var found = new ArrayList<Integer>();
    while (inline.find()) {
      if (labels.add(kindOf(inline.group(1)))) {
        found.add(inline.start() + 1);
      }
    }
    if (labels.size() >= 3) {
      starts.addAll(found);
    }
    var out = new ArrayList<String[]>();
    for (int k = 0; k < starts.size(); k++) {
      String part = line.substring(starts.get(k), k + 1 < starts.size() ? starts.get(k + 1) : line.length()).strip();
      Matcher f = FIELD.matcher(part);
      if (f.matches()) {
        out.add(new String[] {f.group(1), f.group(2).replace("*", "").strip()});
      }
    }
    return out;
  }

  /** The field a localised label names: from, date, to (recipients), subject, or the label itself. */
  private static String kindOf(String label) {
    String l = label.toLowerCase(Locale.ROOT);
    if (SENDER_LABEL.matcher(l).matches()) {
      return "from";
    }
    if (DATE_LABEL.matcher(l).matches()) {
      return "date";
    }
    if (SUBJECT_LABEL.matcher(l).matches()) {
      return "subject";
    }
    return RECIPIENT_LABEL.matcher(l).matches() ? "to" : l;
  }

  /** The name and lower-cased address of a sender field; either may be null. */
  private static String[] sender(String value) {
    Matcher m = SENDER.matcher(value.strip());
    if (m.matches()) {
      if (m.group(3) != null) {
        return new String[] {null, m.group(3).toLowerCase(Locale.ROOT)};
      }
      String name = m.group(1).replaceAll("^[\\s\"'*]+|[\\s\"'*]+$", "");
      return new String[] {name.isEmpty() ? null : name, m.group(2).toLowerCase(Locale.ROOT)};
    }
    String name = value.replaceAll("^[\\s\"'*]+|[\\s\"'*]+$", "");
    return new String[] {name.isEmpty() ? null : name, null};
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** Whether any line from {@code from} on is quoted or starts history. */
  private static boolean quotesFrom(List<String> lines, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).strip().startsWith(">") || attributionEnd(lines, i, false) >= 0 || startsHistory(lines, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean nextNonBlankIsQuoted(List<String> lines, int from) {
    for (int i = from; i < lines.size(); i++) {
      String t = lines.get(i).strip();
      if (!t.isEmpty()) {
        return t.startsWith(">");
      }
    }
    return false;
  }

  /**
   * The last line of an attribution that starts at line {@code i}, or -1. Clients wrap a long
   * attribution over up to four lines ("On Tue, ... Priya Raman <" / "priya@x.org>" / "wrote:"), so
   * a window of lines is joined and tested; each test is on at most {@link #ATTRIBUTION_WIDTH}
   * characters, which keeps the whole scan linear in the message.
   *
   * @param preferLater whether to give line {@code i} back to the author when the attribution
   *     also matches from the next line on ("Thanks" over "On ... wrote:" is the author's)
   */
  private static int attributionEnd(List<String> lines, int i, boolean preferLater) {
    String first = lines.get(i).strip();
    if (first.isEmpty()) {
      return -1;
    }
    var joined = new StringBuilder(first);
    String previous = first;
    for (int j = i; j < Math.min(lines.size(), i + ATTRIBUTION_LINES); j++) {
      if (j > i) {
        String t = lines.get(j).strip();
        // A wrapped attribution has no blank line and no finished sentence inside it, and only
        // the first of its lines can say where it starts.
        if (t.isEmpty() || previous.endsWith(".") || previous.endsWith("!") || previous.endsWith("?")
            || !startsAttribution(first)) {
          return -1;
        }
        joined.append(' ').append(t);
        previous = t;
      }
      if (joined.length() > ATTRIBUTION_WIDTH) {
        return -1;
      }
      if (isAttribution(joined.toString())) {
        if (j > i && preferLater && startsAttribution(lines.get(i + 1).strip())
            && attributionEnd(lines, i + 1, false) == j) {
          return -1;
        }
        return j;
      }
    }
    return -1;
  }

  /** Whether one line is a client's attribution above a quote; {@link HtmlText} drops it with its blockquote. */
  static boolean isAttributionLine(String line) {
    return !line.isEmpty() && line.length() <= ATTRIBUTION_WIDTH && isAttribution(line);
  }

  private static boolean startsAttribution(String s) {
    String t = stripDashes(s);
    return LEAD.matcher(t).lookingAt() || DATE_START.matcher(t).lookingAt() || t.length() < s.length();
  }

  private static boolean isAttribution(String s) {
    String t = stripDashes(s);
    boolean dashed = t.length() < s.length();
    // Cheap first: an attribution ends with a colon, or with the verb inside dashes or without one.
    if (!t.endsWith(":") && !dashed && !t.regionMatches(true, t.length() - 5, "wrote", 0, 5)) {
      return false;
    }
    boolean address = t.indexOf('@') >= 0;
    // Every client names a date or an address; without either, "On our side, Sam wrote:" is prose.
    if (!address && !dashed && t.chars().noneMatch(Character::isDigit)) {
      return false;
    }
    Matcher verb = VERB.matcher(t);
    if (verb.find()) {
      boolean ends = t.endsWith(":") || verb.end() == t.length();
      boolean weak = verb.group(1).equalsIgnoreCase("sent"); // "On Monday we sent:" needs the address
      return ends && (weak ? address && LEAD.matcher(t).lookingAt() : LEAD.matcher(t).lookingAt() || address || dashed);
    }
    return address && DATE_START.matcher(t).lookingAt() && TIME.matcher(t).find() && ADDRESS_END.matcher(t).find();
  }

  /** Without the dashes (and spaces) some clients put around an attribution ("---- Sam wrote ----"). */
  private static String stripDashes(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && (s.charAt(b) == '-' || s.charAt(b) == ' ')) {
      b++;
    }
    while (e > b && (s.charAt(e - 1) == '-' || s.charAt(e - 1) == ' ')) {
      e--;
    }
    return s.substring(b, e);
  }

  /** Whether line {@code i} starts unquoted history that runs to the end of the message. */
  private static boolean startsHistory(List<String> lines, int i) {
    String line = lines.get(i).strip();
    if (HISTORY.matcher(line).matches()) {
      return true;
    }
    Matcher dashed = DASHED.matcher(line);
    if (dashed.matches() && MESSAGE_WORD.matcher(dashed.group(1)).find()) {
      return true;
    }
    Matcher first = HEADER_FIRST.matcher(line);
    if (!first.matches()) {
      return false;
    }
    for (int j = i + 1; j < Math.min(lines.size(), i + 3); j++) {
      if (HEADER_NEXT.matcher(lines.get(j).strip()).matches()) {
        return true;
      }
    }
    // The block on one line: two more distinct fields after the first ("Sent:", "To:", "Subject:").
    var labels = new HashSet<String>();
    labels.add(first.group(1).toLowerCase(Locale.ROOT));
    Matcher field = INLINE_FIELD.matcher(line);
    while (field.find()) {
      labels.add(field.group(1).toLowerCase(Locale.ROOT));
    }
    return labels.size() >= 3;
  }

  /**
   * Whether the disclaimer starting at line {@code i} is a footer: its paragraph speaks legal
   * language and it comes after the sign-off, is the last paragraph, or is long. An author's
   * "Notice: the API changed" in the middle of a message is none of these.
   */
  private static boolean isFooter(List<String> lines, int i, boolean signedOff) {
    var paragraph = new StringBuilder();
    int j = i;
    // Bounded, so a message of many "Notice:" lines stays linear.
    for (; j < Math.min(lines.size(), i + LEGAL_PARAGRAPH_LINES) && !lines.get(j).isBlank(); j++) {
      paragraph.append(lines.get(j).strip()).append(' ');
    }
    if (!LEGAL.matcher(paragraph).find()) {
      return false;
    }
    return signedOff || paragraph.length() >= LEGAL_PARAGRAPH || isLastParagraph(lines, j);
  }

  /** Whether only blank lines or history follow line {@code from}. */
  private static boolean isLastParagraph(List<String> lines, int from) {
    for (int j = from; j < lines.size(); j++) {
      if (lines.get(j).strip().startsWith(">") || attributionEnd(lines, j, false) >= 0 || startsHistory(lines, j)) {
        return true;
      }
      if (!lines.get(j).isBlank()) {
        return false;
      }
    }
    return true;
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
