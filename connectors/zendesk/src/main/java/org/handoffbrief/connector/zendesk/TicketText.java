package org.handoffbrief.connector.zendesk;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.handoffbrief.spi.kit.EmailText;

/** Plain-text normalisation of comment bodies and the header formats of ticket and comment evidence. */
final class TicketText {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
  /** Zendesk's own reply delimiter in email notifications; text below it is the quoted history. */
  private static final Pattern REPLY_ABOVE = Pattern.compile("(?m)^\\s*##- .* -##\\s*$");

  private TicketText() {}

  /** {@code 2026-02-09 14:12 UTC}. */
  static String time(OffsetDateTime t) {
    return t.withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
  }

  /**
   * The commenter's own words: Zendesk's reply marker is Zendesk's own, so it is cut here, then
   * {@link EmailText#ownWords} cuts quoted history, signatures and disclaimers, so a citation points
   * at the comment where its words were first written.
   */
  static String normalise(String raw) {
    if (raw == null) {
      return "";
    }
    var m = REPLY_ABOVE.matcher(raw);
    return EmailText.ownWords(m.find() ? raw.substring(0, m.start()) : raw).text();
  }

  /** One line of a header value: line breaks become spaces. */
  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }
}
