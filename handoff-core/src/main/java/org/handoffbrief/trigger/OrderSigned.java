package org.handoffbrief.trigger;

import java.time.Instant;
import java.util.Objects;
import org.handoffbrief.model.DealRef;

/**
 * An order was signed or billing was activated for a deal: the trigger for deals that skip the CRM's
 * stages (a signed order form, a billing system's activation). The host turns its own event (a
 * billing webhook, a CPQ callback, a row in a table) into this record and passes {@link #fired()}
 * through a {@link TriggerGate}.
 *
 * <p>It names an opportunity, not an account: the brief is about one deal, and an account may have
 * several open ones. A host whose event carries only an account id resolves the opportunity first
 * (e.g. the account's most recent opportunity), where it can see which one the order belongs to.
 *
 * @param opportunityId the Salesforce opportunity the order belongs to (validated by the resolver)
 * @param orderId the order's id in the system that signed it; the dedupe key, so the same order
 *     delivered twice, or to two workers, makes one brief
 * @param signedAt when the order was signed or billing activated
 */
public record OrderSigned(String opportunityId, String orderId, Instant signedAt) {

  /** Longer keys are refused: the order id is stored as a unique key, and no real order id is this long. */
  static final int MAX_ORDER_ID_LENGTH = 255;

  public OrderSigned {
    if (opportunityId == null || opportunityId.isBlank()) {
      throw new IllegalArgumentException("opportunityId is blank");
    }
    if (orderId == null || orderId.isBlank()) {
      throw new IllegalArgumentException("orderId is blank: it is what makes a repeated order event one brief");
    }
    orderId = orderId.strip();
    if (orderId.length() > MAX_ORDER_ID_LENGTH) {
      throw new IllegalArgumentException("orderId has " + orderId.length() + " characters; at most "
          + MAX_ORDER_ID_LENGTH + " are accepted");
    }
    Objects.requireNonNull(signedAt, "signedAt == null");
  }

  /**
   * This event as a firing: trigger {@link DealRef.Trigger#ORDER_SIGNED}, keyed on the order id.
   * The deal may be briefed before its opportunity reaches Closed-Won ({@link DealRef#allowPreClose()}),
   * since a signed order is the close for deals that skip the stages.
   */
  public Fired fired() {
    var ref = new DealRef(opportunityId, DealRef.Trigger.ORDER_SIGNED, signedAt, true);
    return new Fired(ref, orderId, "order " + printable(orderId) + " signed at " + signedAt);
  }

  /** The order id as shown in a sentence: without control characters, so it cannot forge a log line. */
  private static String printable(String s) {
    return s.replaceAll("\\p{Cntrl}", "?");
  }
}
