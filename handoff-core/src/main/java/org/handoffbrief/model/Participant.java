package org.handoffbrief.model;

import java.util.Locale;

/**
 * Someone as one source system saw them: a display name, an email address, and that system's
 * own user id. At least one of the three is present. Joining participants into {@link Person}s
 * is the identity graph's job, never done on the name alone.
 */
public record Participant(String name, String email, String systemUserId) {

  public Participant {
    name = Checks.blankToNull(name);
    email = Checks.blankToNull(email) == null ? null : email.strip().toLowerCase(Locale.ROOT);
    systemUserId = Checks.blankToNull(systemUserId);
    if (name == null && email == null && systemUserId == null) {
      throw new IllegalArgumentException("a participant needs a name, an email or a system user id");
    }
  }

  public static Participant of(String name, String email) {
    return new Participant(name, email, null);
  }

  /** The domain of the email address, lower case, or null when there is no address. */
  public String emailDomain() {
    if (email == null) {
      return null;
    }
    int at = email.lastIndexOf('@');
    return at < 0 ? null : email.substring(at + 1);
  }

  /** The best label for a reader: the name, else the address, else the system id. */
  public String label() {
    return name != null ? name : email != null ? email : systemUserId;
  }
}
