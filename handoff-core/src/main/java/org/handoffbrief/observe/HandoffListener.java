package org.handoffbrief.observe;

import java.time.Duration;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.SourceReport;
import org.handoffbrief.spi.FollowUp;

/**
 * Hooks a host attaches to watch a brief being made, for progress output or to bridge to its own
 * metrics (Micrometer, OpenTelemetry, a Camel exchange). Every method has an empty default.
 * Calls arrive from the library's worker threads, possibly at once; implementations must be
 * thread-safe and quick. An exception thrown here is logged and otherwise ignored.
 */
public interface HandoffListener {

  /** A brief was requested. */
  default void briefStarted(DealRef ref) {}

  /** A source (the CRM resolver included) began reading. */
  default void sourceStarted(String system) {}

  /** A connector made an API call. */
  default void apiCall(ApiCall call) {}

  /**
   * The second, smaller round begins: the sources that answered follow the first round's links
   * (new customer-side people, the champion). Each source's start, calls and finish are reported
   * again for this round.
   */
  default void followUpStarted(FollowUp followUp) {}

  /** A source finished, well or badly; the report says which. */
  default void sourceFinished(SourceReport report) {}

  /** The brief is ready. */
  default void briefCompleted(HandoffBrief brief, Duration elapsed) {}

  /**
   * The brief was made but the brief store failed to load the previous brief or to save this one.
   * The brief is still returned to the caller, without changes when the previous one could not be
   * read; nothing is stored, so the next brief compares with the last one that was.
   */
  default void briefNotStored(HandoffBrief brief, RuntimeException error) {}

  /** The brief could not be made at all (the deal did not resolve). */
  default void briefFailed(DealRef ref, RuntimeException error) {}
}
