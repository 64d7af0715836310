package org.handoffbrief.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one source contributed to a brief.
 *
 * @param system the source system
 * @param status ok, failed or skipped
 * @param failure why it failed, or null when it did not
 * @param items evidence items it contributed
 * @param calls API calls it made
 * @param elapsed wall time it took
 * @param usage API usage the vendor reported (e.g. Salesforce's {@code API REQUESTS} limit)
 * @param notes what a reader should know: a page budget that cut reading short, a field the
 *     integration user cannot see
 */
public record SourceReport(String system, Status status, SourceFailure failure, int items, int calls,
    Duration elapsed, Map<String, String> usage, List<String> notes) {

  /** The outcome of reading one source. */
  public enum Status {
    OK, FAILED, SKIPPED;

    public String wireId() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public SourceReport {
    system = Checks.notBlank(system, "system");
    Objects.requireNonNull(status, "status == null");
    if ((status == Status.FAILED) != (failure != null)) {
      throw new IllegalArgumentException("a failed source has a failure and only a failed one: " + system);
    }
    if (items < 0 || calls < 0) {
      throw new IllegalArgumentException("negative counts for " + system);
    }
    Objects.requireNonNull(elapsed, "elapsed == null");
    usage = Checks.map(usage, "usage");
    notes = Checks.list(notes, "notes");
  }
}
