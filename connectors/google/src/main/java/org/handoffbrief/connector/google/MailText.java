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
import org.handoffbrief.spi.kit.CleanText;
import org.handoffbrief.spi.kit.EmailText;
import org.handoffbrief.spi.kit.HtmlText;

/**
 * The words a sender wrote in one Gmail message: the MIME tree walked for its text
 * ({@code text/plain} preferred in {@code multipart/alternative}; HTML-only mail converted by
 * {@link HtmlText}), each part decoded from base64url in its own charset, then quoted replies,
 * forwarded history, signatures and legal disclaimers cut by {@link EmailText}, so a claim quotes the
 * message where its words were first written.
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

  static Body body(MessagePart payload) {
    var attachments = new ArrayList<String>();
    String text = "";
    boolean quoted = false;
    if (payload != null) {
      Part p = render(payload, attachments, false);
      if (p != null) {
        text = p.text;
        quoted = p.quoted;
      }
    }
    CleanText c = EmailText.ownWords(text);
    return new Body(c.text(), quoted || c.quoteRemoved(), List.copyOf(attachments));
  }

  /**
   * The body as plain text with the history its client marked kept (for {@link EmailText#forwarded}):
   * the same parts as {@link #body}, HTML through {@link HtmlText#withHistory}.
   */
  static String withHistory(MessagePart payload) {
    Part p = payload == null ? null : render(payload, new ArrayList<>(), true);
    return p == null ? "" : p.text;
  }

  private record Part(String text, boolean quoted) {}

  private static Part render(MessagePart part, List<String> attachments, boolean history) {
    String mime = part.getMimeType() == null ? "" : part.getMimeType().toLowerCase(Locale.ROOT);
    if (part.getFilename() != null && !part.getFilename().isBlank()) {
      attachments.add(part.getFilename());
      return null;
    }
    List<MessagePart> children = part.getParts() == null ? List.of() : part.getParts();
    if (mime.equals("multipart/alternative")) {
      MessagePart plain = find(part, "text/plain");
      MessagePart html = find(part, "text/html");
      return plain != null ? leaf(plain, false, history) : html != null ? leaf(html, true, history) : null;
    }
    if (mime.startsWith("multipart/")) {
      var text = new StringBuilder();
      boolean quoted = false;
      for (MessagePart child : children) {
        Part p = render(child, attachments, history);
        if (p != null && !p.text.isBlank()) {
          text.append(text.length() == 0 ? "" : "\n\n").append(p.text);
          quoted |= p.quoted;
        }
      }
      return new Part(text.toString(), quoted);
    }
    if (mime.equals("text/plain")) {
      return leaf(part, false, history);
    }
    if (mime.equals("text/html")) {
      return leaf(part, true, history);
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

  private static Part leaf(MessagePart part, boolean html, boolean history) {
    String s = decode(part);
    if (!html) {
      return new Part(s, false);
    }
    if (history) {
      return new Part(HtmlText.withHistory(s, false), false);
    }
    CleanText r = HtmlText.toText(s);
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
}
