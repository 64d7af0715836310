package org.handoffbrief.writeback.salesforce;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;

/** Small briefs made in code, with invented people and neutral wording. */
final class Briefs {
  static final String OPP = "0068c00000MeRdHAAV";
  static final String ACCOUNT = "0018c00000AcCouAAA";

  private Briefs() {}

  static Claim claim(SectionId section, String id, String text, Map<String, String> attributes) {
    var cite = new Citation("crm:Task:" + id, "crm", URI.create("https://crm.example.com/r/" + id.replace('.', '-')),
        OffsetDateTime.parse("2025-03-20T10:00:00Z"), text, 0, text.length(), "Subject");
    return new Claim(id, section, text, attributes, List.of(cite));
  }

  /** A handoff brief: go-live, one stakeholder, one dated commitment, one risk, and these open threads. */
  static HandoffBrief brief(List<Claim> openThreads) {
    var sections = new EnumMap<SectionId, Section>(SectionId.class);
    sections.put(SectionId.ACCOUNT_SNAPSHOT, new Section(SectionId.ACCOUNT_SNAPSHOT, List.of(
        claim(SectionId.ACCOUNT_SNAPSHOT, "account_snapshot.go_live.1", "Go-live target: 2025-06-02",
            Map.of("go_live", "2025-06-02"))), List.of()));
    sections.put(SectionId.STAKEHOLDERS, new Section(SectionId.STAKEHOLDERS, List.of(
        claim(SectionId.STAKEHOLDERS, "stakeholders.champion.1", "Champion: Avery Quinn (Operations Lead)",
            Map.of("role", "champion"))), List.of()));
    sections.put(SectionId.COMMITMENTS, new Section(SectionId.COMMITMENTS, List.of(
        claim(SectionId.COMMITMENTS, "commitments.promise.1", "Commitment: data import template by April",
            Map.of("due", "2025-04-15"))), List.of()));
    sections.put(SectionId.RISKS, new Section(SectionId.RISKS, List.of(
        claim(SectionId.RISKS, "risks.dependency.1", "Dependency: single sign-on must be configured first",
            Map.of("category", "technical_dependency"))), List.of()));
    sections.put(SectionId.OPEN_THREADS, new Section(SectionId.OPEN_THREADS, openThreads, List.of()));
    return new HandoffBrief(HandoffBrief.SCHEMA_VERSION, OPP, "Example Co - 200 seats", ACCOUNT, "Example Co",
        Instant.parse("2025-03-29T18:00:00Z"), sections, List.of(), null);
  }

  /** Three open threads: owed by a user the org knows, by one whose name needs escaping, and by nobody it knows. */
  static HandoffBrief standard() {
    var threads = new ArrayList<Claim>();
    threads.add(claim(SectionId.OPEN_THREADS, "open_threads.follow_up.1", "Send the security questionnaire",
        Map.of("owedBy", "Morgan Lee", "due", "2025-04-04")));
    threads.add(claim(SectionId.OPEN_THREADS, "open_threads.legal.1", "Confirm the data processing addendum",
        Map.of("owedBy", "Casey O'Brien \\ Legal")));
    threads.add(claim(SectionId.OPEN_THREADS, "open_threads.pending.1", "Share the rollout calendar",
        Map.of("owedBy", "Jordan Unknown", "date", "2025-03-25")));
    return brief(threads);
  }
}
