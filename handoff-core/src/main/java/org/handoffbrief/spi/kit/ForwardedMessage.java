package org.handoffbrief.spi.kit;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.DateTimeException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An earlier message carried inside another one, below a forward's or a reply's header block
 * ("From: ... Sent: ... To: ... Subject: ..."). Found by {@link EmailText#forwarded}. When the
 * original is not in the mailbox read, its words reach the brief only this way, and a claim must
 * still name who wrote them.
 *
 * @param senderName the sender's display name, or null when the header gives only an address
 * @param senderAddress the sender's address in lower case, or null when the header gives only a name
 * @param date the date as the header wrote it, or null when it had none
 * @param subject the subject, or null when the header had none
 * @param text the original's own words ({@link EmailText#ownWords}: its signature and the history
 *     under it cut), normalised; possibly empty
 */
public record ForwardedMessage(String senderName, String senderAddress, String date, String subject, String text) {

  /*
   * The date lines clients write, once "at", commas and narrow spaces are gone: Outlook
   * ("Thursday, March 19, 2026 4:12 PM"), Gmail ("Thu, Mar 19, 2026 at 4:12 PM"), the RFC 5322
   * form ("Thu, 19 Mar 2026 16:12:00 +0000") and ISO-like ones. English names only: a localised
   * date stays text and the carrying message's time is used.
   */
  private static final List<DateTimeFormatter> DATES = List.of(
      formatter("[EEEE ][EEE ]MMMM d yyyy h:mm[:ss] a"),
      formatter("[EEEE ][EEE ]MMM d yyyy h:mm[:ss] a"),
      formatter("[EEEE ][EEE ]MMMM d yyyy H:mm[:ss]"),
      formatter("[EEEE ][EEE ]MMM d yyyy H:mm[:ss]"),
      formatter("[EEEE ][EEE ]d MMM yyyy H:mm[:ss][ Z][ XXX]"),
      formatter("[EEEE ][EEE ]d MMMM yyyy H:mm[:ss][ Z][ XXX]"),
      formatter("yyyy-MM-dd H:mm[:ss][ Z][ XXX]"));

  /** Reply and forward prefixes a client adds to a subject, repeated ("RE: FW: Terms"), localised. */
  private static final Pattern SUBJECT_PREFIX = Pattern.compile(
      "^(?:\\s*(?:re|fw|fwd|aw|wg|tr|sv|vs|rv|r|i|antw|doorst)\\s*(?:\\[\\d+\\])?\\s*:)+\\s*", Pattern.CASE_INSENSITIVE);
  /** How many letters and digits of the text a match key holds: enough to tell messages apart. */
  private static final int KEY_TEXT = 60;

  private static DateTimeFormatter formatter(String pattern) {
    return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ENGLISH);
  }

  /** Validates that a sender is named and the text is present. */
  public ForwardedMessage {
    if (senderName == null && senderAddress == null) {
      throw new IllegalArgumentException("a forwarded message needs a sender name or address");
    }
    Objects.requireNonNull(text, "text == null");
  }

  /**
   * What identifies this original among the messages read: {@link #matchKey(String, String, String)}
   * of its sender (the address, else the name), subject and text.
   */
  public String matchKey() {
    return matchKey(senderAddress != null ? senderAddress : senderName, subject, text);
  }

  /**
   * A key equal for a message and its copy under another message's header block: the sender,
   * the subject without reply and forward prefixes, and the first words of the text, each lower
   * case with only letters and digits kept, because a copy is rendered again by another client
   * (HTML to text, re-wrapped lines, other quotes) and its prefixes and layout differ.
   *
   * @param sender the sender's address, or name when no address is known; may be null
   * @param subject the subject; may be null
   * @param text the message's own words
   * @return the key
   */
  public static String matchKey(String sender, String subject, String text) {
    String s = subject == null ? "" : SUBJECT_PREFIX.matcher(subject).replaceFirst("");
    String t = letters(text == null ? "" : text);
    return letters(sender == null ? "" : sender) + "|" + letters(s) + "|" + t.substring(0, Math.min(KEY_TEXT, t.length()));
  }

  private static String letters(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
  }

  /**
   * When the original was sent, read from {@link #date()}.
   *
   * @param assumed the offset to read a date without one in (the carrying message's)
   * @return the time, or null when the date is missing or in a form not read
   */
  public OffsetDateTime sentAt(ZoneOffset assumed) {
    Objects.requireNonNull(assumed, "assumed == null");
    if (date == null) {
      return null;
    }
    String t = date.replace('\u202F', ' ').replace('\u00A0', ' ').replaceAll("\\s*\\([^)]*\\)\\s*$", "")
        .replaceAll("(?i)\\s+at\\s+", " ").replace(",", " ").replaceAll("\\s+", " ").strip();
    t = t.replaceAll("(?i)\\s+(?:UTC|GMT)$", "");
    for (DateTimeFormatter f : DATES) {
      try {
        TemporalAccessor a = f.parse(t);
        LocalDateTime local = LocalDateTime.from(a);
        ZoneOffset offset = a.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(a) : assumed;
        return local.atOffset(offset);
      } catch (DateTimeException e) {
        // not this form; try the next
      }
    }
    return null;
  }
}
