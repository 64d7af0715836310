package org.handoffbrief.extract;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Evidence;

/**
 * What extractors work from: the resolved deal and every citable evidence item (internal-only
 * evidence is already removed), sorted by timestamp.
 *
 * @param deal the resolved deal
 * @param evidence citable evidence, oldest first
 * @param now the brief's clock reading
 */
public record ExtractionInput(DealContext deal, List<Evidence> evidence, Instant now) {
  public ExtractionInput {
    Objects.requireNonNull(deal, "deal == null");
    evidence = List.copyOf(evidence);
    Objects.requireNonNull(now, "now == null");
  }

  /** Evidence of one system and kind, oldest first. */
  public List<Evidence> of(String system, String kind) {
    return evidence.stream().filter(e -> e.system().equals(system) && e.kind().equals(kind)).toList();
  }

  /** The single evidence item of a system and kind, or null. */
  public Evidence first(String system, String kind) {
    return evidence.stream().filter(e -> e.system().equals(system) && e.kind().equals(kind)).findFirst()
        .orElse(null);
  }
}
