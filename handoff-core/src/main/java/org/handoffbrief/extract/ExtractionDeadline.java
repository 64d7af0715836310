package org.handoffbrief.extract;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The instant by which the brief must be out, as extraction sees it. Extractors check it between
 * evidence items (every {@link ExtractionInput#sentences} call does), so a long item or a deal with
 * thousands of them stops extraction at the deadline instead of holding the brief past it.
 */
public final class ExtractionDeadline {
  /** No deadline: extraction runs to the end (tests, tools that extract offline). */
  public static final ExtractionDeadline NONE = new ExtractionDeadline(null, null);

  private final Clock clock;
  private final Instant at;

  private ExtractionDeadline(Clock clock, Instant at) {
    this.clock = clock;
    this.at = at;
  }

  /** The deadline {@code at}, read on {@code clock}. */
  public static ExtractionDeadline of(Clock clock, Instant at) {
    return new ExtractionDeadline(Objects.requireNonNull(clock, "clock == null"), Objects.requireNonNull(at, "at == null"));
  }

  /** True once the deadline has passed. */
  public boolean passed() {
    return at != null && clock.instant().isAfter(at);
  }

  /** Throws {@link Passed} once the deadline has passed; the brief assembly catches it. */
  public void check() {
    if (passed()) {
      throw new Passed();
    }
  }

  /**
   * Thrown inside an extractor when the brief's deadline passes. The brief keeps what the
   * extractor added so far (every claim still passes the citation check) and marks the
   * extractor's sections {@code deadline_passed}. Carries no stack trace: it is control flow.
   */
  public static final class Passed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Passed() {
      super("the brief's deadline passed during extraction", null, false, false);
    }
  }
}
