package org.handoffbrief.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A person in the deal, joined across systems.
 *
 * @param name display name
 * @param email primary email address, lower case, or null when no system gave one
 * @param title job title, or null
 * @param internal true for the vendor's own people (decided from the vendor's email domains)
 * @param identities the person's identity in each system that knows them
 */
public record Person(String name, @Nullable String email, @Nullable String title, boolean internal, Set<Identity> identities) {

  public Person {
    name = Checks.notBlank(name, "name");
    email = Checks.blankToNull(email) == null ? null : email.strip().toLowerCase(Locale.ROOT);
    title = Checks.blankToNull(title);
    Objects.requireNonNull(identities, "identities == null");
    identities = Set.copyOf(identities);
  }

  /** This person's id in {@code system}, or null. */
  public String idIn(String system) {
    return identities.stream().filter(i -> i.system().equals(system)).map(Identity::id).findFirst().orElse(null);
  }
}
