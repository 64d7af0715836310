package org.handoffbrief.render;

import org.handoffbrief.spi.kit.CleanText;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
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
 * The brief as one self-contained HTML page sized to read on one screen: a header, a strip
 * showing every source (failures in red, with their message), the quality strip, the review's
 * outcome (a reviewed brief), what changed since the previous brief (when there was one), and the
 * seven sections as compact cards; a claim the reviewer flagged is marked with what they said. Each
 * claim's citations are numbered links to the evidence; hovering one shows the quoted
 * span, the evidence id and its time. Gaps are shown as gaps, styled apart from claims. A
 * collapsed list at the end repeats every citation with its quote, for print and for readers who
 * cannot hover.
 *
 * <p>The page loads nothing: CSS is inline, there is no script, and a Content-Security-Policy
 * forbids scripts and remote resources, so it can be mailed, attached or stored as is. Every
 * string from evidence is HTML-escaped, and only absolute http(s) links become {@code href}s.
 */
public final class HtmlBriefRenderer implements BriefRenderer {

  private static final String CSS = """
      *{box-sizing:border-box}
      body{margin:0;padding:14px 18px;font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
      color:#1d2430;background:#f4f5f7}
      header{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 16px;margin-bottom:8px}
      h1{font-size:18px;margin:0}
      .meta{color:#5b6472;font-size:12px}
      .sources{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 10px;padding:0;list-style:none}
      .src{padding:2px 8px;border-radius:10px;font-size:12px;background:#e3f4e8;color:#1b5e20;\
      border:1px solid #b9e0c3}
      .src.failed{background:#fdecea;color:#8a1c14;border-color:#f5b5ae;font-weight:600}
      .src.partial{background:#fff4e0;color:#7a4a00;border-color:#f3d39a}
      .src.skipped{background:#eceff3;color:#4a5260;border-color:#d3d8df}
      .src .err{font-weight:400}
      main{display:grid;grid-template-columns:repeat(auto-fit,minmax(330px,1fr));gap:10px}
      section{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:8px 12px}
      h2{font-size:13px;margin:0 0 4px;text-transform:uppercase;letter-spacing:.04em;color:#3b4555}
      ul{margin:0;padding-left:16px}
      li{margin:2px 0}
      li.gap{list-style:none;margin-left:-16px;padding:2px 6px;background:#fff8e1;border-left:3px solid #f0a800;\
      color:#5d4300}
      li.empty{list-style:none;margin-left:-16px;color:#7a8391;font-style:italic}
      .role{display:inline-block;font-size:11px;padding:0 5px;margin-right:4px;border-radius:3px;\
      background:#e8eefc;color:#23408e}
      sup a,sup span{color:#2457c5;text-decoration:none;cursor:help;margin-left:1px}
      details{margin-top:10px;font-size:12px;color:#3b4555}
      details li{margin:3px 0}
      .note{color:#5b6472;font-size:12px;margin:-4px 0 8px}
      .quality{background:#fff;border:1px solid #dde1e6;border-left:4px solid #2e7d32;border-radius:6px;\
      padding:6px 12px;margin:0 0 10px;font-size:12px}
      .quality.review{border-left-color:#c62828}
      .quality ul{margin:4px 0 0}
      .quality .failed{color:#8a1c14}
      .changes{background:#fff;border:1px solid #dde1e6;border-left:4px solid #2457c5;border-radius:6px;\
      padding:6px 12px;margin:0 0 10px;font-size:12px}
      .changes ul{margin:4px 0 0}
      .review{background:#fff;border:1px solid #dde1e6;border-left:4px solid #6a1b9a;border-radius:6px;\
      padding:6px 12px;margin:0 0 10px;font-size:12px}
      li.flagged{background:#fff3f0}
      .flag{display:inline-block;margin-left:4px;padding:0 5px;border-radius:3px;background:#fdecea;color:#8a1c14;\
      font-weight:600}
      """;

  private final ZoneId zone;

  private HtmlBriefRenderer(ZoneId zone) {
    this.zone = zone;
  }

  /** A renderer that shows times in UTC. */
  public static HtmlBriefRenderer create() {
    return new HtmlBriefRenderer(ZoneId.of("UTC"));
  }

  /** A renderer that shows times in {@code zone} (e.g. the CSM team's own). */
  public static HtmlBriefRenderer create(ZoneId zone) {
    return new HtmlBriefRenderer(Objects.requireNonNull(zone, "zone == null"));
  }

