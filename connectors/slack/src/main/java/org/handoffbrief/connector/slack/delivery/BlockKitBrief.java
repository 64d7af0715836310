package org.handoffbrief.connector.slack.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Gap;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.QualityReport;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SourceReport;

/**
 * A brief as a Slack Block Kit message for the customer-success channel: a header, the account
 * line, the quality strip, the review's outcome, what changed since the previous brief, the seven
 * sections as compact blocks (each claim one line with its citation links), gaps, and a link to the
 * full brief.
 *
 * <p>Slack's limits are kept by cutting, never by failing: at most {@value #MAX_BLOCKS} blocks,
 * {@value #MAX_TEXT} characters per section text and {@value #MAX_HEADER} per header; what does not
 * fit is counted in a last line, "N more in the full brief". A section's gaps are kept before its
 * claims are cut, so a reader always sees what is missing.
 *
 * <p>Everything that comes from a source is escaped as Slack's formatting reference asks
 * ({@code &}, {@code <}, {@code >}), so a quoted {@code <!channel>}, {@code <@U123>} or
 * {@code <http://evil|bank>} shows as text and never pings or spoofs a link. Links are built only
 * from http(s) permalinks, escaped too.
 */
public final class BlockKitBrief {

  /** Slack's limit of blocks in one message. */
  public static final int MAX_BLOCKS = 50;
  /** Slack's limit of characters in a section block's text. */
  public static final int MAX_TEXT = 3000;
  /** Slack's limit of characters in a header block's text. */
  public static final int MAX_HEADER = 150;

  /** A line of evidence text is cut to this many characters before escaping (escaping may grow it). */
  static final int MAX_LINE = 280;
  /** Citation links shown per line; the rest are counted. */
  static final int MAX_LINKS_PER_LINE = 3;
  private static final int MAX_URL = 400;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A rendered message: the notification text and the blocks, as Slack's {@code text} and {@code blocks}. */
  public record Message(String text, String blocksJson, int blockCount) {}

  private final ZoneId zone;

  private BlockKitBrief(ZoneId zone) {
    this.zone = zone;
  }

  /** A renderer that dates what it shows in {@code zone}. */
  public static BlockKitBrief create(ZoneId zone) {
    return new BlockKitBrief(Objects.requireNonNull(zone, "zone == null"));
  }

  /**
   * The channel post of {@code brief}.
   *
   * @param brief the reviewed brief, as the CSM receives it
   * @param reviewLine the review's outcome, e.g. "Confirmed by Alex Rivera, 2026-03-28"; null for none
   * @param fullBrief where the full brief is read; null for no link
   */
  public Message render(HandoffBrief brief, String reviewLine, URI fullBrief) {
    Objects.requireNonNull(brief, "brief == null");
    Cites cites = new Cites();
    ArrayNode blocks = JSON.createArrayNode();
    String title = brief.kind().title() + ": " + brief.accountName();
    header(blocks, title);
    context(blocks, "*Account:* " + escape(cut(brief.accountName(), 150)) + " · *Opportunity:* "
        + escape(cut(brief.opportunityName(), 150)) + " · " + DateTimeFormatter.ISO_LOCAL_DATE.withZone(zone)
            .format(brief.generatedAt()));
    qualityStrip(blocks, brief, cites);
    if (reviewLine != null && !reviewLine.isBlank()) {
      context(blocks, "*Review:* " + escape(cut(reviewLine, MAX_LINE)));
    }
    if (brief.changes() != null) {
      List<String> items = new ArrayList<>();
      brief.changes().items().forEach(i -> items.add(line(i.text(), i.citations(), cites)));
      section(blocks, fit("*" + brief.changes().heading(zone) + "*", items, List.of(), 0));
    }
    for (Section s : brief.sections().values()) {
      List<String> claims = new ArrayList<>();
      s.shownClaims().forEach(c -> claims.add(line(c.text(), c.citations(), cites) + flag(c)));
      List<String> lines = s.isEmpty() ? List.of("_Nothing found in the sources read._") : claims;
      section(blocks, fit("*" + s.id().title() + "*", lines, gapLines(s), s.moreClaims().size()));
    }
    String link = link(fullBrief, "Read the full brief");
    if (link != null) {
      section(blocks, link);
    }
    return new Message(escape(cut(title, MAX_HEADER)), capBlocks(blocks).toString(), blocks.size());
  }

  // ---- the parts

  private void qualityStrip(ArrayNode blocks, HandoffBrief brief, Cites cites) {
    List<String> lines = new ArrayList<>();
    for (SourceReport s : brief.sources()) {
      if (s.status() != SourceReport.Status.OK) {
        lines.add(":warning: Source " + escape(s.system()) + " " + s.status().wireId() + " in this brief");
      }
    }
    QualityReport q = brief.quality();
    if (q == null && lines.isEmpty()) {
      return;
    }
    String head = q == null ? "*Sources*" : "*Quality:* " + (q.checks().size() - q.failed().size()) + " of "
        + q.checks().size() + " checks passed · *Review:* " + route(q.route());
    if (q != null) {
      q.failed().forEach(c -> lines.add(line("Failed " + c.id() + ": " + c.reason(), c.citations(), cites)));
      q.triggers().forEach(t -> lines.add(line("Review trigger " + t.id() + ": " + t.reason(), t.citations(), cites)));
    }
    section(blocks, fit(head, lines, List.of(), 0));
  }

  static String route(QualityReport.Route route) {
    return switch (route) {
      case NONE -> "not required";
      case AE -> "required (account executive)";
      case SALES_MANAGER -> "required (sales manager)";
    };
  }

