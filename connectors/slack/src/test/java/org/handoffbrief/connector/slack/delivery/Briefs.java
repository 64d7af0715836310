package org.handoffbrief.connector.slack.delivery;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.handoffbrief.model.BriefChanges;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Gap;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.QualityReport;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;

/** Briefs for the delivery tests: a small one whose evidence says what a test needs, and a very large one. */
final class Briefs {
  static final Instant MADE = Instant.parse("2026-03-28T15:00:00Z");
  static final OffsetDateTime SAID = OffsetDateTime.of(2026, 3, 2, 10, 0, 0, 0, ZoneOffset.UTC);

  private Briefs() {}

  static Citation cite(String evidenceId, String quote, String permalink) {
    return new Citation(evidenceId, "email", permalink == null ? null : URI.create(permalink), SAID, quote, 0,
        quote.length());
  }

  static Claim claim(SectionId section, int n, String text, Citation... citations) {
    return new Claim(section.wireId() + "." + n, section, text, Map.of(), List.of(citations));
  }

  /** One claim per section, each saying {@code text} and citing it; a gap in the risks. */
  static HandoffBrief small(String text) {
    var sections = new EnumMap<SectionId, Section>(SectionId.class);
    int n = 0;
    for (SectionId id : SectionId.values()) {
      n++;
      Citation c = cite("email:" + n, text, "https://mail.example.com/m/" + n);
      List<Gap> gaps = id == SectionId.RISKS ? List.of(new Gap("no_security_review", "No security review found."))
          : List.of();
      sections.put(id, new Section(id, List.of(claim(id, 1, text, c)), gaps));
    }
    QualityReport q = new QualityReport(List.of(new QualityReport.Check("stakeholder_coverage", true,
        "Champion and economic buyer are named.", List.of(), List.of(), List.of())), List.of(),
        QualityReport.Route.NONE);
    return new HandoffBrief(HandoffBrief.SCHEMA_VERSION, "006000000000001AAA", "Example Co - Platform",
        "001000000000001AAA", "Example Co", MADE, sections, List.of(), q);
  }

  /**
   * Far past every Slack limit: 150 long claims per section with three long links each, 30 gaps
   * per section, 40 failed checks, 40 triggers, 300 changes, a 400-character account name.
   */
  static HandoffBrief largest() {
    String words = "the customer asked for a phased rollout with single sign-on first and the data migration after"
        + " the second quarter, with weekly status calls and a named engineer on our side ";
    var sections = new EnumMap<SectionId, Section>(SectionId.class);
    List<BriefChanges.Item> changes = new ArrayList<>();
    for (SectionId id : SectionId.values()) {
      List<Claim> claims = new ArrayList<>();
      for (int i = 1; i <= 150; i++) {
        List<Citation> cites = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
          cites.add(cite("email:" + id.wireId() + ":" + i + ":" + k, words.strip(),
              "https://mail.example.com/mail/u/0/#search/rfc822msgid%3A" + "x".repeat(150) + i + "-" + k));
        }
        claims.add(new Claim(id.wireId() + "." + i, id, i + ": " + words + words, Map.of(), cites));
        if (changes.size() < 300) {
          changes.add(new BriefChanges.Item(BriefChanges.Category.RISK, BriefChanges.Change.NEW, "New: " + words,
              null, id.wireId() + "." + i, List.of(cites.get(0))));
        }
      }
      List<Gap> gaps = new ArrayList<>();
      for (int g = 1; g <= 30; g++) {
        gaps.add(new Gap("gap_" + g, "Gap " + g + ": nothing in the sources says " + words));
      }
      sections.put(id, new Section(id, claims, gaps, 120));
    }
    List<QualityReport.Check> checks = new ArrayList<>();
    List<QualityReport.Trigger> triggers = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      checks.add(new QualityReport.Check("check_" + i, false, "Failed because " + words, List.of(), List.of(),
          List.of(cite("email:q" + i, words.strip(), "https://mail.example.com/q/" + i))));
      triggers.add(new QualityReport.Trigger("trigger_" + i, "Fired because " + words, List.of(), List.of(),
          List.of()));
    }
    var q = new QualityReport(checks, triggers, QualityReport.Route.SALES_MANAGER);
    var since = new BriefChanges.Since("006000000000002AAA/handoff/v1", BriefKind.HANDOFF, 1,
        MADE.minusSeconds(86_400 * 30));
    String name = "Example Holdings " + "International ".repeat(27);
    return new HandoffBrief(HandoffBrief.SCHEMA_VERSION, "006000000000002AAA", name + " - Platform",
        "001000000000002AAA", name, MADE, sections, List.of(), q, BriefKind.HANDOFF,
        new BriefChanges(since, changes));
  }
}
