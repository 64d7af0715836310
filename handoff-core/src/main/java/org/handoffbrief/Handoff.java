package org.handoffbrief;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.handoffbrief.extract.SectionExtractor;
import org.handoffbrief.extract.StandardExtractors;
import org.handoffbrief.internal.BriefPipeline;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.observe.HandoffListener;
import org.handoffbrief.quality.ReviewPolicy;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.DealResolver;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.store.BriefStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes handoff briefs. Made once with {@link #builder()}, then used from any thread for any
 * number of deals. Close it to stop the worker threads it owns (if the host gave its own
 * executor, the host keeps ownership of it).
 *
 * <pre>{@code
 * try (Handoff handoff = Handoff.builder()
 *     .resolver(SalesforceConnector.create(salesforceConfig))
 *     .connector(myOtherSource)
 *     .deadline(Duration.ofSeconds(60))
 *     .build()) {
 *   HandoffBrief brief = handoff.brief("0065e00000XyZabAAF");
 * }
 * }</pre>
 */
public final class Handoff implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Handoff.class);

  /** Default overall deadline for one brief. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(90);
  /** Default deadline for each source. */
  public static final Duration DEFAULT_SOURCE_DEADLINE = Duration.ofSeconds(45);
  /** Default API call budget for each source and brief. */
  public static final int DEFAULT_CALL_BUDGET = 200;

  /** How long close() waits for interrupted source threads to end before it returns. */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  /** What this instance was built from, for {@link #newBuilder()}. */
  private final Builder settings;
  private final BriefPipeline pipeline;
  private final @Nullable ExecutorService ownedExecutor;
  private final List<AutoCloseable> owned;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Handoff(Builder settings, List<SourceConnector> connectors, Map<String, Duration> sourceDeadlines,
      ReviewPolicy review, List<AutoCloseable> owned) {
    this.settings = settings;
    this.owned = owned;
    this.ownedExecutor = settings.executor == null ? Executors.newCachedThreadPool(daemonThreads()) : null;
    var extractors = new ArrayList<>(StandardExtractors.all());
    extractors.addAll(settings.extractors);
    this.pipeline = new BriefPipeline(settings.resolver, connectors, extractors, sourceDeadlines, settings.deadline,
        settings.callBudget, settings.executor != null ? settings.executor : ownedExecutor, settings.listener,
        settings.clock, review, settings.store);
  }

  /** A builder with the defaults: 90 s per brief, 45 s per source, 200 calls per source. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this instance's settings, to derive a variant (another deadline, one more
   * connector). The variant shares this instance's resolver, connectors, store and any host
   * executor but owns none of them: closing it leaves them to this instance (close this one last).
   * A variant with no host executor gets its own worker threads.
   */
  public Builder newBuilder() {
    return new Builder(settings);
  }

  /** Every connector provider the class loader can see, by system. */
  public static Map<String, ConnectorProvider> providers(ClassLoader classLoader) {
    var out = new java.util.TreeMap<String, ConnectorProvider>();
    for (ConnectorProvider p : ServiceLoader.load(ConnectorProvider.class, classLoader)) {
      out.putIfAbsent(p.system(), p);
    }
    return out;
  }

  /** A brief for a Closed-Won opportunity, requested manually now. */
  public HandoffBrief brief(String opportunityId) {
    return brief(DealRef.of(opportunityId));
  }

  /** The handoff brief for a deal: {@link #brief(DealRef, BriefKind)} of kind {@link BriefKind#HANDOFF}. */
  public HandoffBrief brief(DealRef ref) {
    return brief(ref, BriefKind.HANDOFF);
  }

  /**
   * Makes a brief for a deal: resolves it, reads every source in parallel, extracts cited claims
   * and explicit gaps, verifies every citation, and runs the quality gates and review triggers
   * ({@link HandoffBrief#quality()}). Sources that fail are recorded in
   * {@link HandoffBrief#sources()}; the brief is still made.
   *
   * <p>A handoff brief reads the sales cycle; a later kind (kickoff, 30-day, QBR) reads on from
   * the cycle's start to now, so it sees what happened after close. With a
   * {@link Builder#store brief store}, the brief is compared with the opportunity's
   * latest stored brief of any kind ({@link HandoffBrief#changes()}) and saved as the next version
   * of its kind; the brief returned is the one saved. A store that fails loses nothing: the brief
   * is still returned, and {@link HandoffListener#briefNotStored} says what went wrong.
   *
   * @param kind which brief of the account's life this is
   * @throws InvalidRequestException for a bad id or a not-yet-won deal without a pre-close request
   * @throws DealNotFoundException when the CRM has no such opportunity
   * @throws HandoffException when the CRM cannot be read (auth, limits, outage, deadline)
   */
  public HandoffBrief brief(DealRef ref, BriefKind kind) {
    Objects.requireNonNull(ref, "ref == null");
    Objects.requireNonNull(kind, "kind == null");
    return pipeline.brief(ref, kind);
  }

  /**
   * Stops the worker threads this instance owns (interrupting any source still reading and waiting
   * up to {@link #CLOSE_GRACE} for it to end), then closes the resolver and connectors it made from
   * settings, which releases their HTTP clients and SDK threads. A host-supplied executor, resolver
   * or connector is left to the host. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
      try {
        if (!ownedExecutor.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("a source thread ignored its interrupt and is still running after close()");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        // One connector that fails to close must not keep the others open.
        LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
        LOG.debug("closing {} failed", c.getClass().getSimpleName(), e);
      }
    }
  }

  private static ThreadFactory daemonThreads() {
    var n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "handoff-source-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Makes a {@link Handoff}. Every setter checks its argument at once and names the bad value;
   * {@link #build()} checks the whole and fails with a sentence saying what to add.
   */
  public static final class Builder {

    private @Nullable DealResolver resolver;
    private final Map<String, SourceConnector> connectors = new LinkedHashMap<>();
    /** What configure(...) made: the Handoff owns these and closes them; the host owns the rest. */
    private final List<AutoCloseable> made = new java.util.ArrayList<>();
    private final List<SectionExtractor> extractors = new ArrayList<>();
    private final Map<String, Duration> sourceDeadlines = new HashMap<>();
    private Duration deadline = DEFAULT_DEADLINE;
    private @Nullable Duration sourceDeadline;
    private int callBudget = DEFAULT_CALL_BUDGET;
    private @Nullable Executor executor;
    private HandoffListener listener = new HandoffListener() {};
    private Clock clock = Clock.systemUTC();
    private @Nullable ClassLoader classLoader;
    private @Nullable ReviewPolicy review;
    private @Nullable BriefStore store;

    private Builder() {}

    /** A copy of {@code other}'s settings; what {@code other} made from settings stays its own. */
    private Builder(Builder other) {
      resolver = other.resolver;
      connectors.putAll(other.connectors);
      extractors.addAll(other.extractors);
      sourceDeadlines.putAll(other.sourceDeadlines);
      deadline = other.deadline;
      sourceDeadline = other.sourceDeadline;
      callBudget = other.callBudget;
      executor = other.executor;
      listener = other.listener;
      clock = other.clock;
      classLoader = other.classLoader;
      review = other.review;
      store = other.store;
    }

    /** The CRM resolver that turns an opportunity id into the deal's context. Required. */
    public Builder resolver(DealResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver == null");
      return this;
    }

    /** Adds a source read in parallel with the others. One connector per system. */
    public Builder connector(SourceConnector connector) {
      Objects.requireNonNull(connector, "connector == null");
      String system = Objects.requireNonNull(connector.system(), "connector.system() == null");
      if (connectors.putIfAbsent(system, connector) != null) {
        throw new IllegalArgumentException("a connector for " + system + " is already registered");
      }
      return this;
    }

    /**
     * The class loader to find {@link ConnectorProvider}s with; defaults to this class's own.
     * Integration platforms (MuleSoft, OSGi) that isolate class loaders pass the application's.
     */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader == null");
      return this;
    }

    /**
     * Creates the resolver and connectors named in {@code settings} from the providers on the class
     * path. A system takes part when at least one of its keys ({@code <system>.*}) is present and
     * {@code <system>.enabled} is not {@code false}. Each system's settings are validated by its
     * provider; a bad one fails here, naming the key. The {@code review.*} keys
     * ({@link ReviewPolicy#SETTINGS}) set the review policy on top of any set with {@link #review}.
     *
     * @throws IllegalArgumentException for a bad setting or a system no provider serves
     */
    public Builder configure(Map<String, String> settings) {
      Objects.requireNonNull(settings, "settings == null");
      var systems = new java.util.TreeSet<String>();
      settings.keySet().forEach(k -> {
        int dot = k.indexOf('.');
        if (dot > 0) {
          systems.add(k.substring(0, dot));
        }
      });
      var providers = providers(classLoader != null ? classLoader : Handoff.class.getClassLoader());
      for (String system : systems) {
        if (system.equals("review")) {
          review = (review != null ? review.toBuilder() : ReviewPolicy.builder()).configure(settings).build();
          continue;
        }
        if ("false".equalsIgnoreCase(settings.get(system + ".enabled"))) {
          continue;
        }
        ConnectorProvider provider = providers.get(system);
        if (provider == null) {
          throw new IllegalArgumentException("settings name " + system + ", but no connector for it is on the class path"
              + " (found: " + String.join(", ", providers.keySet()) + "); add its module as a dependency");
        }
        var values = new HashMap<>(settings);
        values.remove(system + ".enabled");
        ConnectorConfig config = ConnectorConfig.of(system, provider.settings(), values);
        provider.createResolver(config).ifPresent(r -> {
          made.add(r);
          if (resolver == null) {
            resolver = r;
          }
        });
        provider.createConnector(config).ifPresent(c -> {
          made.add(c);
          connector(c);
        });
      }
      return this;
    }

    /** The executor sources run on. Defaults to a library-owned pool that {@link Handoff#close()} stops. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /** The overall deadline for one brief, resolution included. */
    public Builder deadline(Duration deadline) {
      this.deadline = positive(deadline, "deadline");
      return this;
    }

    /**
     * The default deadline of each source. Unset, it is {@link #DEFAULT_SOURCE_DEADLINE} or the
     * overall deadline, whichever is shorter.
     */
    public Builder sourceDeadline(Duration sourceDeadline) {
      this.sourceDeadline = positive(sourceDeadline, "sourceDeadline");
      return this;
    }

    /** The deadline of one source, overriding the default. */
    public Builder sourceDeadline(String system, Duration deadline) {
      Objects.requireNonNull(system, "system == null");
      sourceDeadlines.put(system, positive(deadline, "sourceDeadline(" + system + ")"));
      return this;
    }

    /** How many API calls each source may make for one brief. */
    public Builder callBudget(int callBudget) {
      if (callBudget < 1) {
        throw new IllegalArgumentException("callBudget must be at least 1, not " + callBudget);
      }
      this.callBudget = callBudget;
      return this;
    }

    /** Watches progress: sources started and finished, each API call, timings. */
    public Builder listener(HandoffListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** Adds an extractor that runs after the built-in ones (e.g. a model-based summariser). */
    public Builder extractor(SectionExtractor extractor) {
      extractors.add(Objects.requireNonNull(extractor, "extractor == null"));
      return this;
    }

    /**
     * When briefs go to the AE or sales manager for review: the ARR threshold, the strategic logos
     * and the store that remembers gate failures per account. Unset, {@link ReviewPolicy#ofDefaults()}
     * (whose in-memory history lives as long as the {@link Handoff}).
     */
    public Builder review(ReviewPolicy review) {
      this.review = Objects.requireNonNull(review, "review == null");
      return this;
    }

    /**
     * Where briefs are kept. With a store, every brief is compared with the opportunity's previous
     * one ({@link HandoffBrief#changes()}) and saved as its next version, and gate failures are
     * remembered in the store ({@link BriefStore#qualityHistory()}) unless the review policy names
     * its own history. Unset, briefs are not kept and carry no changes. The host owns the store and
     * closes it.
     */
    public Builder store(BriefStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
      return this;
    }

    /** The clock for timestamps and deadlines (tests fix it). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Makes the {@link Handoff}.
     *
     * @throws IllegalStateException when no resolver was given or deadlines contradict each other
     */
    public Handoff build() {
      if (resolver == null) {
        throw new IllegalStateException("no deal resolver: call resolver(...) with a CRM connector"
            + " (e.g. SalesforceConnector.create(config)) or configure(...) with its settings");
      }
      if (connectors.containsKey(resolver.system())) {
        // Refused: deadlines and source reports are keyed by system, so the two would be conflated.
        throw new IllegalStateException("the resolver and a connector both claim " + resolver.system()
            + "; the resolver's evidence is already in the brief");
      }
      for (var e : sourceDeadlines.entrySet()) {
        if (!connectors.containsKey(e.getKey()) && !e.getKey().equals(resolver.system())) {
          throw new IllegalStateException("sourceDeadline set for " + e.getKey() + ", which is not configured"
              + " (configured: " + String.join(", ", allSystems()) + ")");
        }
      }
      if (sourceDeadline != null && sourceDeadline.compareTo(deadline) > 0) {
        throw new IllegalStateException("sourceDeadline " + sourceDeadline + " exceeds the overall deadline " + deadline
            + "; shorten it or raise deadline(...)");
      }
      for (var e : sourceDeadlines.entrySet()) {
        if (e.getValue().compareTo(deadline) > 0) {
          throw new IllegalStateException("sourceDeadline(" + e.getKey() + ") " + e.getValue()
              + " exceeds the overall deadline " + deadline + "; shorten it or raise deadline(...)");
        }
      }
      // An overall deadline set alone must not collide with the default per-source one.
      Duration perSource = sourceDeadline != null ? sourceDeadline
          : DEFAULT_SOURCE_DEADLINE.compareTo(deadline) > 0 ? deadline : DEFAULT_SOURCE_DEADLINE;
      var deadlines = new HashMap<String, Duration>();
      for (String s : allSystems()) {
        deadlines.put(s, sourceDeadlines.getOrDefault(s, perSource));
      }
      ReviewPolicy policy = review != null ? review : ReviewPolicy.ofDefaults();
      if (store != null && !policy.hasOwnHistory()) {
        // "Repeated gate failure" must survive a restart when there is somewhere to remember it.
        policy = policy.toBuilder().history(store.qualityHistory()).build();
      }
      return new Handoff(new Builder(this), List.copyOf(connectors.values()), Map.copyOf(deadlines), policy,
          distinct(made));
    }

    /** One entry per instance: a provider may hand out the same object as resolver and connector. */
    private static List<AutoCloseable> distinct(List<AutoCloseable> all) {
      var seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<AutoCloseable, Boolean>());
      return all.stream().filter(seen::add).toList();
    }

    private List<String> allSystems() {
      var all = new ArrayList<String>();
      all.add(resolver.system());
      all.addAll(connectors.keySet());
      return all;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, not " + d);
      }
      return d;
    }
  }
}
