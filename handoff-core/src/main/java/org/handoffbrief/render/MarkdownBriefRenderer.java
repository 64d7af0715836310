package org.handoffbrief.render;

import org.handoffbrief.spi.kit.CleanText;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handoffbrief.model.BriefChanges;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Gap;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.QualityReport;
import org.handoffbrief.model.Review;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SourceFailure;
import org.handoffbrief.model.SourceReport;

/**
 * The brief as Markdown that fits a CRM note: a title, the account and opportunity, a line naming
 * any source that failed, the quality strip, the review's outcome (a reviewed brief), what changed since the previous brief (a later brief
 * made with a store), each section's claims as bullets with numbered citations ({@code [1]}),
 * its gaps as {@code Gap:} bullets, a sources table, and the numbered citations with their quotes.
 * Citations with an http(s) link become reference links, so {@code [1]} is clickable where
 * Markdown is rendered and still reads cleanly where it is shown raw.
 *
 * <p>Every string that comes from evidence is escaped (CommonMark backslash escapes) and folded
 * onto one line, so a quote cannot inject a heading, a link, HTML or a table cell.
 */
public final class MarkdownBriefRenderer implements BriefRenderer {

  // "_" inside a word (dana_okonkwo, Segment__c) cannot start emphasis in CommonMark, so only
  // a run of "_" touching a non-word character is escaped; ">" matters only at a line start.
  private static final Pattern SPECIAL =
      Pattern.compile("[\\\\`*\\[\\]<|~]|&(?=#?[A-Za-z0-9]+;)|(?<![A-Za-z0-9_])_+|_+(?![A-Za-z0-9_])");
  private static final Pattern LEADING = Pattern.compile("^([#>]|[-+=]|[0-9]+(?=[.)]))");

  private final ZoneId zone;

  private MarkdownBriefRenderer(ZoneId zone) {
    this.zone = zone;
  }

  /** A renderer that shows times in UTC. */
  public static MarkdownBriefRenderer create() {
    return new MarkdownBriefRenderer(ZoneId.of("UTC"));
  }

  /** A renderer that shows times in {@code zone} (e.g. the CSM team's own). */
  public static MarkdownBriefRenderer create(ZoneId zone) {
    return new MarkdownBriefRenderer(Objects.requireNonNull(zone, "zone == null"));
  }

  @Override
  public String render(HandoffBrief brief) {
    Objects.requireNonNull(brief, "brief == null");
    Footnotes notes = new Footnotes(brief);
    StringBuilder out = new StringBuilder(4096);
    out.append("# ").append(brief.kind().title()).append(": ").append(escape(brief.accountName()))
        .append("\n\n");
    out.append("**Account:** ").append(escape(brief.accountName()))
        .append(" (").append(escape(brief.accountId())).append(")  \n");
    out.append("**Opportunity:** ").append(escape(brief.opportunityName()))
        .append(" (").append(escape(brief.opportunityId())).append(")  \n");
    out.append("**Generated:** ").append(Footnotes.time(brief.generatedAt(), zone)).append("\n\n");

    List<SourceReport> missing = brief.sources().stream()
        .filter(s -> s.status() != SourceReport.Status.OK).toList();
    if (!missing.isEmpty()) {
      out.append("> **Sources missing from this brief**\n>\n");
      for (SourceReport s : missing) {
        out.append("> - ").append(escape(s.system())).append(": ").append(s.status().wireId());
        if (s.failure() != null) {
          out.append(", ").append(failure(s.failure()));
        } else if (s.status() == SourceReport.Status.PARTIAL && !s.notes().isEmpty()) {
          out.append(", ").append(escape(String.join("; ", s.notes())));
        }
        out.append('\n');
      }
      out.append('\n');
    }

    quality(brief.quality(), notes, out);
    review(brief.review(), out);
    changes(brief.changes(), notes, out);

    for (Section section : brief.sections().values()) {
      out.append("## ").append(section.id().title()).append("\n\n");
      for (Claim claim : section.shownClaims()) {
        out.append("- ").append(escape(claim.text()));
        for (Citation c : claim.citations()) {
          out.append(" [").append(notes.number(c)).append(']');
        }
        out.append(flag(claim)).append('\n');
      }
      if (!section.moreClaims().isEmpty()) {
        out.append("- ").append(section.moreClaims().size()).append(" more:");
        for (Claim claim : section.moreClaims()) {
          out.append("\n  - ").append(escape(claim.text()));
          for (Citation c : claim.citations()) {
            out.append(" [").append(notes.number(c)).append(']');
          }
          out.append(flag(claim));
        }
        out.append('\n');
      }
      for (Gap gap : section.gaps()) {
        out.append("- Gap: ").append(escape(gap.message())).append('\n');
      }
      if (section.isEmpty()) {
        out.append("- Nothing found in the sources read.\n");
      }
      out.append('\n');
    }

    out.append("## Sources\n\n");
    if (brief.sources().isEmpty()) {
      out.append("No sources were read.\n");
    } else {
      out.append(table(brief.sources()));
    }
    String sourceNotes = brief.sources().stream()
        .flatMap(s -> s.notes().stream().map(n -> "- " + escape(s.system()) + ": " + escape(n) + "\n"))
        .collect(java.util.stream.Collectors.joining());
    if (!sourceNotes.isEmpty()) {
      out.append('\n').append(sourceNotes);
    }

    if (!notes.all().isEmpty()) {
      out.append("\n## Citations\n\n");
      for (Citation c : notes.all()) {
        out.append("- [").append(notes.number(c)).append("] \"").append(escape(c.quote())).append("\" (")
            .append(escape(c.evidenceId())).append(", ").append(Footnotes.time(c.timestamp(), zone))
            .append(")\n");
      }
      StringBuilder links = new StringBuilder();
      for (Citation c : notes.all()) {
        String link = Footnotes.safeLink(c.permalink());
        if (link != null) {
          links.append('[').append(notes.number(c)).append("]: <").append(link).append(">\n");
        }
      }
      if (links.length() > 0) {
        out.append('\n').append(links);
      }
    }
    return out.toString();
  }

