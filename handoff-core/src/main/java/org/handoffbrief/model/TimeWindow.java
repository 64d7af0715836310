package org.handoffbrief.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/** A half-open interval of time, [start, end). The sales cycle is one. */
public record TimeWindow(Instant start, Instant end) {
  public TimeWindow {
    Objects.requireNonNull(start, "start == null");
    Objects.requireNonNull(end, "end == null");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("window ends (" + end + ") before it starts (" + start + ")");
    }
  }

  /**
   * The sales cycle: from the opportunity's creation to the end of its close day, inclusive.
   * A CRM close date is a calendar day in the org's time zone, so the window ends at the next
   * midnight there: mail sent on the evening of close day, org time, is inside it. A close day
   * before the creation day (back-dated records) gives an empty window at {@code created}.
   *
   * @param created when the opportunity was created
   * @param closeDay the close date, a day in {@code zone}
   * @param zone the org's time zone
   */
  public static TimeWindow salesCycle(Instant created, LocalDate closeDay, ZoneId zone) {
    Objects.requireNonNull(created, "created == null");
    Objects.requireNonNull(closeDay, "closeDay == null");
    Objects.requireNonNull(zone, "zone == null");
    Instant end = closeDay.plusDays(1).atStartOfDay(zone).toInstant();
    return new TimeWindow(created, end.isBefore(created) ? created : end);
  }

  /**
   * This window with its start moved {@code lookback} earlier, for sources where the reasons a deal
   * began were written before the opportunity was (the first inbound mail, an intro call).
   */
  public TimeWindow startingEarlier(Duration lookback) {
    Objects.requireNonNull(lookback, "lookback == null");
    if (lookback.isNegative()) {
      throw new IllegalArgumentException("lookback must not be negative, not " + lookback);
    }
    return new TimeWindow(start.minus(lookback), end);
  }

  /** Whether {@code t} is inside: at or after the start and before the end. */
  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
