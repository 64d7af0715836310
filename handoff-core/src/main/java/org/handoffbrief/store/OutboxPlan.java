package org.handoffbrief.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A plan of writes as the store keeps it before the first write is made (the outbox): what a
 * brief will cause in the systems CS works in, and whether a person has approved it.
 *
 * @param planKey stable key of the plan, e.g. {@code salesforce:<briefId>}; unique in the store
 * @param briefId the {@link StoredBrief#briefId()} the plan was made from
 * @param opportunityId the CRM opportunity
 * @param planJson the plan itself, as its maker serialised it (printable, replayable)
 * @param createdAt when the plan was stored
 * @param approval whether the plan may run
 * @param approvedBy who approved or rejected it, or null
 * @param approvedAt when, or null
 */
public record OutboxPlan(String planKey, String briefId, String opportunityId, String planJson, Instant createdAt,
    Approval approval, String approvedBy, Instant approvedAt) {

  /** Whether a plan may run. */
  public enum Approval {
    /** No person needs to approve it. */
    NOT_REQUIRED,
    /** Waits for a person's approval; nothing is written until then. */
    PENDING,
    /** A person approved it. */
    APPROVED,
    /** A person rejected it; nothing will be written. */
    REJECTED;

    /** Whether writes may be made under this approval state. */
    public boolean allowsWrites() {
      return this == NOT_REQUIRED || this == APPROVED;
    }
  }

  public OutboxPlan {
    Text.notBlank(planKey, "planKey");
    Text.notBlank(briefId, "briefId");
    Text.notBlank(opportunityId, "opportunityId");
    Text.notBlank(planJson, "planJson");
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(approval, "approval == null");
  }
}