  @Override
  public String render(HandoffBrief brief) {
    Objects.requireNonNull(brief, "brief == null");
    Footnotes notes = new Footnotes(brief);
    StringBuilder out = new StringBuilder(8192);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(brief.kind().title()).append(": ").append(esc(brief.accountName()))
        .append("</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");

    out.append("<header><h1>").append(brief.kind().title()).append(": ").append(esc(brief.accountName()))
        .append("</h1>")
        .append("<span class=\"meta\">").append(esc(brief.opportunityName()))
        .append(" &middot; opportunity ").append(esc(brief.opportunityId()))
        .append(" &middot; account ").append(esc(brief.accountId()))
        .append(" &middot; generated ").append(esc(Footnotes.time(brief.generatedAt(), zone)))
        .append("</span></header>\n");

    out.append("<ul class=\"sources\" aria-label=\"Sources\">");
    for (SourceReport s : brief.sources()) {
      String status = s.status().wireId();
      out.append("<li class=\"src ").append(status).append("\" title=\"")
          .append(s.items()).append(" items, ").append(s.calls()).append(" calls, ")
          .append(s.elapsed().toMillis()).append(" ms").append(esc(usage(s))).append("\">")
          .append(esc(s.system())).append(": ").append(status);
      if (s.read()) {
        out.append(" &middot; ").append(s.items()).append(" items");
      }
      if (s.failure() != null) {
        out.append(" <span class=\"err\">&mdash; ").append(esc(failure(s.failure()))).append("</span>");
      }
      out.append("</li>");
    }
    if (brief.sources().isEmpty()) {
      out.append("<li class=\"src skipped\">No sources were read.</li>");
    }
    out.append("</ul>\n");
    for (SourceReport s : brief.sources()) {
      for (String note : s.notes()) {
        out.append("<p class=\"note\">").append(esc(s.system())).append(": ").append(esc(note)).append("</p>\n");
      }
    }

    quality(brief.quality(), notes, out);
    if (brief.review() != null) {
      out.append("<div class=\"review\" aria-label=\"Review\"><strong>Review outcome:</strong> ")
          .append(esc(brief.review().outcome())).append("</div>\n");
    }
    changes(brief.changes(), notes, out);

    out.append("<main>\n");
    for (Section section : brief.sections().values()) {
      out.append("<section id=\"").append(section.id().wireId()).append("\"><h2>")
          .append(esc(section.id().title())).append("</h2><ul>");
      for (Claim claim : section.shownClaims()) {
        claimItem(out, claim, notes);
      }
      for (Gap gap : section.gaps()) {
        out.append("<li class=\"gap\"><strong>Gap:</strong> ").append(esc(gap.message())).append("</li>");
      }
      if (section.isEmpty()) {
        out.append("<li class=\"empty\">Nothing found in the sources read.</li>");
      }
      out.append("</ul>");
      if (!section.moreClaims().isEmpty()) {
        // One screen: the rest of the section is a click away, ranked as the JSON ranks it.
        out.append("<details class=\"more\"><summary>").append(section.moreClaims().size()).append(" more</summary><ul>");
        for (Claim claim : section.moreClaims()) {
          claimItem(out, claim, notes);
        }
        out.append("</ul></details>");
      }
      out.append("</section>\n");
    }
    out.append("</main>\n");

    if (!notes.all().isEmpty()) {
      out.append("<details><summary>Citations (").append(notes.all().size()).append(")</summary><ol>");
      for (Citation c : notes.all()) {
        out.append("<li id=\"c").append(notes.number(c)).append("\">&ldquo;").append(esc(c.quote()))
            .append("&rdquo; &mdash; ");
        String link = Footnotes.safeLink(c.permalink());
        if (link != null) {
          out.append("<a href=\"").append(esc(link)).append("\" rel=\"noopener noreferrer\">")
              .append(esc(c.evidenceId())).append("</a>");
        } else {
          out.append(esc(c.evidenceId()));
        }
        out.append(", ").append(esc(Footnotes.time(c.timestamp(), zone))).append("</li>");
      }
      out.append("</ol></details>\n");
    }
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  /** The quality strip: the route, then only what failed and what fired, each with its reason. */
  private void quality(QualityReport q, Footnotes notes, StringBuilder out) {
    if (q == null) {
      return;
    }
    long passed = q.checks().size() - q.failed().size();
    out.append("<div class=\"quality").append(q.reviewRequired() ? " review" : "")
        .append("\" aria-label=\"Quality\"><strong>Quality:</strong> ").append(passed).append(" of ")
        .append(q.checks().size()).append(" checks passed &middot; <strong>Review:</strong> ")
        .append(esc(MarkdownBriefRenderer.reviewLabel(q)));
    if (!q.failed().isEmpty() || !q.triggers().isEmpty()) {
      out.append("<ul>");
      for (QualityReport.Check c : q.failed()) {
        out.append("<li class=\"failed\">Failed ").append(esc(c.id())).append(": ").append(esc(c.reason()));
        c.citations().forEach(x -> cite(out, x, notes.number(x)));
        out.append("</li>");
      }
      for (QualityReport.Trigger t : q.triggers()) {
        out.append("<li>Review trigger ").append(esc(t.id())).append(": ").append(esc(t.reason()));
        t.citations().forEach(x -> cite(out, x, notes.number(x)));
        out.append("</li>");
      }
      out.append("</ul>");
    }
    out.append("</div>\n");
  }

  /** What changed since the previous brief, each item with its citations; nothing for a first brief. */
  private void changes(BriefChanges changes, Footnotes notes, StringBuilder out) {
    if (changes == null) {
      return;
    }
    out.append("<div class=\"changes\" aria-label=\"Changes\"><strong>")
        .append(esc(changes.heading(zone))).append("</strong>");
    if (!changes.isEmpty()) {
      out.append("<ul>");
      for (BriefChanges.Item item : changes.items()) {
        out.append("<li class=\"").append(item.change().wireId()).append("\">").append(esc(item.text()));
        item.citations().forEach(c -> cite(out, c, notes.number(c)));
        out.append("</li>");
      }
      out.append("</ul>");
    }
    out.append("</div>\n");
  }

  @Override
  public String fileExtension() {
    return "html";
  }

  @Override
  public String mediaType() {
    return "text/html; charset=utf-8";
  }

  private void claimItem(StringBuilder out, Claim claim, Footnotes notes) {
    String flagged = claim.attributes().get(Review.FLAGGED);
    out.append(flagged == null ? "<li>" : "<li class=\"flagged\">");
    String role = claim.attributes().get("role");
    if (role != null) {
      out.append("<span class=\"role\">").append(esc(role.replace('_', ' '))).append("</span>");
    }
    out.append(esc(claim.text()));
    for (Citation c : claim.citations()) {
      cite(out, c, notes.number(c));
    }
    if (flagged != null) {
      out.append(" <span class=\"flag\">&#9888; flagged by ")
          .append(esc(claim.attributes().getOrDefault(Review.FLAGGED_BY, "the reviewer"))).append(": ")
          .append(esc(flagged)).append("</span>");
    }
    out.append("</li>");
  }

  private void cite(StringBuilder out, Citation c, int number) {
    String title = "\u201c" + c.quote() + "\u201d\n" + c.evidenceId() + ", " + Footnotes.time(c.timestamp(), zone);
    String link = Footnotes.safeLink(c.permalink());
    out.append("<sup>");
    if (link != null) {
      out.append("<a href=\"").append(esc(link)).append("\" target=\"_blank\" rel=\"noopener noreferrer\" title=\"")
          .append(esc(title)).append("\">[").append(number).append("]</a>");
    } else {
      // No safe link: the number still carries the quote, and the citation list says where it is from.
      out.append("<span title=\"").append(esc(title)).append("\">[").append(number).append("]</span>");
    }
    out.append("</sup>");
  }

  private static String usage(SourceReport s) {
    StringBuilder out = new StringBuilder();
    s.usage().forEach((k, v) -> out.append("; ").append(k).append(' ').append(v));
    return out.toString();
  }

  private static String failure(SourceFailure f) {
    return f.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + (f.retriable() ? ", retriable" : "")
        + ": " + f.message();
  }

  /** Escapes text for an HTML element or a double- or single-quoted attribute. */
  static String esc(String text) {
    text = CleanText.withoutBidiControls(text);
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // Control characters other than tab and newline are not allowed in HTML text.
          if (ch < 0x20 && ch != '\n' && ch != '\t') {
            out.append(' ');
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.toString();
  }
}