  /** The quality strip: the route, then only what failed and what fired, each with its reason. */
  private static void quality(QualityReport q, Footnotes notes, StringBuilder out) {
    if (q == null) {
      return;
    }
    long passed = q.checks().size() - q.failed().size();
    out.append("> **Quality:** ").append(passed).append(" of ").append(q.checks().size()).append(" checks passed")
        .append(" · **Review:** ").append(reviewLabel(q)).append('\n');
    if (!q.failed().isEmpty() || !q.triggers().isEmpty()) {
      out.append(">\n");
    }
    for (QualityReport.Check c : q.failed()) {
      out.append("> - Failed ").append(escape(c.id())).append(": ").append(escape(c.reason()));
      c.citations().forEach(x -> out.append(" [").append(notes.number(x)).append(']'));
      out.append('\n');
    }
    for (QualityReport.Trigger t : q.triggers()) {
      out.append("> - Review trigger ").append(escape(t.id())).append(": ").append(escape(t.reason()));
      t.citations().forEach(x -> out.append(" [").append(notes.number(x)).append(']'));
      out.append('\n');
    }
    out.append('\n');
  }

  /** How the review came out, right under the quality strip; nothing for a brief not reviewed yet. */
  private static void review(Review review, StringBuilder out) {
    if (review != null) {
      out.append("> **Review outcome:** ").append(escape(review.outcome())).append("\n\n");
    }
  }

  /** " ⚠ flagged by X: what is wrong" after a claim the reviewer flagged; empty for any other. */
  private static String flag(Claim claim) {
    String flagged = claim.attributes().get(Review.FLAGGED);
    if (flagged == null) {
      return "";
    }
    String by = claim.attributes().getOrDefault(Review.FLAGGED_BY, "the reviewer");
    return " \u26a0 flagged by " + escape(by) + ": " + escape(flagged);
  }

  /** What changed since the previous brief, each item with its citations; nothing for a first brief. */
  private void changes(BriefChanges changes, Footnotes notes, StringBuilder out) {
    if (changes == null) {
      return;
    }
    if (changes.isEmpty()) {
      out.append("> ").append(changes.heading(zone)).append(".\n\n");
      return;
    }
    out.append("## ").append(changes.heading(zone)).append("\n\n");
    for (BriefChanges.Item item : changes.items()) {
      out.append("- ").append(escape(item.text()));
      item.citations().forEach(c -> out.append(" [").append(notes.number(c)).append(']'));
      out.append('\n');
    }
    out.append('\n');
  }

  /** Whether review is required and by whom, e.g. "required (account executive)". */
  static String reviewLabel(QualityReport q) {
    return switch (q.route()) {
      case NONE -> "not required";
      case AE -> "required (account executive)";
      case SALES_MANAGER -> "required (sales manager)";
    };
  }

  @Override
  public String fileExtension() {
    return "md";
  }

  @Override
  public String mediaType() {
    return "text/markdown; charset=utf-8";
  }

  private static String table(List<SourceReport> sources) {
    StringBuilder out = new StringBuilder();
    out.append("| Source | Status | Items | Calls | Time | Error |\n");
    out.append("|---|---|---:|---:|---:|---|\n");
    for (SourceReport s : sources) {
      out.append("| ").append(escape(s.system()))
          .append(" | ").append(s.status() == SourceReport.Status.FAILED ? "**failed**" : s.status().wireId())
          .append(" | ").append(s.items())
          .append(" | ").append(s.calls())
          .append(" | ").append(String.format(Locale.ROOT, "%.1f s", s.elapsed().toMillis() / 1000.0))
          .append(" | ").append(s.failure() == null ? "" : failure(s.failure()))
          .append(" |\n");
    }
    return out.toString();
  }

  private static String failure(SourceFailure f) {
    return f.kind().name().toLowerCase(Locale.ROOT) + (f.retriable() ? ", retriable" : "") + ": "
        + escape(f.message());
  }

  /**
   * Escapes text from evidence for inline Markdown: backslash-escapes the characters that start
   * emphasis, code, links, HTML, table cells and strikethrough, an {@code &} that would start an
   * entity, and a leading character that would start a block (heading, list, setext underline).
   */
  static String escape(String text) {
    String line = Footnotes.oneLine(CleanText.withoutBidiControls(text));
    Matcher m = SPECIAL.matcher(line);
    StringBuilder out = new StringBuilder(line.length() + 8);
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group().replaceAll("(.)", "\\\\$1")));
    }
    m.appendTail(out);
    Matcher lead = LEADING.matcher(out);
    if (lead.find()) {
      int at = lead.end();
      // For "12." the escape goes before the dot; for "#", "-", "+", "=" before the character.
      out.insert(Character.isDigit(out.charAt(0)) ? at : 0, '\\');
    }
    return out.toString();
  }
}
