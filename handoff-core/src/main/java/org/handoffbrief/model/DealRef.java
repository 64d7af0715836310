package org.handoffbrief.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What a trigger hands the library: which opportunity, why it fired, and whether a brief may be
 * produced before the opportunity is formally Closed-Won (an AE may ask for one ahead of close).
 *
 * @param opportunityId the Salesforce opportunity id as the trigger delivered it (validated by the
 *     resolver, which knows the id format)
 * @param trigger what fired
 * @param firedAt when it fired
 * @param allowPreClose true to accept an opportunity that is not yet Closed-Won
 */
public record DealRef(String opportunityId, Trigger trigger, Instant firedAt, boolean allowPreClose) {

  /** What made the library run. */
  public enum Trigger {
    STAGE_CHANGE_POLL, OUTBOUND_MESSAGE, CHANGE_EVENT, ORDER_SIGNED, MANUAL, BATCH
  }

  public DealRef {
    opportunityId = Checks.notBlank(opportunityId, "opportunityId").strip();
    Objects.requireNonNull(trigger, "trigger == null");
    Objects.requireNonNull(firedAt, "firedAt == null");
  }

  /** A manual request for a Closed-Won opportunity, fired now. */
  public static DealRef of(String opportunityId) {
    return new DealRef(opportunityId, Trigger.MANUAL, Instant.now(), false);
  }

  /** A manual request that also accepts an opportunity not yet Closed-Won. */
  public static DealRef preClose(String opportunityId) {
    return new DealRef(opportunityId, Trigger.MANUAL, Instant.now(), true);
  }
}
