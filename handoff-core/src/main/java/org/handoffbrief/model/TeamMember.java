package org.handoffbrief.model;

import java.util.Objects;

/**
 * A member of the vendor's deal team (SE, CSM, ...).
 *
 * @param person the team member
 * @param role the team role as the CRM writes it (e.g. "Sales Engineer")
 */
public record TeamMember(Person person, String role) {
  public TeamMember {
    Objects.requireNonNull(person, "person == null");
    role = Checks.notBlank(role, "role");
  }
}
