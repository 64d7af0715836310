package org.handoffbrief.audit;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.ReviewStatus;
import org.handoffbrief.store.StoredBrief;

/** Small made-up briefs for the spot-check tests, and a way to mark them delivered at a given time. */
final class AuditBriefs {
  private AuditBriefs() {}

  /** Week 14 of 2026 runs from Monday 2026-03-30. */
  static final String WEEK = "2026-W14";
  static final Instant IN_WEEK = Instant.parse("2026-04-01T10:00:00Z");

  /**
   * A brief with a close claim (closed {@code 2026-03-27}, cited from the CRM), {@code risks} risk
   * claims cited from email, and optionally a calendar event claim dated {@code eventDay}.
   */
  static HandoffBrief brief(String opportunityId, int risks, String eventTitle, String eventDay) {
    Evidence opp = Evidence.builder("salesforce", "Opportunity", opportunityId)
        .permalink(URI.create("https://example.invalid/" + opportunityId))
        .timestamp(OffsetDateTime.parse("2026-03-27T09:00:00Z"))
        .text("Stage: Closed Won\nClose date: 2026-03-27\nKickoff date: 2026-04-09")
        .build();
    var snapshot = new ArrayList<Claim>();
    snapshot.add(new Claim("account_snapshot.close", SectionId.ACCOUNT_SNAPSHOT, "Closed Won on 2026-03-27",
        Map.of("stage", "Closed Won", "closeDate", "2026-03-27"), List.of(Citation.of(opp, "2026-03-27"))));
    var riskClaims = new ArrayList<Claim>();
    for (int i = 1; i <= risks; i++) {
      Evidence mail = Evidence.builder("gmail", "message", opportunityId + "-m" + i)
          .timestamp(OffsetDateTime.parse("2026-03-20T15:30:00Z"))
          .text("Risk number " + i + " is the data migration.")
          .build();
      riskClaims.add(new Claim("risks.r" + i, SectionId.RISKS, "Risk " + i + ": data migration.", Map.of(),
          List.of(Citation.of(mail, "Risk number " + i))));
    }
    var sections = new java.util.EnumMap<SectionId, Section>(SectionId.class);
    if (eventTitle != null) {
      Evidence event = Evidence.builder("google", "event", opportunityId + "-e")
          .timestamp(OffsetDateTime.parse(eventDay + "T15:00:00Z"))
          .text(eventTitle)
          .build();
      sections.put(SectionId.OPEN_THREADS, new Section(SectionId.OPEN_THREADS, List.of(new Claim("open.meeting",
          SectionId.OPEN_THREADS, "Meeting booked.", Map.of(), List.of(Citation.of(event, eventTitle)))), List.of()));
    }
    sections.put(SectionId.ACCOUNT_SNAPSHOT, new Section(SectionId.ACCOUNT_SNAPSHOT, snapshot, List.of()));
    sections.put(SectionId.RISKS, new Section(SectionId.RISKS, riskClaims, List.of()));
    return new HandoffBrief(HandoffBrief.SCHEMA_VERSION, opportunityId, "Deal " + opportunityId,
        "acct-" + opportunityId, "Account " + opportunityId, Instant.parse("2026-03-28T09:00:00Z"), sections,
        List.of(), null);
  }

  /** Stores the brief and moves it straight to delivered at {@code at}. */
  static StoredBrief delivered(BriefStore store, HandoffBrief brief, Instant at) {
    StoredBrief s = store.save(brief, BriefKind.HANDOFF);
    deliver(store, s.briefId(), at, null);
    return s;
  }

  static void deliver(BriefStore store, String briefId, Instant at, String note) {
    store.moveReview(briefId, null, new ReviewStatus(briefId, ReviewState.APPROVED, "policy", at, null));
    store.moveReview(briefId, ReviewState.APPROVED, new ReviewStatus(briefId, ReviewState.DELIVERED, "worker", at, note));
  }
}
