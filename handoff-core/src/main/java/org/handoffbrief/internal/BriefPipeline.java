package org.handoffbrief.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.handoffbrief.changes.BriefComparison;
import org.handoffbrief.extract.BriefDraft;
import org.handoffbrief.internal.BriefLimits;
import org.handoffbrief.internal.CitationVerifier;
import org.handoffbrief.internal.ClaimMerger;
import org.handoffbrief.internal.ConfidentialityFilter;
import org.handoffbrief.extract.ExtractionDeadline;
import org.handoffbrief.extract.ExtractionInput;
import org.handoffbrief.extract.SectionExtractor;
import org.handoffbrief.internal.TextSpans;
import org.handoffbrief.identity.IdentityGraph;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.DealContact;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.model.SourceReport;
import org.handoffbrief.model.TimeWindow;
import org.handoffbrief.observe.HandoffListener;
import org.handoffbrief.internal.quality.QualityAssessor;
import org.handoffbrief.quality.ReviewPolicy;
import org.handoffbrief.spi.DealResolver;
import org.handoffbrief.spi.FollowUp;
import org.handoffbrief.spi.Resolution;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.StoredBrief;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One brief, made in the order of DESIGN.md's flow: resolve the deal, federate every source,
 * follow up on the people found, link people once for extraction, extract, verify and trim, run
 * the quality gate, keep. {@code Handoff} is the public door to it; this class is not API.
 */
