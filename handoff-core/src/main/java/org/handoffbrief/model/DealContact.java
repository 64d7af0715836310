package org.handoffbrief.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A customer contact attached to the opportunity.
 *
 * @param person the contact
 * @param role the CRM contact role as written (e.g. "Economic Buyer"), or null when none was set
 * @param primary whether the CRM marks this the primary contact
 */
public record DealContact(Person person, @Nullable String role, boolean primary) {
  public DealContact {
    Objects.requireNonNull(person, "person == null");
    role = Checks.blankToNull(role);
  }
}
