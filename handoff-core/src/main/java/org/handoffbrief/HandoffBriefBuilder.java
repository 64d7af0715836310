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
import org.handoffbrief.extract.SectionExtractor;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.observe.HandoffListener;
import org.handoffbrief.quality.ReviewPolicy;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.DealResolver;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.store.BriefStore;

/**
 * The one way to make a {@link Handoff}. Every setter checks its argument at once and names the
 * bad value; {@link #build()} checks the whole and fails with a sentence saying what to add.
 *
 * <pre>{@code
 * Handoff handoff = HandoffBriefBuilder.create()
 *     .resolver(SalesforceConnector.create(salesforceConfig))
 *     .connector(myOtherSource)
 *     .deadline(Duration.ofSeconds(60))
 *     .build();
 * HandoffBrief brief = handoff.brief("0065e00000XyZabAAF");
 * }</pre>
 */
public final class HandoffBriefBuilder {

  /** Default overall deadline for one brief. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(90);
  /** Default deadline for each source. */
  public static final Duration DEFAULT_SOURCE_DEADLINE = Duration.ofSeconds(45);
  /** Default API call budget for each source and brief. */
  public static final int DEFAULT_CALL_BUDGET = 200;

  private DealResolver resolver;
  private final Map<String, SourceConnector> connectors = new LinkedHashMap<>();
  /** What configure(...) made: the Handoff owns these and closes them; the host owns the rest. */
  private final List<AutoCloseable> made = new java.util.ArrayList<>();
  private final List<SectionExtractor> extractors = new ArrayList<>();
  private final Map<String, Duration> sourceDeadlines = new HashMap<>();
  private Duration deadline = DEFAULT_DEADLINE;
  private Duration sourceDeadline;
  private int callBudget = DEFAULT_CALL_BUDGET;
  private Executor executor;
  private HandoffListener listener = new HandoffListener() {};
  private Clock clock = Clock.systemUTC();
  private ClassLoader classLoader;
  private ReviewPolicy review;
  private BriefStore store;

  private HandoffBriefBuilder() {}

  /** A builder with the defaults: 90 s per brief, 45 s per source, 200 calls per source. */
  public static HandoffBriefBuilder create() {
    return new HandoffBriefBuilder();
  }

  /** The CRM resolver that turns an opportunity id into the deal's context. Required. */
  public HandoffBriefBuilder resolver(DealResolver resolver) {
    this.resolver = Objects.requireNonNull(resolver, "resolver == null");
    return this;
  }

  /** Adds a source read in parallel with the others. One connector per system. */
  public HandoffBriefBuilder connector(SourceConnector connector) {
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
  public HandoffBriefBuilder classLoader(ClassLoader classLoader) {
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
  public HandoffBriefBuilder configure(Map<String, String> settings) {
    Objects.requireNonNull(settings, "settings == null");
    var systems = new java.util.TreeSet<String>();
    settings.keySet().forEach(k -> {
      int dot = k.indexOf('.');
      if (dot > 0) {
        systems.add(k.substring(0, dot));
      }
    });
    var providers = providers(classLoader != null ? classLoader : HandoffBriefBuilder.class.getClassLoader());
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

  /** Every connector provider the class loader can see, by system. */
  public static Map<String, ConnectorProvider> providers(ClassLoader classLoader) {
    var out = new java.util.TreeMap<String, ConnectorProvider>();
    for (ConnectorProvider p : ServiceLoader.load(ConnectorProvider.class, classLoader)) {
      out.putIfAbsent(p.system(), p);
    }
    return out;
  }

  /** The executor sources run on. Defaults to a library-owned pool that {@link Handoff#close()} stops. */
  public HandoffBriefBuilder executor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor == null");
    return this;
  }

  /** The overall deadline for one brief, resolution included. */
  public HandoffBriefBuilder deadline(Duration deadline) {
    this.deadline = positive(deadline, "deadline");
    return this;
  }

  /**
   * The default deadline of each source. Unset, it is {@link #DEFAULT_SOURCE_DEADLINE} or the
   * overall deadline, whichever is shorter.
   */
  public HandoffBriefBuilder sourceDeadline(Duration sourceDeadline) {
    this.sourceDeadline = positive(sourceDeadline, "sourceDeadline");
    return this;
  }

  /** The deadline of one source, overriding the default. */
  public HandoffBriefBuilder sourceDeadline(String system, Duration deadline) {
    Objects.requireNonNull(system, "system == null");
    sourceDeadlines.put(system, positive(deadline, "sourceDeadline(" + system + ")"));
    return this;
  }

  /** How many API calls each source may make for one brief. */
  public HandoffBriefBuilder callBudget(int callBudget) {
    if (callBudget < 1) {
      throw new IllegalArgumentException("callBudget must be at least 1, not " + callBudget);
    }
    this.callBudget = callBudget;
    return this;
  }

  /** Watches progress: sources started and finished, each API call, timings. */
  public HandoffBriefBuilder listener(HandoffListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener == null");
    return this;
  }

  /** Adds an extractor that runs after the built-in ones (e.g. a model-based summariser). */
  public HandoffBriefBuilder extractor(SectionExtractor extractor) {
    extractors.add(Objects.requireNonNull(extractor, "extractor == null"));
    return this;
  }

  /**
   * When briefs go to the AE or sales manager for review: the ARR threshold, the strategic logos
   * and the store that remembers gate failures per account. Unset, {@link ReviewPolicy#ofDefaults()}
   * (whose in-memory history lives as long as the {@link Handoff}).
   */
  public HandoffBriefBuilder review(ReviewPolicy review) {
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
  public HandoffBriefBuilder store(BriefStore store) {
    this.store = Objects.requireNonNull(store, "store == null");
    return this;
  }

  /** The clock for timestamps and deadlines (tests fix it). */
  public HandoffBriefBuilder clock(Clock clock) {
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
    return new Handoff(resolver, List.copyOf(connectors.values()), List.copyOf(extractors), Map.copyOf(deadlines),
        deadline, callBudget, executor, listener, clock, policy, store, distinct(made));
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