public final class BriefPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(BriefPipeline.class);

  /** How many newly found people the follow-up round follows at most. */
  public static final int MAX_FOLLOWED_PEOPLE = 10;
  /**
   * How long the quality checks may run past the brief's deadline (or past the end of a late
   * extraction): enough for them to finish on any deal extraction finished, bounded on one it did not.
   */
  public static final Duration CHECKS_GRACE = Duration.ofSeconds(5);

  private final DealResolver resolver;
  private final List<SourceConnector> connectors;
  private final List<SectionExtractor> extractors;
  private final Map<String, Duration> sourceDeadlines;
  private final Duration deadline;
  private final int callBudget;
  private final HandoffListener listener;
  private final Clock clock;
  private final ReviewPolicy review;
  private final @Nullable BriefStore store;
  private final Federation federation;

  /**
   * @param extractors every extractor, built-in ones first
   * @param store where briefs are kept; null when they are not
   */
  public BriefPipeline(DealResolver resolver, List<SourceConnector> connectors, List<SectionExtractor> extractors,
      Map<String, Duration> sourceDeadlines, Duration deadline, int callBudget, Executor executor,
      HandoffListener listener, Clock clock, ReviewPolicy review, @Nullable BriefStore store) {
    this.resolver = Objects.requireNonNull(resolver, "resolver == null");
    this.connectors = List.copyOf(connectors);
    this.extractors = List.copyOf(extractors);
    this.sourceDeadlines = Map.copyOf(sourceDeadlines);
    this.deadline = Objects.requireNonNull(deadline, "deadline == null");
    this.callBudget = callBudget;
    this.listener = Objects.requireNonNull(listener, "listener == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.review = Objects.requireNonNull(review, "review == null");
    this.store = store;
    this.federation = new Federation(executor, clock, listener, callBudget);
  }

  /** Makes, checks and keeps one brief; see {@code Handoff.brief(DealRef, BriefKind)}. */
  public HandoffBrief brief(DealRef ref, BriefKind kind) {
    long startNanos = System.nanoTime();
    Instant requestedAt = clock.instant();
    Instant overallDeadline = requestedAt.plus(deadline);
    Listeners.safely(listener, l -> l.briefStarted(ref));
    try {
      // Resolve: one round trip to the CRM gives the deal's context.
      var resolved = federation.runOrThrow(resolver.system(), sourceDeadlines.get(resolver.system()), overallDeadline,
          ctx -> resolver.resolve(ref, ctx), Resolution::result);
      Resolution resolution = resolved.value();
      DealContext deal = readingWindow(resolution.context(), kind, requestedAt);

      // Federate: every source at once, then one smaller round for the people it found.
      List<SourceOutcome> outcomes = federation.federate(deal, connectors, sourceDeadlines, overallDeadline);
      var evidenceById = new LinkedHashMap<String, Evidence>();
      resolution.result().evidence().forEach(e -> evidenceById.putIfAbsent(e.id(), e));
      outcomes.forEach(o -> o.evidence().forEach(e -> evidenceById.putIfAbsent(e.id(), e)));
      outcomes = followUpRound(deal, outcomes, evidenceById, overallDeadline);
      var reports = new ArrayList<SourceReport>();
      reports.add(resolved.report());
      for (int i = 0; i < outcomes.size(); i++) {
        reports.add(outcomes.get(i).report().withChannels(connectors.get(i).channels()));
      }

      // Link people over what may be cited, then extract under the brief's deadline.
      Map<String, Evidence> citable = citable(evidenceById);
      List<Evidence> read = List.copyOf(citable.values());
      var input = new ExtractionInput(deal, read, clock.instant(), reports, IdentityGraph.build(deal, read),
          new ConcurrentHashMap<>(), ExtractionDeadline.of(clock, overallDeadline));
      var draft = new BriefDraft();
      extractWithinDeadline(ref, input, draft);
      // Quality gates read the finished sections, which the caps below bound, so they run even
      // past the deadline: a brief must always say whether it can be trusted.
      boolean late = input.deadline().passed();
      // The checks read the evidence again: they get the rest of the deadline and a short grace,
      // then a check still reading fails saying so, rather than hold a late brief unbounded.
      Instant checksBy = (late ? clock.instant() : overallDeadline).plus(CHECKS_GRACE);
      ExtractionInput checkInput = input.withDeadline(ExtractionDeadline.of(clock, checksBy));
      input = input.withDeadline(ExtractionDeadline.NONE);
      List<SourceReport> briefReports = withExtractionNotes(reports, input, late);

      // Verify and trim: linear in what extraction produced (which the deadline bounds): every
      // claim is still verified, and the caps bound what a claim and a section carry.
      var finishing = FinishingDraft.of(draft);
      CitationVerifier.verify(finishing, citable);
      ConfidentialityFilter.apply(finishing);
      ClaimMerger.apply(finishing);
      BriefLimits.capCitations(finishing);
      OneScreen.apply(finishing);
      BriefLimits.capSections(finishing);
      Map<SectionId, Section> sections = withEmptySectionGaps(finishing);

      // Gate, then keep.
      var made = new HandoffBrief(HandoffBrief.SCHEMA_VERSION, deal.opportunity().id(), deal.opportunity().name(),
          deal.account().id(), deal.account().name(), clock.instant(), sections, briefReports,
          QualityAssessor.assess(checkInput, sections, review));
      HandoffBrief brief = kept(made, kind);
      Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
      Listeners.safely(listener, l -> l.briefCompleted(brief, took));
      return brief;
    } catch (RuntimeException e) {
      Listeners.safely(listener, l -> l.briefFailed(ref, e));
      throw e;
    }
  }

  /**
   * The window a brief of {@code kind} reads: the sales cycle for the handoff brief; for a later
   * one, from the cycle's start to the request, so it sees what happened since close.
   */
  private static DealContext readingWindow(DealContext deal, BriefKind kind, Instant requestedAt) {
    TimeWindow cycle = deal.window();
    if (kind == BriefKind.HANDOFF || !requestedAt.isAfter(cycle.end())) {
      return deal;
    }
    return deal.withWindow(new TimeWindow(cycle.start(), requestedAt));
  }

  /** What a brief may cite: everything read except internal-only items, oldest first. */
  private static Map<String, Evidence> citable(Map<String, Evidence> evidenceById) {
    var citable = new LinkedHashMap<String, Evidence>();
    evidenceById.values().stream().filter(e -> !e.internalOnly())
        .sorted(Comparator.comparing(Evidence::timestamp)).forEach(e -> citable.put(e.id(), e));
    return citable;
  }

  /**
   * The second, smaller round (multi-hop): customer-side people the first round found who are not
   * CRM contacts, and the champion, are handed back to every connector to follow (their tickets,
   * their calls). One hop, at most {@value #MAX_FOLLOWED_PEOPLE} people, a quarter of the call
   * budget. What it finds is added to each source's report; a follow-up that fails leaves the
   * first round's result standing and says so in a note.
   *
   * <p>The people to follow come from a graph of everything the first round read (internal-only
   * items included); extraction links people again over what may be cited after this round.
   */
  private List<SourceOutcome> followUpRound(DealContext deal, List<SourceOutcome> first,
      Map<String, Evidence> evidenceById, Instant overallDeadline) {
    List<SourceConnector> ok = new ArrayList<>();
    for (int i = 0; i < connectors.size(); i++) {
      if (first.get(i).report().read()) {
        ok.add(connectors.get(i));
      }
    }
    var graph = IdentityGraph.build(deal, List.copyOf(evidenceById.values()));
    List<Participant> newPeople = graph.newCustomerPeople().stream().limit(MAX_FOLLOWED_PEOPLE)
        .map(p -> Participant.of(p.name(), p.email())).toList();
    var followUp = new FollowUp(newPeople, championHint(deal));
    if (ok.isEmpty() || followUp.isEmpty() || !clock.instant().isBefore(overallDeadline)) {
      return first;
    }
    Listeners.safely(listener, l -> l.followUpStarted(followUp));
    List<SourceOutcome> second = federation.followUp(deal, followUp, ok, sourceDeadlines, overallDeadline,
        Math.max(1, callBudget / 4));
    var bySystem = new LinkedHashMap<String, SourceOutcome>();
    second.forEach(o -> bySystem.put(o.report().system(), o));
    var merged = new ArrayList<SourceOutcome>(first.size());
    for (SourceOutcome o : first) {
      SourceOutcome more = bySystem.get(o.report().system());
      if (more == null) {
        merged.add(o);
        continue;
      }
      int added = 0;
      for (Evidence e : more.evidence()) {
        if (evidenceById.putIfAbsent(e.id(), e) == null) {
          added++;
        }
      }
      String note = more.report().failure() != null
          ? "follow-up round failed: " + more.report().failure().message()
          : added > 0 ? "follow-up round added " + added + " items for " + newPeople.size() + " new people"
              + (followUp.champion() != null ? " and the champion" : "")
          : null;
      merged.add(o.plus(more, added, note));
    }
    return merged;
  }

  /** A retrieval hint only: the CRM's champion role, else its primary contact. */
  private static @Nullable Person championHint(DealContext deal) {
    return deal.contacts().stream()
        .filter(c -> c.role() != null && c.role().toLowerCase(Locale.ROOT).contains("champion"))
        .map(DealContact::person).findFirst()
        .or(() -> deal.contacts().stream().filter(DealContact::primary).map(DealContact::person).findFirst())
        .orElse(null);
  }

  /**
   * Runs the extractors in order until the brief's deadline. One that is still running when it
   * passes stops at its next evidence item ({@link ExtractionInput#sentences} throws); what it
   * and the ones before it added stays. Every section an unfinished extractor writes to gets a
   * {@code deadline_passed} gap, so a reader knows the section may lack what was not extracted.
   */
  private void extractWithinDeadline(DealRef ref, ExtractionInput input, BriefDraft draft) {
    var unfinished = EnumSet.noneOf(SectionId.class);
    int stopped = 0;
    for (SectionExtractor extractor : extractors) {
      if (stopped > 0 || input.deadline().passed()) {
        unfinished.addAll(extractor.sections());
        stopped++;
        continue;
      }
      try {
        extractor.extract(input, draft);
      } catch (ExtractionDeadline.Passed e) {
        unfinished.addAll(extractor.sections());
        stopped++;
      }
    }
    if (stopped == 0) {
      return;
    }
    LOG.warn("brief for {}: deadline passed; {} of {} extractors did not finish", ref.opportunityId(), stopped,
        extractors.size());
    for (SectionId section : unfinished) {
      draft.gap(section, "deadline_passed", "The brief's deadline passed before this section was finished; it shows"
          + " what was extracted in time. Run the brief again with a longer handoff deadline.");
    }
  }

  /**
   * Items too long to read whole for claims (a pasted log, a 25 MB body): the source's report
   * says how many, so a reader knows the brief did not see all of them.
   */
  private static List<SourceReport> withExtractionNotes(List<SourceReport> reports, ExtractionInput input,
      boolean late) {
    var cut = new TreeMap<String, Integer>();
    for (Evidence e : input.evidence()) {
      var split = input.sentenceCache().get(e.id());
      // Past the deadline an item extraction never split is judged by its length alone.
      if (split == null) {
        split = late ? List.of() : input.sentences(e);
      }
      if (!TextSpans.readForClaims(e, split)) {
        cut.merge(e.system(), 1, Integer::sum);
      }
    }
    if (cut.isEmpty()) {
      return reports;
    }
    var out = new ArrayList<SourceReport>();
    for (SourceReport r : reports) {
      Integer n = cut.get(r.system());
      if (n == null) {
        out.add(r);
        continue;
      }
      var notes = new ArrayList<>(r.notes());
      notes.add(n + " item(s) longer than " + TextSpans.MAX_READ_CHARS + " characters or "
          + TextSpans.MAX_SENTENCES + " sentences were read for claims only that far.");
      out.add(new SourceReport(r.system(), r.status(), r.failure(), r.items(), r.calls(), r.elapsed(), r.usage(),
          notes, r.channels()));
    }
    return out;
  }

  /** Every section says something: a section with neither claims nor gaps gets a gap. */
  private static Map<SectionId, Section> withEmptySectionGaps(FinishingDraft draft) {
    for (Map.Entry<SectionId, Section> e : draft.sections().entrySet()) {
      if (e.getValue().isEmpty()) {
        draft.gap(e.getKey(), "no_evidence", "Nothing in the sources read supports "
            + e.getKey().title().toLowerCase(Locale.ROOT) + " yet.");
      }
    }
    return draft.sections();
  }

  /**
   * The brief as {@code kind}, compared with the opportunity's latest stored brief and saved,
   * when there is a store. A store that throws does not lose the brief: it is returned as made
   * (with changes when the previous brief could be read) and the listener is told.
   */
  private HandoffBrief kept(HandoffBrief made, BriefKind kind) {
    HandoffBrief brief = made.withHistory(kind, null);
    if (store == null) {
      return brief;
    }
    try {
      Optional<StoredBrief> previous = store.latest(made.opportunityId());
      if (previous.isPresent()) {
        brief = made.withHistory(kind, BriefComparison.compare(previous.get(), made));
      }
      // The fingerprint leaves kind and changes out: the same deal briefed again is the same version.
      store.save(brief, kind);
      return brief;
    } catch (RuntimeException e) {
      HandoffBrief unsaved = brief;
      // The message is the store's; the class name is enough here and can hold no connection secret.
      LOG.warn("brief for {} was made but not stored ({}); it is returned unsaved", made.opportunityId(),
          e.getClass().getSimpleName());
      Listeners.safely(listener, l -> l.briefNotStored(unsaved, e));
      return unsaved;
    }
  }
}
