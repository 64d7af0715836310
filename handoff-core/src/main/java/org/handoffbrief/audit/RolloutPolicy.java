package org.handoffbrief.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.store.AuditEntry;
import org.handoffbrief.store.BriefStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The measured rollout the host configures: which closes are in the pilot, how long the AE's
 * review is mandatory, and which write-back targets are on. Every decision is an audit line under
 * subject {@code rollout/...}.
 *
 * <p><b>Write-back expands on evidence.</b> The CRM Task and the Slack post are always on. The
 * earned targets ({@link WriteBackTarget#earned()}: success plan, stored insight, follow-up tasks)
 * switch on when the rolling 4-week citation pass rate is <i>above</i> the threshold (default 90%)
 * over at least the minimum sample (default 20 counted answers), and off, with the reason logged,
 * when it is <i>below</i> it. Exactly at the threshold nothing changes; with fewer counted answers
 * than the minimum nothing changes either (too little evidence to switch either way). The state is
 * the store's checkpoint {@value #STATE}, so every process of the host agrees.
 *
 * <p><b>What is compared.</b> By default the point estimate, because the minimum sample already
 * guards against a lucky few answers and the Wilson lower bound of 19/20 (76%) would keep the
 * targets off for any team that samples five briefs a week; {@link Builder#compareLowerBound(boolean)}
 * compares the lower bound of the 95% interval instead, for hosts that want to be sure.
 */
public final class RolloutPolicy {
  private static final Logger log = LoggerFactory.getLogger(RolloutPolicy.class);
  /** The checkpoint that holds whether the earned targets are on ({@code on} / {@code off}). */
  public static final String STATE = "rollout.earned-targets";
  /** The actor of the policy's audit lines. */
  public static final String ACTOR = "rollout-policy";

  private final BriefStore store;
  private final Clock clock;
  private final LocalDate closedFrom;
  private final LocalDate closedTo;
  private final Set<String> segments;
  private final Set<String> accounts;
  private final LocalDate pilotStart;
  private final int aeReviewDays;
  private final BriefReview.Mode reviewAfter;
  private final double threshold;
  private final int minimumSample;
  private final boolean compareLowerBound;
  private final AuditListener listener;

  private RolloutPolicy(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.closedFrom = b.closedFrom;
    this.closedTo = b.closedTo;
    this.segments = Set.copyOf(b.segments);
    this.accounts = Set.copyOf(b.accounts);
    this.pilotStart = b.pilotStart;
    this.aeReviewDays = b.aeReviewDays;
    this.reviewAfter = b.reviewAfter;
    this.threshold = b.threshold;
    this.minimumSample = b.minimumSample;
    this.compareLowerBound = b.compareLowerBound;
    this.listener = b.listener;
  }

  /** Starts a policy whose decisions and state are kept in {@code store}. */
  public static Builder builder(BriefStore store) {
    return new Builder(store);
  }

  /**
   * Whether a closed deal is in the pilot: its close date within the configured range (when one
   * is set), and its account among the configured accounts or its segment among the configured
   * segments (when either is set; an empty list of both admits every account).
   */
  public boolean inPilot(String opportunityId, String accountId, String segment, LocalDate closeDate) {
    Objects.requireNonNull(opportunityId, "opportunityId == null");
    String why;
    boolean in;
    if (closedFrom != null && (closeDate == null || closeDate.isBefore(closedFrom))
        || closedTo != null && (closeDate == null || closeDate.isAfter(closedTo))) {
      in = false;
      why = "closed " + closeDate + ", outside the pilot's " + range();
    } else if (accounts.isEmpty() && segments.isEmpty()) {
      in = true;
      why = "closed " + closeDate + ", within " + range();
    } else if (accountId != null && accounts.contains(accountId)) {
      in = true;
      why = "account " + accountId + " is a pilot account";
    } else if (segment != null && segments.contains(segment)) {
      in = true;
      why = "segment " + segment + " is a pilot segment";
    } else {
      in = false;
      why = "neither account " + accountId + " nor segment " + segment + " is in the pilot";
    }
    audit("rollout/pilot/" + opportunityId, "rollout.pilot", in ? "in" : "out", why);
    return in;
  }

  /**
   * The review mode for a brief made on {@code day}: {@link BriefReview.Mode#ALWAYS} for the
   * first N days of the pilot (the AE's review is mandatory), then the configured mode. The host
   * builds its {@link BriefReview} with it, asked per brief: {@code BriefReview.builder(store).modeFrom(policy::reviewMode)}.
   */
  public BriefReview.Mode reviewMode(String opportunityId, LocalDate day) {
    Objects.requireNonNull(day, "day == null");
    LocalDate until = pilotStart.plusDays(aeReviewDays);
    BriefReview.Mode mode = day.isBefore(until) ? BriefReview.Mode.ALWAYS : reviewAfter;
    audit("rollout/review/" + opportunityId, "rollout.review_mode", mode.name().toLowerCase(Locale.ROOT),
        day.isBefore(until) ? "AE review is mandatory until " + until : "the mandatory AE review ended " + until);
    return mode;
  }

  /**
   * Decides which write-back targets are on from the rolling pass rate of {@code week} (see the
   * class comment), records the decision and, when it switched, logs why.
   */
  public RolloutDecision decide(String week, PassRate rolling) {
    Objects.requireNonNull(rolling, "rolling == null");
    String before = store.checkpoint(STATE).orElse(null);
    boolean wasOn = "on".equals(before);
    double compared = compareLowerBound ? rolling.lower() : rolling.rate();
    String measure = (compareLowerBound ? "lower bound " + pct(rolling.lower()) + " of " : "") + rolling;
    boolean on;
    String reason;
    if (rolling.n() < minimumSample) {
      on = wasOn;
      reason = "only " + rolling.n() + " counted answers, fewer than the minimum " + minimumSample + "; earned targets stay "
          + (wasOn ? "on" : "off");
    } else if (compared > threshold) {
      on = true;
      reason = "pass rate " + measure + (wasOn ? " stays above " : " rose above ") + pct(threshold);
    } else if (compared < threshold) {
      on = false;
      reason = "pass rate " + measure + (wasOn ? " fell below " : " is below ") + pct(threshold);
    } else {
      on = wasOn;
      reason = "pass rate " + measure + " is exactly " + pct(threshold) + "; earned targets stay " + (wasOn ? "on" : "off");
    }
    boolean changed = on != wasOn;
    if (changed && !store.advanceCheckpoint(STATE, before, on ? "on" : "off")) {
      // Another process decided first; its state stands and this decision reports it.
      on = "on".equals(store.checkpoint(STATE).orElse(null));
      changed = false;
      reason = "another worker switched the earned targets " + (on ? "on" : "off") + " first";
    }
    if (changed) {
      if (on) {
        log.info("Write-back expands to success plan, stored insight and follow-up tasks: {}", reason);
      } else {
        log.warn("Write-back narrows to the CRM Task and the Slack post: {}", reason);
      }
    }
    Set<WriteBackTarget> targets = EnumSet.noneOf(WriteBackTarget.class);
    for (WriteBackTarget t : WriteBackTarget.values()) {
      if (!t.earned() || on) {
        targets.add(t);
      }
    }
    Instant now = clock.instant();
    audit("rollout/write-back", "rollout.write_back", changed ? (on ? "switched_on" : "switched_off")
        : (on ? "on" : "off"), week + ": " + reason);
    var decision = new RolloutDecision(now, week, rolling, targets, on, changed, reason);
    try {
      listener.rolloutDecided(decision);
    } catch (RuntimeException e) {
      log.warn("An audit listener failed ({}); the decision stands", e.getClass().getSimpleName(), e);
    }
    return decision;
  }

  /** {@link #decide(String, PassRate)} on the store's rolling 4-week pass rate up to {@code week}. */
  public RolloutDecision decide(String week) {
    return decide(week, AuditMetrics.passRate(store, week, AuditMetrics.ROLLING_WEEKS));
  }

  private void audit(String subject, String action, String outcome, String detail) {
    store.audit(new AuditEntry(clock.instant(), ACTOR, action, subject, null, null, outcome, detail));
  }

  private String range() {
    return (closedFrom == null ? "any date" : closedFrom.toString()) + " to "
        + (closedTo == null ? "any date" : closedTo.toString());
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  /** Options of a {@link RolloutPolicy}. */
  public static final class Builder {
    private final BriefStore store;
    private Clock clock = Clock.systemUTC();
    private LocalDate closedFrom;
    private LocalDate closedTo;
    private Set<String> segments = Set.of();
    private Set<String> accounts = Set.of();
    private LocalDate pilotStart;
    private int aeReviewDays = 30;
    private BriefReview.Mode reviewAfter = BriefReview.Mode.WHEN_TRIGGERED;
    private double threshold = 0.90;
    private int minimumSample = 20;
    private boolean compareLowerBound;
    private AuditListener listener = AuditListener.NONE;

    private Builder(BriefStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
    }

    /** Closes within these dates (inclusive; null: open-ended) are in the pilot (default: any). */
    public Builder closedBetween(LocalDate from, LocalDate to) {
      this.closedFrom = from;
      this.closedTo = to;
      return this;
    }

    /** Segments whose closes are in the pilot (default: every segment when no accounts are named either). */
    public Builder segments(Set<String> segments) {
      this.segments = Set.copyOf(segments);
      return this;
    }

    /** Accounts (CRM ids) whose closes are in the pilot. */
    public Builder accounts(Set<String> accounts) {
      this.accounts = Set.copyOf(accounts);
      return this;
    }

    /**
     * The AE's review is mandatory for {@code days} days from {@code start} (default 30 days from
     * the day the policy is built), then {@code after} (default {@link BriefReview.Mode#WHEN_TRIGGERED}).
     */
    public Builder aeReview(LocalDate start, int days, BriefReview.Mode after) {
      if (days < 0) {
        throw new IllegalArgumentException("days " + days + " < 0");
      }
      this.pilotStart = Objects.requireNonNull(start, "start == null");
      this.aeReviewDays = days;
      this.reviewAfter = Objects.requireNonNull(after, "after == null");
      return this;
    }

    /** The pass rate the earned targets need (default 0.90), and the counted answers it needs (default 20). */
    public Builder threshold(double threshold, int minimumSample) {
      if (!(threshold > 0 && threshold < 1) || minimumSample < 1) {
        throw new IllegalArgumentException("threshold must be in (0, 1) and minimumSample >= 1");
      }
      this.threshold = threshold;
      this.minimumSample = minimumSample;
      return this;
    }

    /** Compare the Wilson lower bound instead of the point estimate (default false). */
    public Builder compareLowerBound(boolean lowerBound) {
      this.compareLowerBound = lowerBound;
      return this;
    }

    /** The clock that dates decisions (default system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Who is told about write-back decisions (default nobody). */
    public Builder listener(AuditListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** The policy. */
    public RolloutPolicy build() {
      if (pilotStart == null) {
        pilotStart = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
      }
      return new RolloutPolicy(this);
    }
  }
}
