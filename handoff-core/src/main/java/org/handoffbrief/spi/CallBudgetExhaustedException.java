package org.handoffbrief.spi;

import org.handoffbrief.HandoffException;
import org.handoffbrief.model.SourceFailure;

/**
 * The source's call budget for this brief is spent. Not a failure of the source: a connector
 * catches it, keeps what it read, and says in a note that reading was cut short.
 */
public class CallBudgetExhaustedException extends HandoffException {
  private static final long serialVersionUID = 1L;

  public CallBudgetExhaustedException(String system, int budget) {
    super(system, SourceFailure.Kind.RATE_LIMITED, false, system + " reached its budget of " + budget
        + " calls for this brief; raise callBudget to read further", null);
  }
}
