package org.handoffbrief.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.handoffbrief.model.Evidence;

/**
 * What a connector read.
 *
 * @param evidence the items found
 * @param usage API usage the vendor reported, for the brief's source report
 * @param notes what a reader should know about this read (a budget that cut it short, a field
 *     the integration user cannot see); each note becomes visible in the brief
 */
public record SourceResult(List<Evidence> evidence, Map<String, String> usage, List<String> notes) {

  public SourceResult {
    evidence = List.copyOf(Objects.requireNonNull(evidence, "evidence == null"));
    usage = Map.copyOf(Objects.requireNonNull(usage, "usage == null"));
    notes = List.copyOf(Objects.requireNonNull(notes, "notes == null"));
  }

  public static SourceResult of(List<Evidence> evidence) {
    return new SourceResult(evidence, Map.of(), List.of());
  }
}
