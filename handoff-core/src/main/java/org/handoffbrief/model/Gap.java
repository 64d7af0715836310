package org.handoffbrief.model;

/**
 * Something the brief should say and cannot, said explicitly.
 *
 * @param code a stable machine code, e.g. {@code no_economic_buyer}
 * @param message the sentence a reader sees, e.g. "No economic buyer identified."
 */
public record Gap(String code, String message) {
  public Gap {
    code = Checks.notBlank(code, "code");
    message = Checks.notBlank(message, "message");
  }
}