  /**
   * A claim the reviewer flagged carries what they said in its {@code flagged} attribute and who in
   * {@code flaggedBy} (set by {@link org.handoffbrief.review.BriefReview#reviewed}): shown after it.
   */
  static String flag(Claim c) {
    String what = c.attributes().get("flagged");
    if (what == null || what.isBlank()) {
      return "";
    }
    String by = c.attributes().get("flaggedBy");
    return "\n    :triangular_flag_on_post: _Flagged" + (by == null ? "" : " by " + escape(cut(by, 80))) + ": "
        + escape(cut(what, MAX_LINE)) + "_";
  }

  // ---- shared with the review DM

  /** One bullet: the text (cut, escaped) and its citation links. */
  static String line(String text, List<Citation> citations, Cites cites) {
    StringBuilder out = new StringBuilder("• ").append(escape(cut(text, MAX_LINE)));
    int shown = 0;
    for (Citation c : citations) {
      if (shown == MAX_LINKS_PER_LINE) {
        out.append(" +").append(citations.size() - shown);
        break;
      }
      String label = "[" + cites.number(c) + "]";
      String link = link(c.permalink(), label);
      out.append(' ').append(link != null ? link : label);
      shown++;
    }
    return out.toString();
  }

  /**
   * A heading and lines as one section text of at most {@value #MAX_TEXT} characters: the
   * {@code kept} lines (gaps) first get up to half the room, then {@code lines} fill it in order,
   * then the kept lines; what does not fit, plus {@code alreadyHidden}, is counted in "N more in the
   * full brief".
   */
  static String fit(String heading, List<String> lines, List<String> kept, int alreadyHidden) {
    String more = "\n_" + (lines.size() + kept.size() + alreadyHidden) + " more in the full brief_";
    int room = MAX_TEXT - heading.length() - more.length();
    int keptRoom = 0;
    int keptCount = 0;
    for (String k : kept) {
      if (keptRoom + k.length() + 1 > room / 2) {
        break;
      }
      keptRoom += k.length() + 1;
      keptCount++;
    }
    StringBuilder out = new StringBuilder(heading);
    int used = keptRoom;
    int shownLines = 0;
    for (String l : lines) {
      if (used + l.length() + 1 > room) {
        break;
      }
      out.append('\n').append(l);
      used += l.length() + 1;
      shownLines++;
    }
    kept.subList(0, keptCount).forEach(k -> out.append('\n').append(k));
    int hidden = lines.size() - shownLines + kept.size() - keptCount + alreadyHidden;
    if (hidden > 0) {
      out.append("\n_").append(hidden).append(" more in the full brief_");
    }
    return out.toString();
  }

  /**
   * Escapes text for Slack's mrkdwn: {@code &}, {@code <} and {@code >} become entities (Slack's
   * "Escaping text" rules), so nothing in it is read as a mention, a channel ping or a link; line
   * breaks and control characters become spaces, so a line stays a line.
   */
  public static String escape(String text) {
    String oneLine = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ");
    return oneLine.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A Slack link {@code <url|label>} when {@code uri} is an absolute http(s) address, else null. */
  static String link(URI uri, String label) {
    if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
      return null;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return null;
    }
    String url = uri.toASCIIString();
    if (url.length() > MAX_URL) {
      return null;
    }
    // In <url|label> a '|' or '>' would end the address early: a crafted link could show another one.
    url = url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C");
    return "<" + url + "|" + escape(label).replace("|", "¦") + ">";
  }

  /** {@code text} cut to {@code max} characters with an ellipsis, whitespace collapsed. */
  static String cut(String text, int max) {
    String t = text.replaceAll("\\s+", " ").strip();
    if (t.length() <= max) {
      return t;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(t.charAt(end - 1))) {
      end--;
    }
    return t.substring(0, end) + "…";
  }

  static void header(ArrayNode blocks, String text) {
    ObjectNode b = blocks.addObject().put("type", "header");
    b.putObject("text").put("type", "plain_text").put("text", cut(text, MAX_HEADER)).put("emoji", false);
  }

  static void context(ArrayNode blocks, String mrkdwn) {
    ObjectNode b = blocks.addObject().put("type", "context");
    b.putArray("elements").addObject().put("type", "mrkdwn").put("text", mrkdwn);
  }

  static void section(ArrayNode blocks, String mrkdwn) {
    ObjectNode b = blocks.addObject().put("type", "section");
    b.putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
  }

  /** Past Slack's block limit the last blocks give way to one that says how many more there were. */
  static ArrayNode capBlocks(ArrayNode blocks) {
    if (blocks.size() <= MAX_BLOCKS) {
      return blocks;
    }
    int hidden = blocks.size() - (MAX_BLOCKS - 1);
    while (blocks.size() > MAX_BLOCKS - 1) {
      blocks.remove(blocks.size() - 1);
    }
    context(blocks, "_" + hidden + " more in the full brief_");
    return blocks;
  }

  static ObjectMapper json() {
    return JSON;
  }

  /** Citation numbers of one message: the same span of the same evidence gets one number. */
  static final class Cites {
    private final Map<String, Integer> numbers = new HashMap<>();

    int number(Citation c) {
      return numbers.computeIfAbsent(c.evidenceId() + '\u0000' + c.start() + '\u0000' + c.end(),
          k -> numbers.size() + 1);
    }
  }

  /** The claim's one-line label for a select option: section and text. */
  static String optionLabel(Claim c, int max) {
    return cut(c.section().title() + ": " + c.text(), max);
  }

  static List<String> gapLines(Section s) {
    return s.gaps().stream().map((Gap g) -> ":warning: Gap: " + escape(cut(g.message(), MAX_LINE))).toList();
  }
}
