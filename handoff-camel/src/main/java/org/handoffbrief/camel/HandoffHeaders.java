package org.handoffbrief.camel;

/** The message headers the {@code handoff:} endpoints read and set. */
public final class HandoffHeaders {
  private HandoffHeaders() {}

  /**
   * The deals a trigger fired ({@code List<Fired>}), set by {@code handoff:outbound-message}, whose
   * body is the answer to Salesforce: {@code .split(header(HandoffHeaders.FIRED))} hands them on.
   */
  public static final String FIRED = "HandoffFired";
  /** How many notifications an outbound message carried ({@code Integer}). */
  public static final String NOTIFICATIONS = "HandoffNotifications";
  /** How many of them were delivered before, by a retry or to another worker ({@code Integer}). */
  public static final String REPEATED = "HandoffRepeated";
  /** The opportunity a brief is about ({@code String}), set by {@code handoff:brief}. */
  public static final String OPPORTUNITY_ID = "HandoffOpportunityId";
  /** The stored brief's id ({@code String}), set by {@code handoff:brief} when a store is kept. */
  public static final String BRIEF_ID = "HandoffBriefId";
  /**
   * Whether {@code handoff:brief} found this win already briefed and on its way ({@code Boolean}):
   * true when the body was a {@code Fired} whose win has its brief in the store
   * ({@link org.handoffbrief.trigger.AlreadyBriefed}) and that brief's review has started; the
   * stored brief is then the body, nothing briefed again, and whoever briefed it carries its review,
   * delivery and write-back, so a route stops:
   * {@code .filter(header(HandoffHeaders.ALREADY_BRIEFED)).stop().end()}. A stored brief whose
   * review never started (its worker died in between) comes out with false and no new brief made,
   * so the route finishes it; every later step is once per brief.
   */
  public static final String ALREADY_BRIEFED = "HandoffAlreadyBriefed";
  /** Who reviews ({@code String}: an email, or the {@code reviewer} option); read by {@code handoff:review}. */
  public static final String REVIEWER = "HandoffReviewer";
  /** The review's state after {@code handoff:review} ({@code ReviewState}). */
  public static final String REVIEW_STATE = "HandoffReviewState";
  /**
   * Whether delivery waits for a reviewer's approval ({@code Boolean}), set by {@code handoff:review}:
   * false means deliver now; true means the brief comes back through {@code handoff:approved}.
   */
  public static final String AWAITING_REVIEW = "HandoffAwaitingReview";
  /**
   * What {@code handoff:deliver} ({@code SlackDelivery.Posted}) or {@code handoff:write-back}
   * ({@code WritebackResult}) did; the body stays the stored brief so the next step can use it.
   */
  public static final String RESULT = "HandoffResult";
  /** The first close date of {@code handoff:batch} ({@code LocalDate} or {@code 2026-03-23}), inclusive. */
  public static final String FROM = "HandoffFrom";
  /** The last close date of {@code handoff:batch}, inclusive. */
  public static final String TO = "HandoffTo";
  /** Whether {@code handoff:batch} read only part of the range ({@code Boolean}): the rest waits for another run. */
  public static final String MORE = "HandoffMore";
}
