package org.handoffbrief.identity;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One person as the identity graph joined them across systems.
 *
 * @param name the best display name seen (the CRM's first, else the most complete one)
 * @param email the address that keys them, lower case; null only for someone no system gave an
 *     address for, who is then never joined to anyone else
 * @param title job title, when a system gave one
 * @param internal true for the vendor's own people
 * @param crmContact true when the CRM lists them as a contact of the opportunity (or its team)
 * @param identities every system identity joined into this person
 * @param lastTouch per system, the newest evidence they wrote or took part in
 */
public record LinkedPerson(String name, String email, String title, boolean internal, boolean crmContact,
    Set<org.handoffbrief.model.Identity> identities, Map<String, Touch> lastTouch) {

  /** When and where a person was last seen in one system. */
  public record Touch(OffsetDateTime at, String evidenceId) {
    public Touch {
      Objects.requireNonNull(at, "at == null");
      Objects.requireNonNull(evidenceId, "evidenceId == null");
    }
  }

  public LinkedPerson {
    Objects.requireNonNull(name, "name == null");
    identities = Set.copyOf(identities);
    lastTouch = Collections.unmodifiableMap(new TreeMap<>(lastTouch));
  }

  /** The newest touch in any system, or null when nothing they were part of was read. */
  public Touch lastTouchAnywhere() {
    return lastTouch.values().stream().max(Comparator.comparing(Touch::at)).orElse(null);
  }
}
