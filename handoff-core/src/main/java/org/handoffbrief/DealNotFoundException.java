package org.handoffbrief;

import org.handoffbrief.model.SourceFailure;

/** The CRM has no opportunity with this id, or the integration user cannot see it. */
public class DealNotFoundException extends HandoffException {
  private static final long serialVersionUID = 1L;

  private final String opportunityId;

  public DealNotFoundException(String system, String opportunityId) {
    super(system, SourceFailure.Kind.NOT_FOUND, false, "No opportunity " + opportunityId + " in " + system
        + ": check the id, and that the integration user's profile can read it.", null);
    this.opportunityId = opportunityId;
  }

  /** The opportunity id that was not found. */
  public String opportunityId() {
    return opportunityId;
  }
}
