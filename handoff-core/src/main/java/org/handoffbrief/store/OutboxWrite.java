package org.handoffbrief.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One write of an {@link OutboxPlan} and what became of it.
 *
 * @param planKey the plan it belongs to
 * @param writeKey the write's idempotency key, unique in the store: {@code <planKey>/<item>}. The
 *     target system is given its own stable key as well (a Salesforce external id), so a write
 *     begun twice lands on one record
 * @param seq the write's place in the plan, from 1
 * @param target where it goes, e.g. {@code salesforce:Task}
 * @param description one line a person reads in a dry run
 * @param status what became of it
 * @param recordId the target system's id of the record written, once done
 * @param detail why it failed or was skipped, or what was trimmed; never a secret
 * @param attempts how many times a worker began it
 * @param updatedAt when the status last changed
 */
public record OutboxWrite(String planKey, String writeKey, int seq, String target, String description, Status status,
    String recordId, String detail, int attempts, Instant updatedAt) {

  /** Where a write stands. */
  public enum Status {
    /** Not begun. */
    PENDING,
    /** A worker holds it under a lease; another may take it over once the lease has passed. */
    IN_FLIGHT,
    /** Written; {@link #recordId()} says where. Never written again. */
    DONE,
    /** The target refused it; a later run tries again. */
    FAILED,
    /** Not written because the target cannot take it yet (e.g. a custom object not deployed). */
    SKIPPED
  }

  public OutboxWrite {
    Text.notBlank(planKey, "planKey");
    Text.notBlank(writeKey, "writeKey");
    if (seq < 1) {
      throw new IllegalArgumentException("seq " + seq + " < 1");
    }
    Text.notBlank(target, "target");
    Text.notBlank(description, "description");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(updatedAt, "updatedAt == null");
  }

  /** A write not yet begun, as a plan is first stored. */
  public static OutboxWrite pending(String planKey, String writeKey, int seq, String target, String description,
      Instant at) {
    return new OutboxWrite(planKey, writeKey, seq, target, description, Status.PENDING, null, null, 0, at);
  }
}
