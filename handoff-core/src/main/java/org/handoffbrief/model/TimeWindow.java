package org.handoffbrief.model;

import java.time.Instant;
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

  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
