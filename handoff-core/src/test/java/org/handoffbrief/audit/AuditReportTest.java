package org.handoffbrief.audit;

import static org.handoffbrief.audit.AuditBriefs.IN_WEEK;
import static org.handoffbrief.audit.AuditBriefs.WEEK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.handoffbrief.Fakes.SettableClock;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.review.ReviewFeedback;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.ReviewStatus;
import org.junit.jupiter.api.Test;

class AuditReportTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-04-06T08:00:00Z"));
  private final BriefStore store = BriefStore.inMemory(clock);

  /** Answers every citation question: "does not support" for risk claims of the first brief, else "supports". */
  private void answeredWeek() {
    AuditBriefs.delivered(store, AuditBriefs.brief("opp-1", 4, "Kickoff call", "2026-04-08"), IN_WEEK);
    AuditBriefs.delivered(store, AuditBriefs.brief("opp-2", 4, null, null), IN_WEEK);
    SpotCheck check = SpotCheck.builder(store).clock(clock).build();
    for (AuditQuestion q : check.sample(WEEK)) {
      if (q.kind() == AuditQuestion.Kind.MISSED) {
        check.answerMissed(q.questionId(), "csm@example.invalid", "The open risks.");
      } else {
        boolean fail = q.opportunityId().equals("opp-1") && q.sectionId().equals("risks");
        check.answer(q.questionId(), fail ? Verdict.DOES_NOT_SUPPORT : Verdict.SUPPORTS, "manager@example.invalid", null);
      }
    }
  }

  @Test
  void theReportCountsThePassRatePerWeekSystemAndSection() {
    answeredWeek();
    AuditReport r = AuditMetrics.report(store, WEEK, KickoffSignal.calendarTitle(Pattern.compile("(?i)kickoff")));
    assertEquals(6, r.rolling().n());
    assertEquals(AuditMetrics.CHART_WEEKS, r.weekly().size());
    assertEquals(WEEK, r.weekly().get(r.weekly().size() - 1).week());
    assertEquals(r.rolling(), r.weekly().get(r.weekly().size() - 1).rate());
    int riskFails = r.bySection().getOrDefault("risks", PassRate.NONE).doesNotSupport();
    assertEquals(riskFails, r.bySystem().get("gmail").doesNotSupport());
    assertEquals(r.rolling().n(), r.bySection().values().stream().mapToInt(PassRate::n).sum());
    assertEquals(2, r.missed().size());
  }

  @Test
  void timeToKickoffReadsACalendarEventTitleOrACrmField() {
    answeredWeek();
    AuditReport byCalendar = AuditMetrics.report(store, WEEK, KickoffSignal.calendarTitle(Pattern.compile("(?i)kickoff")));
    assertEquals(List.of(new AuditReport.Kickoff("opp-1", LocalDate.parse("2026-03-27"), LocalDate.parse("2026-04-08"), 12),
        new AuditReport.Kickoff("opp-2", LocalDate.parse("2026-03-27"), null, null)), byCalendar.kickoffs());
    assertEquals(12.0, byCalendar.medianDaysToKickoff());
    AuditReport byField = AuditMetrics.report(store, WEEK, KickoffSignal.crmField("closeDate"));
    assertEquals(0, byField.kickoffs().get(0).days(), "a field read from the briefs' claim attributes");
  }

  @Test
  void reviewOutcomesCountConfirmedFlaggedAndTimedOut() {
    String confirmed = store.save(AuditBriefs.brief("opp-a", 1, null, null), BriefKind.HANDOFF).briefId();
    String timedOut = store.save(AuditBriefs.brief("opp-b", 1, null, null), BriefKind.HANDOFF).briefId();
    String flagged = store.save(AuditBriefs.brief("opp-c", 1, null, null), BriefKind.HANDOFF).briefId();
    String waiting = store.save(AuditBriefs.brief("opp-d", 1, null, null), BriefKind.HANDOFF).briefId();
    AuditBriefs.deliver(store, confirmed, IN_WEEK, null);
    AuditBriefs.deliver(store, timedOut, IN_WEEK, "not reviewed: no answer within 48 hours");
    store.addFeedback(flagged, new ReviewFeedback("f1", ReviewFeedback.Kind.FLAGGED_CLAIM, "AE", IN_WEEK, "risks.r1", "wrong"));
    AuditBriefs.deliver(store, flagged, IN_WEEK, null);
    store.moveReview(waiting, null, new ReviewStatus(waiting, ReviewState.CHANGES_REQUESTED, "AE", IN_WEEK, null));
    AuditReport r = AuditMetrics.report(store, WEEK, (c, b) -> java.util.Optional.empty());
    assertEquals(new AuditReport.ReviewOutcomes(1, 2, 1), r.reviews());
    assertEquals(0.25, r.reviews().share(r.reviews().timedOut()));
  }

  @Test
  void theJsonHasNullNotNanForAnEmptyWeekAndTheHtmlHasAnSvgChartAndNoScript() throws Exception {
    answeredWeek();
    AuditReport r = AuditMetrics.report(store, WEEK, KickoffSignal.crmField("Kickoff_Date__c"));
    JsonNode json = new ObjectMapper().readTree(r.toJson());
    assertTrue(json.get("weekly").get(0).get("rate").isNull());
    assertEquals(6, json.get("rolling4Weeks").get("n").asInt());
    assertTrue(json.get("timeToKickoff").get("medianDays").isNull());
    String html = r.toHtml();
    assertTrue(html.contains("<svg") && html.contains("<rect"), html);
    assertFalse(html.contains("<script"));
    assertNull(r.medianDaysToKickoff());
  }
}
