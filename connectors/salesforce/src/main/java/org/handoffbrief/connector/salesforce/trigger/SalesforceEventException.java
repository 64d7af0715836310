package org.handoffbrief.connector.salesforce.trigger;

import java.util.Objects;
import org.handoffbrief.InvalidRequestException;
import org.handoffbrief.model.CrmEvidence;

/**
 * An event Salesforce (or a host) handed over was refused before anything was stored: the store is
 * untouched, so a corrected or genuine delivery later is processed normally. The message names what
 * was wrong and never carries the message's session id.
 */
public final class SalesforceEventException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  /** Why the event was refused, for a host that answers each case differently. */
  public enum Reason {
    /** The outbound message came from an organization this library was not configured for. */
    WRONG_ORGANIZATION,
    /** Not the XML or JSON shape Salesforce documents (including a DTD or an entity in XML). */
    MALFORMED,
    /** A well-formed event about something other than an opportunity. */
    NOT_AN_OPPORTUNITY
  }

  private final Reason reason;

  SalesforceEventException(Reason reason, String message) {
    super(CrmEvidence.SYSTEM, message);
    this.reason = Objects.requireNonNull(reason, "reason == null");
  }

  /** Why the event was refused. */
  public Reason reason() {
    return reason;
  }
}
