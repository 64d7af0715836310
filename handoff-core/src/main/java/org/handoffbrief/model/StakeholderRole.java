package org.handoffbrief.model;

import java.util.Locale;

/** The role a stakeholder plays in the deal, as the brief reports it. */
public enum StakeholderRole {
  CHAMPION, ECONOMIC_BUYER, BLOCKER, TECHNICAL_CONTACT, SECURITY_CONTACT, OTHER;

  /** The wire form, e.g. {@code economic_buyer}. */
  public String wireId() {
    return name().toLowerCase(Locale.ROOT);
  }
}
