package org.handoffbrief.extract;

import org.handoffbrief.internal.TextSpans;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import org.handoffbrief.identity.IdentityGraph;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SourceReport;

/**
 * What extractors work from: the resolved deal and every citable evidence item (internal-only
 * evidence is already removed), sorted by timestamp.
 *
 * @param deal the resolved deal
 * @param evidence citable evidence, oldest first
 * @param now the brief's clock reading
 * @param sources what each source contributed, the CRM first; tells extractors which kinds of
 *     evidence were never read, so they can say so as gaps
 * @param people the identity graph over the deal's people and the evidence
 * @param sentenceCache sentences already split, by evidence id (see {@link #sentences})
 * @param deadline when extraction must stop (see {@link #checkDeadline})
 * @param shared what several extractors and checks derive from this same input, worked out once
 *     (see {@link Shared})
 */
public record ExtractionInput(DealContext deal, List<Evidence> evidence, Instant now, List<SourceReport> sources,
    IdentityGraph people, Map<String, List<Span>> sentenceCache, ExtractionDeadline deadline,
    Shared shared) {
  public ExtractionInput {
    Objects.requireNonNull(deal, "deal == null");
    evidence = List.copyOf(evidence);
    Objects.requireNonNull(now, "now == null");
    sources = List.copyOf(sources);
    Objects.requireNonNull(people, "people == null");
    Objects.requireNonNull(sentenceCache, "sentenceCache == null");
    Objects.requireNonNull(deadline, "deadline == null");
    Objects.requireNonNull(shared, "shared == null");
  }

  /**
   * Results derived from the input alone that more than one reader needs: an extractor and a
   * quality check both ask for the contradictions, every citation check looks an item up by id.
   * Each is worked out on first use and kept for the brief; one that stops at the deadline is
   * not kept.
   */
  public static final class Shared {
    private volatile Map<String, Evidence> byId;
    private volatile List<Contradiction> contradictions;

    /** Nothing worked out yet. */
    public Shared() {}
  }

  /** With a deadline; nothing derived yet. */
  public ExtractionInput(DealContext deal, List<Evidence> evidence, Instant now, List<SourceReport> sources,
      IdentityGraph people, Map<String, List<Span>> sentenceCache, ExtractionDeadline deadline) {
    this(deal, evidence, now, sources, people, sentenceCache, deadline, new Shared());
  }

  /** Without a deadline. */
  public ExtractionInput(DealContext deal, List<Evidence> evidence, Instant now, List<SourceReport> sources,
      IdentityGraph people, Map<String, List<Span>> sentenceCache) {
    this(deal, evidence, now, sources, people, sentenceCache, ExtractionDeadline.NONE);
  }

  public ExtractionInput(DealContext deal, List<Evidence> evidence, Instant now, List<SourceReport> sources,
      IdentityGraph people) {
    this(deal, evidence, now, sources, people, new ConcurrentHashMap<>());
  }

  /** Builds the identity graph from the deal and the evidence. */
  public ExtractionInput(DealContext deal, List<Evidence> evidence, Instant now, List<SourceReport> sources) {
    this(deal, evidence, now, sources, IdentityGraph.build(deal, evidence));
  }

  /** The same input under another deadline, sharing the sentences already split. */
  public ExtractionInput withDeadline(ExtractionDeadline other) {
    return new ExtractionInput(deal, evidence, now, sources, people, sentenceCache, other, shared);
  }

  /**
   * Throws {@link ExtractionDeadline.Passed} once the brief's deadline has passed. Called for
   * every evidence item an extractor reads (see {@link #sentences}); an extractor with a long loop
   * of its own calls it there too.
   */
  public void checkDeadline() {
    deadline.check();
  }

  /**
   * The sentences of an evidence item's free text, split once per brief however many extractors
   * ask (splitting was most of an extraction's time in the benchmarks). Past the brief's deadline
   * it throws {@link ExtractionDeadline.Passed}: every extractor reads evidence through here, so
   * none can run on long after the deadline.
   */
  public List<Span> sentences(Evidence e) {
    deadline.check();
    return sentenceCache.computeIfAbsent(e.id(), id -> TextSpans.sentences(e));
  }

  /**
   * The day a moment falls on in the CRM org's time zone: every date the brief shows (last touch,
   * when something was said, the base of a relative due date) is the org's day, not UTC's.
   */
  public java.time.LocalDate day(java.time.OffsetDateTime t) {
    return t.atZoneSameInstant(deal.orgZone()).toLocalDate();
  }

  /** The evidence item with this id, or null; the first one when ids repeat. */
  public Evidence evidence(String id) {
    Map<String, Evidence> byId = shared.byId;
    if (byId == null) {
      var m = new java.util.HashMap<String, Evidence>();
      evidence.forEach(e -> m.putIfAbsent(e.id(), e));
      shared.byId = byId = m;
    }
    return byId.get(id);
  }

  /**
   * Every CRM field the conversations contradict (a competitor, go-live date, seat count, amount
   * or status), one per field, found once per brief.
   */
  public List<Contradiction> contradictions() {
    List<Contradiction> found = shared.contradictions;
    if (found == null) {
      shared.contradictions = found = List.copyOf(Contradictions.find(this));
    }
    return found;
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
