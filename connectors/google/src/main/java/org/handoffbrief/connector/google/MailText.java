package org.handoffbrief.connector.google;

import com.google.api.services.gmail.model.MessagePart;
import com.google.api.services.gmail.model.MessagePartHeader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words a sender wrote in one Gmail message: the MIME tree walked for its text
 * ({@code text/plain} preferred in {@code multipart/alternative}; HTML-only mail converted by
 * {@link HtmlText}), each part decoded from base64url in its own charset, then quoted replies,
 * forwarded history, signatures and legal disclaimers cut, so a claim quotes the message where its
 * words were first written.
 */
final class MailText {
  private MailText() {}

  /**
   * The body as the sender wrote it.
   *
   * @param text the cleaned plain text
   * @param quoteRemoved whether quoted or forwarded history was cut
   * @param attachments file names of attached parts
   */
  record Body(String text, boolean quoteRemoved, List<String> attachments) {}

  private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);
  /** A line that begins quoted history; everything from it on was written earlier or elsewhere. */
  private static final Pattern HISTORY = Pattern.compile(
      "^(-{2,}\\s*original message\\s*-{2,}.*"
          + "|-{2,}\\s*forwarded message\\s*-{2,}.*"
          + "|begin forwarded message:.*"
          + "|_{10,}"
          + "|le .{4,200} a \u00e9crit\\s?:"
          + "|am .{4,200} schrieb .{1,200}:)$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern ON_WROTE = Pattern.compile("^on\\b.{4,300}\\bwrote:$", Pattern.CASE_INSENSITIVE);
  private static final Pattern OUTLOOK_FROM = Pattern.compile("^\\*?from:\\*?\\s.+", Pattern.CASE_INSENSITIVE);
  private static final Pattern OUTLOOK_NEXT = Pattern.compile("^\\*?(sent|date|to|subject):\\*?\\s.*",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern SIGN_OFF = Pattern.compile(
      "^(best|best regards|kind regards|warm regards|warmly|regards|many thanks|thanks|thanks again|thank you|thx"
          + "|cheers|sincerely|yours sincerely|all the best|talk soon|br)\\s*[,.!\u2014-]*$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern SENT_FROM = Pattern.compile("^sent from my \\w+.*$|^get outlook for \\w+.*$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern DISCLAIMER = Pattern.compile(
      "^(confidential(ity)? notice|disclaimer|notice:|privileged (and|&) confidential"
          + "|this e-?mail (message )?(and any|is intended|may contain|contains)"
          + "|this message (\\(including any attachments\\) )?(and any|is intended|may contain|contains)"
          + "|the information (contained )?in this (e-?mail|message|communication)).*",
      Pattern.CASE_INSENSITIVE);

  static Body body(MessagePart payload) {
    var attachments = new ArrayList<String>();
    String text = "";
    boolean quoted = false;
    if (payload != null) {
      Part p = render(payload, attachments);
      if (p != null) {
        text = p.text;
        quoted = p.quoted;
      }
    }
    Cleaned c = clean(text);
    return new Body(c.text, quoted || c.quoteRemoved, List.copyOf(attachments));
  }

  private record Part(String text, boolean quoted) {}

  private static Part render(MessagePart part, List<String> attachments) {
    String mime = part.getMimeType() == null ? "" : part.getMimeType().toLowerCase(Locale.ROOT);
    if (part.getFilename() != null && !part.getFilename().isBlank()) {
      attachments.add(part.getFilename());
      return null;
    }
    List<MessagePart> children = part.getParts() == null ? List.of() : part.getParts();
    if (mime.equals("multipart/alternative")) {
      MessagePart plain = find(part, "text/plain");
      MessagePart html = find(part, "text/html");
      return plain != null ? leaf(plain, false) : html != null ? leaf(html, true) : null;
    }
    if (mime.startsWith("multipart/")) {
      var text = new StringBuilder();
      boolean quoted = false;
      for (MessagePart child : children) {
        Part p = render(child, attachments);
        if (p != null && !p.text.isBlank()) {
          text.append(text.length() == 0 ? "" : "\n\n").append(p.text);
          quoted |= p.quoted;
        }
      }
      return new Part(text.toString(), quoted);
    }
    if (mime.equals("text/plain")) {
      return leaf(part, false);
    }
    if (mime.equals("text/html")) {
      return leaf(part, true);
    }
    return null;
  }

  private static MessagePart find(MessagePart part, String mime) {
    if (mime.equalsIgnoreCase(part.getMimeType()) && (part.getFilename() == null || part.getFilename().isBlank())) {
      return part;
    }
    if (part.getParts() != null) {
      for (MessagePart child : part.getParts()) {
        MessagePart found = find(child, mime);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static Part leaf(MessagePart part, boolean html) {
    String s = decode(part);
    if (!html) {
      return new Part(s, false);
    }
    HtmlText.Result r = HtmlText.toText(s);
    return new Part(r.text(), r.quoteRemoved());
  }

  /** The part's bytes (base64url, unpadded, via the SDK) in the charset its Content-Type names. */
  static String decode(MessagePart part) {
    if (part.getBody() == null || part.getBody().getData() == null) {
      return "";
    }
    byte[] bytes = part.getBody().decodeData();
    return new String(bytes, charset(header(part, "Content-Type")));
  }

  /**
   * The named charset; ISO-8859-1 and US-ASCII are read as windows-1252, as browsers and mail
   * clients do (senders mislabel cp1252 curly quotes and dashes); unknown names fall back to UTF-8.
   */
  static Charset charset(String contentType) {
    if (contentType == null) {
      return StandardCharsets.UTF_8;
    }
    Matcher m = CHARSET.matcher(contentType);
    if (!m.find()) {
      return StandardCharsets.UTF_8;
    }
    String name = m.group(1).toLowerCase(Locale.ROOT);
    if (name.equals("iso-8859-1") || name.equals("latin1") || name.equals("us-ascii") || name.equals("ascii")) {
      name = "windows-1252";
    }
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }

  static String header(MessagePart part, String name) {
    if (part.getHeaders() == null) {
      return null;
    }
    for (MessagePartHeader h : part.getHeaders()) {
      if (name.equalsIgnoreCase(h.getName())) {
        return h.getValue();
      }
    }
    return null;
  }

  /**
   * The cleaned text and whether quoted history was cut.
   */
  record Cleaned(String text, boolean quoteRemoved) {}

  /** Cuts quoted history, {@code >} lines, the signature, sign-off and disclaimer from plain text. */
  static Cleaned clean(String raw) {
    List<String> lines = new ArrayList<>(List.of(raw.replace("\r\n", "\n").replace('\r', '\n')
        .replace('\u00A0', ' ').split("\n", -1)));
    boolean quoted = false;
    int end = lines.size();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      String joined = i + 1 < lines.size() ? line + " " + lines.get(i + 1).strip() : line;
      if (HISTORY.matcher(line).matches() || ON_WROTE.matcher(line).matches()
          || (line.regionMatches(true, 0, "On ", 0, 3) && !line.endsWith(":") && ON_WROTE.matcher(joined).matches())
          || (OUTLOOK_FROM.matcher(line).matches() && i + 1 < lines.size()
              && OUTLOOK_NEXT.matcher(lines.get(i + 1).strip()).matches())) {
        end = i;
        quoted = true;
        break;
      }
    }
    var kept = new ArrayList<String>();
    for (int i = 0; i < end; i++) {
      String line = lines.get(i);
      if (line.stripLeading().startsWith(">")) {
        quoted = true;
        continue;
      }
      String t = line.strip();
      if (t.equals("--") || line.equals("-- ")) {
        break; // RFC 3676 signature delimiter: the rest is the signature
      }
      if (DISCLAIMER.matcher(t).matches() && kept.stream().anyMatch(k -> !k.isBlank())) {
        break;
      }
      if (SENT_FROM.matcher(t).matches()) {
        continue;
      }
      kept.add(line.stripTrailing());
    }
    trimSignOff(kept);
    String text = String.join("\n", kept).replaceAll("\n{3,}", "\n\n").strip();
    return new Cleaned(text, quoted);
  }

  /** Drops a closing sign-off ("Best,") and the few short name/title lines under it. */
  private static void trimSignOff(List<String> lines) {
    int nonBlankSeen = 0;
    for (int i = lines.size() - 1; i > 0 && nonBlankSeen <= 6; i--) {
      String t = lines.get(i).strip();
      if (t.isEmpty()) {
        continue;
      }
      if (SIGN_OFF.matcher(t).matches()) {
        lines.subList(i, lines.size()).clear();
        return;
      }
      if (t.length() > 80) {
        return; // a long line is content, not a signature
      }
      nonBlankSeen++;
    }
  }
}
