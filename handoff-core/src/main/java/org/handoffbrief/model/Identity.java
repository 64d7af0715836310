package org.handoffbrief.model;

/**
 * One of a person's identities in one system, e.g. {@code ("salesforce", "0035e00000AbCdEAAV")} or
 * {@code ("email", "dana.okonkwo@meridianhealth.org")}.
 */
public record Identity(String system, String id) {
  public Identity {
    system = Checks.notBlank(system, "system");
    id = Checks.notBlank(id, "id");
  }
}
