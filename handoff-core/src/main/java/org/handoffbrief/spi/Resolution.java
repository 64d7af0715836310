package org.handoffbrief.spi;

import java.util.Objects;
import org.handoffbrief.model.DealContext;

/**
 * A resolved deal: the context every connector works from, and the CRM records read on the way
 * (opportunity, account, contact roles, activities, history) as evidence.
 */
public record Resolution(DealContext context, SourceResult result) {
  public Resolution {
    Objects.requireNonNull(context, "context == null");
    Objects.requireNonNull(result, "result == null");
  }
}
