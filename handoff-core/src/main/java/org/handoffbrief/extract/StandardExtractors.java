package org.handoffbrief.extract;

import java.util.List;

/** The built-in, deterministic extractors, in the order they run. */
public final class StandardExtractors {
  private StandardExtractors() {}

  public static List<SectionExtractor> all() {
    return List.of();
  }
}
