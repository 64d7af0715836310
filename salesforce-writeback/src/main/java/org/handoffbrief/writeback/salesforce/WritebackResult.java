package org.handoffbrief.writeback.salesforce;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What one run of a plan did, write by write, with a summary line a person reads.
 *
 * @param planKey the plan
 * @param writes one outcome per write of the plan, in plan order
 */
public record WritebackResult(String planKey, List<WriteOutcome> writes) {

  public WritebackResult {
    Objects.requireNonNull(planKey, "planKey == null");
    writes = List.copyOf(writes);
  }

  /** How one write came out in this run. */
  public enum Status {
    /** Upserted; Salesforce created the record. */
    CREATED,
    /** Upserted; the record existed under its key and was updated. */
    UPDATED,
    /** Done by an earlier run; nothing sent. */
    ALREADY_DONE,
    /** Not written: the org cannot take it (an object or field not deployed), or the plan was rejected. */
    SKIPPED,
    /** Salesforce refused the record; a later run tries again. */
    FAILED,
    /**
     * Another worker holds it under a live lease: it writes it, or, when that worker died mid-write,
     * a run after the lease has passed does (the message says when).
     */
    IN_PROGRESS_ELSEWHERE,
    /** The plan waits for a person's approval; nothing sent. */
    AWAITING_APPROVAL,
    /** Not reached: the run stopped before it (see the exception that stopped it). */
    NOT_RUN
  }

  /**
   * One write's outcome.
   *
   * @param itemKey the write's key in the plan
   * @param target e.g. {@code salesforce:Task}
   * @param externalId the record's stable key
   * @param status how it came out
   * @param recordId the Salesforce record id, when written now or before
   * @param message why it failed or was skipped (status code, message and fields for a refused record), or null
   */
  public record WriteOutcome(String itemKey, String target, String externalId, Status status, String recordId,
      String message) {
    public WriteOutcome {
      Objects.requireNonNull(itemKey, "itemKey == null");
      Objects.requireNonNull(status, "status == null");
    }
  }

  /** The outcomes with this status. */
  public List<WriteOutcome> with(Status status) {
    return writes.stream().filter(w -> w.status() == status).toList();
  }

  /** Whether this run sent nothing to Salesforce because everything was done before. */
  public boolean nothingNew() {
    return !writes.isEmpty() && writes.stream().allMatch(w -> w.status() == Status.ALREADY_DONE);
  }

  /** E.g. {@code 4 created, 1 updated, 1 skipped, 1 failed of 7 writes (plan salesforce:006.../handoff/v1)}. */
  public String summary() {
    if (nothingNew()) {
      return "Nothing new to write: all " + writes.size() + " writes were done before (plan " + planKey + ").";
    }
    Map<Status, Long> counts = writes.stream()
        .collect(Collectors.groupingBy(WriteOutcome::status, () -> new EnumMap<>(Status.class), Collectors.counting()));
    String parts = counts.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
        .collect(Collectors.joining(", "));
    return parts + " of " + writes.size() + " writes (plan " + planKey + ").";
  }

  /** The summary, then one line per write. */
  public String render() {
    var sb = new StringBuilder(summary()).append('\n');
    for (WriteOutcome w : writes) {
      sb.append("  ").append(w.status()).append(' ').append(w.target()).append(' ').append(w.externalId());
      if (w.recordId() != null) {
        sb.append(" -> ").append(w.recordId());
      }
      if (w.message() != null) {
        sb.append(": ").append(w.message());
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
