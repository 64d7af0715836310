package org.handoffbrief.connector.zendesk;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Plain-text normalisation of comment bodies and the header formats of ticket and comment evidence. */
final class TicketText {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
  /** Zendesk's own reply delimiter in email notifications; text below it is the quoted history. */
  private static final Pattern REPLY_ABOVE = Pattern.compile("(?m)^\\s*##- .* -##\\s*$");
  private static final Pattern ATTRIBUTION = Pattern.compile("^On .{4,200} wrote:\\s*$");

  private TicketText() {}

  /** {@code 2026-02-09 14:12 UTC}. */
  static String time(OffsetDateTime t) {
    return t.withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
  }

  /**
   * Normalises a comment body: line ends, non-breaking spaces, trailing blanks, runs of blank lines;
   * the quoted history of an email reply and a signature after the {@code "-- "} delimiter are cut
   * so a citation points at the comment where its words were first written.
   */
  static String normalise(String raw) {
    if (raw == null) {
      return "";
    }
    String s = raw.replace("\r\n", "\n").replace('\r', '\n').replace('\u00a0', ' ').replace("\u200b", "");
    var m = REPLY_ABOVE.matcher(s);
    if (m.find()) {
      s = s.substring(0, m.start());
    }
    List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
    int cut = lines.size();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).stripTrailing();
      if (line.equals("--") || line.equals("-- ")) {
        cut = i;
        break;
      }
      if (ATTRIBUTION.matcher(line.strip()).matches() && onlyQuotedAfter(lines, i + 1)) {
        cut = i;
        break;
      }
      if (line.startsWith(">") && onlyQuotedAfter(lines, i)) {
        cut = i;
        break;
      }
    }
    var out = new StringBuilder();
    for (int i = 0; i < cut; i++) {
      out.append(lines.get(i).stripTrailing()).append('\n');
    }
    return out.toString().replaceAll("\n{3,}", "\n\n").strip();
  }

  private static boolean onlyQuotedAfter(List<String> lines, int from) {
    boolean any = false;
    for (int i = from; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty()) {
        continue;
      }
      if (!l.startsWith(">")) {
        return false;
      }
      any = true;
    }
    return any;
  }

  /** One line of a header value: line breaks become spaces. */
  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }
}
