package org.handoffbrief.review;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.QualityReport;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;

/** A small brief for the review tests: one stakeholder, one commitment, routed to the AE or to nobody. */
final class ReviewBriefs {
  private ReviewBriefs() {}

  static final String STAKEHOLDER = "stakeholders.champion.1";
  static final String COMMITMENT = "commitments.promise.1";

  static HandoffBrief brief(boolean reviewTriggered) {
    Evidence role = Evidence.builder("salesforce", "OpportunityContactRole", "00K000000000001AAA")
        .permalink(URI.create("https://example.my.salesforce.com/003000000000001AAA"))
        .timestamp(OffsetDateTime.parse("2026-03-02T10:00:00Z"))
        .text("Role: Champion")
        .build();
    Evidence mail = Evidence.builder("gmail", "message", "m-1")
        .timestamp(OffsetDateTime.parse("2026-03-20T15:30:00+01:00"))
        .text("We will deliver the export connector by end of April.")
        .build();
    var stakeholders = new Section(SectionId.STAKEHOLDERS, List.of(new Claim(STAKEHOLDER, SectionId.STAKEHOLDERS,
        "Pat Example is the champion.", Map.of("role", "champion", "name", "Pat Example"),
        List.of(Citation.of(role, "Champion")))), List.of());
    var commitments = new Section(SectionId.COMMITMENTS, List.of(new Claim(COMMITMENT, SectionId.COMMITMENTS,
        "Export connector promised by end of April.", Map.of(),
        List.of(Citation.of(mail, "We will deliver the export connector by end of April.")))), List.of());
    QualityReport quality = reviewTriggered
        ? new QualityReport(List.of(), List.of(new QualityReport.Trigger("arr_threshold", "Amount above the threshold.",
            List.of(), List.of(), List.of())), QualityReport.Route.AE)
        : new QualityReport(List.of(), List.of(), QualityReport.Route.NONE);
    return new HandoffBrief(HandoffBrief.SCHEMA_VERSION, "006000000000001AAA", "Example deal", "001000000000001AAA",
        "Example Co", Instant.parse("2026-03-27T09:00:00Z"),
        Map.of(SectionId.STAKEHOLDERS, stakeholders, SectionId.COMMITMENTS, commitments), List.of(), quality);
  }
}
