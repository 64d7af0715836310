package org.handoffbrief.connector.salesforce.trigger;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The opportunity stages that mean won. Orgs rename or add won stages ("Closed Won - Renewal"),
 * so the set is configurable; compared without regard to case or surrounding spaces, since a
 * picklist value typed into a configuration file easily differs in either.
 */
final class WonStages {
  /** Salesforce's default won stage. */
  static final Set<String> DEFAULT = Set.of("Closed Won");

  private final Set<String> stages;

  WonStages(Collection<String> stages) {
    if (stages == null || stages.isEmpty()) {
      throw new IllegalArgumentException("wonStages is empty: name at least one stage, e.g. \"Closed Won\"");
    }
    this.stages = stages.stream().map(WonStages::fold).collect(Collectors.toUnmodifiableSet());
    if (this.stages.contains("")) {
      throw new IllegalArgumentException("wonStages holds a blank stage name");
    }
  }

  boolean isWon(String stageName) {
    return stageName != null && stages.contains(fold(stageName));
  }

  private static String fold(String s) {
    return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
  }
}
