package org.handoffbrief.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.review.ReviewFeedback;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.ReviewStatus;
import org.handoffbrief.store.StoredBrief;

/** Computes the spot-check's numbers from the store: pass rates, review outcomes, time to kickoff. */
public final class AuditMetrics {
  /** The rolling window, in weeks. */
  public static final int ROLLING_WEEKS = 4;
  /** How many weeks the report's chart shows. */
  public static final int CHART_WEEKS = 8;

  private AuditMetrics() {}

  /** The pass rate of the {@code weeks} weeks ending with {@code week} (1: that week alone). */
  public static PassRate passRate(BriefStore store, String week, int weeks) {
    PassRate rate = PassRate.NONE;
    for (int i = 0; i < weeks; i++) {
      for (AuditAnswer a : store.answers(Weeks.minus(week, i))) {
        if (a.verdict() != null) {
          rate = rate.plus(a.verdict());
        }
      }
    }
    return rate;
  }

  /**
   * The report for {@code week}: the weekly pass rate of the last {@value #CHART_WEEKS} weeks,
   * the rolling {@value #ROLLING_WEEKS}-week rate overall, per source system and per section, the
   * review outcomes and the time to productive kickoff of the briefs delivered in the rolling
   * window, and the CSMs' answers of the week.
   */
  public static AuditReport report(BriefStore store, String week, KickoffSignal kickoff) {
    var weekly = new ArrayList<AuditReport.WeekRate>();
    for (int i = CHART_WEEKS - 1; i >= 0; i--) {
      String w = Weeks.minus(week, i);
      weekly.add(new AuditReport.WeekRate(w, passRate(store, w, 1)));
    }
    Map<String, PassRate> bySystem = new TreeMap<>();
    Map<String, PassRate> bySection = new TreeMap<>();
    PassRate rolling = PassRate.NONE;
    var missed = new ArrayList<AuditReport.Missed>();
    for (int i = 0; i < ROLLING_WEEKS; i++) {
      String w = Weeks.minus(week, i);
      for (AuditQuestion q : store.sample(w)) {
        Optional<AuditAnswer> a = store.auditAnswer(q.questionId());
        if (a.isEmpty()) {
          continue;
        }
        if (q.kind() == AuditQuestion.Kind.MISSED) {
          if (i == 0) {
            missed.add(new AuditReport.Missed(q.questionId(), q.briefId(), a.get().answeredBy(), a.get().note()));
          }
          continue;
        }
        Verdict v = a.get().verdict();
        rolling = rolling.plus(v);
        bySystem.merge(q.system(), PassRate.NONE.plus(v), PassRate::plus);
        bySection.merge(q.sectionId(), PassRate.NONE.plus(v), PassRate::plus);
      }
    }
    Instant from = Weeks.start(Weeks.minus(week, ROLLING_WEEKS - 1));
    Instant to = Weeks.end(week);
    return new AuditReport(week, weekly, rolling, bySystem, bySection, reviewOutcomes(store, from, to),
        kickoffs(store, from, to, kickoff), missed);
  }

  /**
   * Of the briefs delivered in [from, to), plus those whose review moved to "changes requested"
   * in it and stay there: timed out (delivered with the "not reviewed" note), flagged (a reviewer
   * flagged a claim, or asked for changes), or confirmed unchanged (the rest).
   */
  static AuditReport.ReviewOutcomes reviewOutcomes(BriefStore store, Instant from, Instant to) {
    int confirmed = 0;
    int flagged = 0;
    int timedOut = 0;
    for (ReviewStatus r : store.reviews(ReviewState.DELIVERED)) {
      if (r.at().isBefore(from) || !r.at().isBefore(to)) {
        continue;
      }
      if (r.note() != null && r.note().startsWith("not reviewed")) {
        timedOut++;
      } else if (store.feedback(r.briefId()).stream().anyMatch(f -> f.kind() == ReviewFeedback.Kind.FLAGGED_CLAIM)) {
        flagged++;
      } else {
        confirmed++;
      }
    }
    for (ReviewStatus r : store.reviews(ReviewState.CHANGES_REQUESTED)) {
      if (!r.at().isBefore(from) && r.at().isBefore(to)) {
        flagged++;
      }
    }
    return new AuditReport.ReviewOutcomes(confirmed, flagged, timedOut);
  }

  /** Days from Closed-Won to the first value session, for each opportunity delivered in [from, to). */
  static List<AuditReport.Kickoff> kickoffs(BriefStore store, Instant from, Instant to, KickoffSignal signal) {
    Set<String> opportunities = new LinkedHashSet<>();
    for (ReviewStatus r : store.reviews(ReviewState.DELIVERED)) {
      if (!r.at().isBefore(from) && r.at().isBefore(to)) {
        store.find(r.briefId()).ifPresent(b -> opportunities.add(b.opportunityId()));
      }
    }
    var out = new ArrayList<AuditReport.Kickoff>();
    for (String opp : new java.util.TreeSet<>(opportunities)) {
      List<HandoffBrief> briefs = store.history(opp).stream().map(StoredBrief::brief).toList();
      Optional<LocalDate> closed = KickoffSignal.closedWon(briefs);
      LocalDate session = closed.flatMap(c -> signal.firstValueSession(c, briefs)).orElse(null);
      Integer days = session == null ? null : (int) ChronoUnit.DAYS.between(closed.get(), session);
      out.add(new AuditReport.Kickoff(opp, closed.orElse(null), session, days));
    }
    return out;
  }
}
