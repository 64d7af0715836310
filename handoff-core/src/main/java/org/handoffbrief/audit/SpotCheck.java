package org.handoffbrief.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Section;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.store.AuditEntry;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.ReviewStatus;
import org.handoffbrief.store.StoredBrief;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly citation spot-check, through plain Java: draw a week's sample, record answers. A
 * Slack flow or a web page calls the same two methods.
 *
 * <h2>How a week is drawn (reproducible)</h2>
 *
 * <ol>
 *   <li>Candidates are the briefs whose review moved to {@code delivered} within the ISO week (UTC),
 *       one per opportunity (the one delivered last), <b>sorted by brief id</b>.
 *   <li>A {@link Random} seeded with {@code seed * 31 + week.hashCode()} picks {@link
 *       Builder#briefs(int) N} of them by a partial Fisher-Yates shuffle, in draw order.
 *   <li>For each drawn brief, its (claim, citation) pairs are listed in template order: sections
 *       in template order, claims as stored, citations as stored; reviewer notes (system {@value
 *       BriefReview#NOTE_SYSTEM}) are left out, they cite a person, not a source. The same random
 *       picks {@link Builder#citationsPerBrief(int) three} pairs without replacement, then a
 *       "what would you have missed?" question for the brief's CSM is added.
 * </ol>
 *
 * <p>So the same seed and the same store contents give the same sample. It is then saved once
 * per week ({@link BriefStore#saveSample}): asking again returns the saved sample, even when
 * more briefs were delivered since. A week with no delivered brief saves nothing.
 */
public final class SpotCheck {
  private static final Logger log = LoggerFactory.getLogger(SpotCheck.class);
  /** The actor of audit lines the spot-check writes itself. */
  public static final String ACTOR = "spot-check";

  private final BriefStore store;
  private final int briefs;
  private final int citationsPerBrief;
  private final long seed;
  private final Clock clock;
  private final AuditListener listener;

  private SpotCheck(Builder b) {
    this.store = b.store;
    this.briefs = b.briefs;
    this.citationsPerBrief = b.citationsPerBrief;
    this.seed = b.seed;
    this.clock = b.clock;
    this.listener = b.listener;
  }

  /** Starts a spot-check over {@code store}: five briefs, three citations each, seed 0. */
  public static Builder builder(BriefStore store) {
    return new Builder(store);
  }

  /** The sample of the week {@code day} falls in; see {@link #sample(String)}. */
  public List<AuditQuestion> sample(LocalDate day) {
    return sample(Weeks.of(day));
  }

  /**
   * The week's questions: drawn and saved the first time, read back every later time.
   *
   * @param week an ISO week, e.g. {@code 2026-W14}
   */
  public List<AuditQuestion> sample(String week) {
    Weeks.monday(week);
    List<AuditQuestion> saved = store.sample(week);
    if (!saved.isEmpty()) {
      return saved;
    }
    List<AuditQuestion> drawn = draw(week);
    if (store.saveSample(week, drawn)) {
      long brief = drawn.stream().map(AuditQuestion::briefId).distinct().count();
      store.audit(new AuditEntry(clock.instant(), ACTOR, "audit.sampled", "audit/" + week, null, null, "ok",
          brief + " delivered briefs and " + (drawn.size() - brief) + " citations sampled, seed " + seed));
      notify(() -> listener.sampled(week, drawn));
    }
    return store.sample(week);
  }

  /** Draws without saving: what {@link #sample(String)} saves for a week that has no sample yet. */
  List<AuditQuestion> draw(String week) {
    Instant from = Weeks.start(week);
    Instant to = Weeks.end(week);
    Map<String, ReviewStatus> lastPerOpportunity = new LinkedHashMap<>();
    Map<String, StoredBrief> byId = new LinkedHashMap<>();
    for (ReviewStatus r : store.reviews(ReviewState.DELIVERED)) {
      if (r.at().isBefore(from) || !r.at().isBefore(to)) {
        continue;
      }
      StoredBrief b = store.find(r.briefId()).orElse(null);
      if (b == null) {
        continue;
      }
      byId.put(b.briefId(), b);
      lastPerOpportunity.merge(b.opportunityId(), r, (x, y) -> y.at().isAfter(x.at())
          || (y.at().equals(x.at()) && byId.get(y.briefId()).version() > byId.get(x.briefId()).version()) ? y : x);
    }
    List<StoredBrief> candidates = new ArrayList<>(lastPerOpportunity.values().stream()
        .map(r -> byId.get(r.briefId())).sorted(Comparator.comparing(StoredBrief::briefId)).toList());
    Random random = new Random(seed * 31 + week.hashCode());
    int k = Math.min(briefs, candidates.size());
    pickInPlace(candidates, k, random);
    Instant now = clock.instant();
    var out = new ArrayList<AuditQuestion>();
    for (StoredBrief stored : candidates.subList(0, k)) {
      List<Cited> pairs = citedPairs(stored.brief());
      pickInPlace(pairs, Math.min(citationsPerBrief, pairs.size()), random);
      for (Cited c : pairs.subList(0, Math.min(citationsPerBrief, pairs.size()))) {
        int seq = out.size() + 1;
        out.add(new AuditQuestion(AuditQuestion.idFor(week, seq), week, seq, AuditQuestion.Kind.CITATION,
            stored.briefId(), stored.accountId(), stored.opportunityId(), c.claim.section().wireId(), c.claim.id(),
            c.claim.text(), c.citation.system(), c.citation.evidenceId(), c.citation.quote(),
            c.citation.permalink() == null ? null : c.citation.permalink().toString(), now));
      }
      int seq = out.size() + 1;
      out.add(new AuditQuestion(AuditQuestion.idFor(week, seq), week, seq, AuditQuestion.Kind.MISSED,
          stored.briefId(), stored.accountId(), stored.opportunityId(), null, null, null, null, null, null, null,
          now));
    }
    return out;
  }

  private record Cited(Claim claim, Citation citation) {}

  private static List<Cited> citedPairs(HandoffBrief brief) {
    var out = new ArrayList<Cited>();
    for (Section s : brief.sections().values()) {
      for (Claim claim : s.claims()) {
        for (Citation c : claim.citations()) {
          if (!BriefReview.NOTE_SYSTEM.equals(c.system())) {
            out.add(new Cited(claim, c));
          }
        }
      }
    }
    return out;
  }

  /** Moves a random pick of {@code k} items to the front, in draw order (partial Fisher-Yates). */
  private static <T> void pickInPlace(List<T> items, int k, Random random) {
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(items.size() - i);
      T t = items.get(i);
      items.set(i, items.get(j));
      items.set(j, t);
    }
  }

  /**
   * Records a manager's verdict on a citation question. The first answer is final; a replay or a
   * different second answer returns the stored one, {@link AnswerOutcome#recorded()} false. A
   * "does not support" marks the claim ({@link BriefStore#claimMarks}) and records a gate failure
   * for the account ({@link BriefStore#qualityHistory()}).
   *
   * @throws IllegalArgumentException for an unknown question or one that is not a citation question
   */
  public AnswerOutcome answer(String questionId, Verdict verdict, String answeredBy, String note) {
    Objects.requireNonNull(verdict, "verdict == null");
    AuditQuestion q = question(questionId, AuditQuestion.Kind.CITATION);
    var answer = new AuditAnswer(questionId, verdict, answeredBy, clock.instant(), blankToNull(note));
    if (!store.saveAnswer(answer)) {
      return new AnswerOutcome(q, store.auditAnswer(questionId).orElseThrow(), false);
    }
    store.audit(new AuditEntry(answer.answeredAt(), answeredBy, "audit.answered", questionId, null, null,
        verdict.wireId(), "claim " + q.claimId() + " of " + q.briefId() + " citing " + q.evidenceId()));
    notify(() -> listener.answered(q, answer));
    if (verdict == Verdict.DOES_NOT_SUPPORT) {
      int failures = store.qualityHistory().record(q.accountId(), q.opportunityId(), true);
      var mark = new ClaimMark(q.briefId(), q.claimId(), questionId, answeredBy, answer.answeredAt(), answer.note());
      store.audit(new AuditEntry(answer.answeredAt(), ACTOR, "audit.claim_marked", questionId, null, null,
          "gate_failure", "claim " + q.claimId() + " of " + q.briefId() + " marked unsupported; account "
          + q.accountId() + " now has " + failures + " gate failure(s)"));
      notify(() -> listener.claimMarked(mark));
    }
    return new AnswerOutcome(q, answer, true);
  }

  /**
   * Records the CSM's answer to "what would you have missed without this brief?", once.
   *
   * @throws IllegalArgumentException for an unknown question, one that is not a "missed" question, or a blank answer
   */
  public AnswerOutcome answerMissed(String questionId, String answeredBy, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the answer is blank");
    }
    AuditQuestion q = question(questionId, AuditQuestion.Kind.MISSED);
    var answer = new AuditAnswer(questionId, null, answeredBy, clock.instant(), text.strip());
    if (!store.saveAnswer(answer)) {
      return new AnswerOutcome(q, store.auditAnswer(questionId).orElseThrow(), false);
    }
    // The CSM's words stay in the answer, not in the audit trail (which never holds brief text).
    store.audit(new AuditEntry(answer.answeredAt(), answeredBy, "audit.answered", questionId, null, null, "missed",
        "answered what would have been missed without " + q.briefId()));
    notify(() -> listener.answered(q, answer));
    return new AnswerOutcome(q, answer, true);
  }

  /** The questions of a week that have no answer yet, in order: what to send or remind about. */
  public List<AuditQuestion> unanswered(String week) {
    return store.sample(week).stream().filter(q -> store.auditAnswer(q.questionId()).isEmpty()).toList();
  }

  private AuditQuestion question(String questionId, AuditQuestion.Kind kind) {
    AuditQuestion q = store.auditQuestion(questionId)
        .orElseThrow(() -> new IllegalArgumentException("no spot-check question " + questionId + " is stored"));
    if (q.kind() != kind) {
      throw new IllegalArgumentException("question " + questionId + " is a " + q.kind().wireId()
          + " question, not a " + kind.wireId() + " question");
    }
    return q;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("An audit listener failed ({}); what was stored stands", e.getClass().getSimpleName(), e);
    }
  }

  /**
   * How an answer came out.
   *
   * @param question the question answered
   * @param answer the stored answer: this one when {@code recorded}, else the first one
   * @param recorded whether this call's answer was the first and was stored
   */
  public record AnswerOutcome(AuditQuestion question, AuditAnswer answer, boolean recorded) {}

  /** Options of a {@link SpotCheck}. */
  public static final class Builder {
    private final BriefStore store;
    private int briefs = 5;
    private int citationsPerBrief = 3;
    private long seed;
    private Clock clock = Clock.systemUTC();
    private AuditListener listener = AuditListener.NONE;

    private Builder(BriefStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
    }

    /** How many delivered briefs a week's sample takes (default 5). */
    public Builder briefs(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("briefs " + n + " < 1");
      }
      this.briefs = n;
      return this;
    }

    /** How many citations of each sampled brief are asked about (default 3). */
    public Builder citationsPerBrief(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("citationsPerBrief " + n + " < 1");
      }
      this.citationsPerBrief = n;
      return this;
    }

    /** The seed that, with the store's contents, fixes each week's sample (default 0). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The clock that dates samples and answers (default system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Who is told about samples, answers and marks (default nobody). */
    public Builder listener(AuditListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** The spot-check. */
    public SpotCheck build() {
      return new SpotCheck(this);
    }
  }
}
