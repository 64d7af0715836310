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
 * @param unread what the connector should have read and could not (a later page that failed,
 *     a channel whose history came back unreadable), one sentence each. A result with anything
 *     unread is reported as {@code partial}, never {@code ok}, and each sentence is shown in the
 *     brief beside the notes. A connector that read nothing it should have throws instead.
 */
public record SourceResult(List<Evidence> evidence, Map<String, String> usage, List<String> notes,
    List<String> unread) {

  public SourceResult {
    evidence = List.copyOf(Objects.requireNonNull(evidence, "evidence == null"));
    usage = Map.copyOf(Objects.requireNonNull(usage, "usage == null"));
    notes = List.copyOf(Objects.requireNonNull(notes, "notes == null"));
    unread = List.copyOf(Objects.requireNonNull(unread, "unread == null"));
  }

  /** A complete read: nothing the connector should have read was missed. */
  public SourceResult(List<Evidence> evidence, Map<String, String> usage, List<String> notes) {
    this(evidence, usage, notes, List.of());
  }

  /** True when something the connector should have read is missing ({@link #unread()}). */
  public boolean partial() {
    return !unread.isEmpty();
  }

  public static SourceResult of(List<Evidence> evidence) {
    return new SourceResult(evidence, Map.of(), List.of());
  }
}
