package org.handoffbrief.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one source contributed to a brief.
 *
 * @param system the source system
 * @param status ok, partial (read, but not all it should have: the notes say what is missing),
 *     failed or skipped
 * @param failure why it failed, or null when it did not
 * @param items evidence items it contributed
 * @param calls API calls it made
 * @param elapsed wall time it took
 * @param usage API usage the vendor reported (e.g. Salesforce's {@code API REQUESTS} limit)
 * @param notes what a reader should know: a page budget that cut reading short, a field the
 *     integration user cannot see
 * @param channels the kinds of conversation the source reads, as its connector declares them
 *     (read or not: a failed mail source still says which channel the brief is missing); not kept
 *     in the brief's JSON
 */
public record SourceReport(String system, Status status, @Nullable SourceFailure failure, int items, int calls,
    Duration elapsed, Map<String, String> usage, List<String> notes, Set<Channel> channels) {

  /** The outcome of reading one source. */
  public enum Status {
    /** Read everything it set out to read. */
    OK,
    /**
     * Read some of what it should have and not the rest (a later page that failed, channels it
     * could not read): what it read is in the brief, the notes say what is missing.
     */
    PARTIAL,
    /** Read nothing usable; {@link SourceReport#failure()} says why. */
    FAILED,
    /**
     * Not read: not configured or not asked for. The library itself never reports it; the schema
     * allows it, so a brief written to the schema (the committed example among them) still reads.
     */
    SKIPPED;

    public String wireId() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** True when what the source read is in the brief: {@link Status#OK} or {@link Status#PARTIAL}. */
  public boolean read() {
    return status == Status.OK || status == Status.PARTIAL;
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
    channels = Set.copyOf(channels);
  }

  /** A report of a source that declares no channel (the CRM). */
  public SourceReport(String system, Status status, @Nullable SourceFailure failure, int items, int calls,
      Duration elapsed, Map<String, String> usage, List<String> notes) {
    this(system, status, failure, items, calls, elapsed, usage, notes, Set.of());
  }

  /** This report with the channels its source reads. */
  public SourceReport withChannels(Set<Channel> channels) {
    return new SourceReport(system, status, failure, items, calls, elapsed, usage, notes, channels);
  }
}
