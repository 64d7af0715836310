package org.handoffbrief.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SourceReport;
import org.jspecify.annotations.Nullable;

/** What reading one source produced: its evidence (empty on failure) and its report. */
public record SourceOutcome(List<Evidence> evidence, SourceReport report) {
  public SourceOutcome {
    evidence = List.copyOf(evidence);
    Objects.requireNonNull(report, "report == null");
  }

  /**
   * This outcome with a follow-up round's on top: its evidence, calls, time, usage and notes.
   * What the follow-up could not read is missing from the source too, so a follow-up that did
   * not finish makes the source partial.
   *
   * @param added how many of the follow-up's items were new to the brief
   * @param note what the follow-up did, or null when there is nothing to say
   */
  SourceOutcome plus(SourceOutcome more, int added, @Nullable String note) {
    SourceReport a = report;
    SourceReport b = more.report;
    var notes = new ArrayList<>(a.notes());
    notes.addAll(b.notes());
    if (note != null) {
      notes.add(note);
    }
    var usage = new LinkedHashMap<>(a.usage());
    usage.putAll(b.usage());
    var status = b.status() == SourceReport.Status.OK ? a.status() : SourceReport.Status.PARTIAL;
    var merged = new SourceReport(a.system(), status, null, a.items() + added, a.calls() + b.calls(),
        a.elapsed().plus(b.elapsed()), usage, notes);
    var all = new ArrayList<>(evidence);
    all.addAll(more.evidence);
    return new SourceOutcome(all, merged);
  }
}
