package org.handoffbrief.samples;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.handoffbrief.Handoff;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.store.jdbc.JdbcBriefStore;
import org.handoffbrief.writeback.salesforce.SalesforceWriteback;
import org.handoffbrief.writeback.salesforce.WritebackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code brief}: a real run against the systems a properties file configures. Connectors come
 * from the providers on the class path ({@link Handoff.Builder#configure}); secrets come from
 * environment variables through {@code ${env:NAME}}.
 */
@Command(versionProvider = HandoffSamples.Version.class, name = "brief", sortOptions = false,
    description = {
        "Makes the brief for one opportunity from the systems configured in FILE, and writes brief.json, "
            + "brief.md and brief.html.",
        "Values in FILE may be ${env:NAME}; keep secrets in environment variables. Run config-reference for the keys."})
final class BriefCommand implements Callable<Integer> {

  /** Settings of the app itself, validated like a connector's and listed by {@code config-reference}. */
  static final List<ConnectorSetting> APP_SETTINGS = List.of(
      ConnectorSetting.optional("handoff.deadline", "Overall deadline", ConnectorSetting.Type.DURATION,
          Handoff.DEFAULT_DEADLINE.toSeconds() + "s",
          "The deadline for one brief, the deal's resolution included (e.g. 90s, 2m, PT90S)."),
      ConnectorSetting.optional("handoff.sourceDeadline", "Source deadline", ConnectorSetting.Type.DURATION,
          Handoff.DEFAULT_SOURCE_DEADLINE.toSeconds() + "s",
          "The deadline of each source; a source still reading then is recorded as failed."),
      ConnectorSetting.optional("handoff.callBudget", "Call budget", ConnectorSetting.Type.INT,
          String.valueOf(Handoff.DEFAULT_CALL_BUDGET),
          "How many API calls each source may make for one brief."),
      ConnectorSetting.optional("handoff.store", "Brief store", ConnectorSetting.Type.STRING, null,
          "Where briefs are stored as versions: an H2 database file (made when missing) or a jdbc: URL; the user and"
              + " password of a server database come from HANDOFF_STORE_USER and HANDOFF_STORE_PASSWORD."));

  private final Terminal terminal;

  @Spec
  CommandSpec spec;

  @Mixin
  HelpOptions helpOptions;

  @Option(names = "--opportunity", required = true, paramLabel = "ID",
      description = "The Salesforce opportunity id, 15 or 18 characters.")
  String opportunityId;

  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "The properties file naming the systems to read (see config-reference).")
  Path config;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write the brief files (default: the current directory).")
  Path out = Path.of("");

  @Option(names = "--pre-close", description = "Accept an opportunity that is not yet Closed Won (an AE's early request).")
  boolean preClose;

  @Option(names = "--kind", paramLabel = "KIND", description = "handoff (default), kickoff, 30-day or qbr. Later kinds "
      + "read up to now and, with a store, show what changed since the opportunity's previous brief.")
  String kind = BriefKind.HANDOFF.wireId();

  @Option(names = "--store", paramLabel = "FILE", description = "Store the brief as a version in this brief store: an "
      + "H2 database file (made when missing) or a jdbc: URL, user and password from HANDOFF_STORE_USER and "
      + "HANDOFF_STORE_PASSWORD. Default: handoff.store in FILE, else no store.")
  String store;

  @Option(names = "--write-back", description = "Write the brief back to Salesforce (Task, success plan, follow-up "
      + "Tasks, the full brief) with the salesforce.* credentials and writeback.* settings of FILE; needs a store.")
  boolean writeBack;

  @Option(names = "--yes", description = "With --write-back: make the writes without asking.")
  boolean yes;

  @Option(names = "--dry-run", description = "With --write-back: only show the writes the brief would cause.")
  boolean dryRun;

  BriefCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (opportunityId.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--opportunity must not be blank");
    }
    BriefKind briefKind = DemoCommand.kind(spec, kind);
    if ((yes || dryRun) && !writeBack) {
      throw new ParameterException(spec.commandLine(), "--yes and --dry-run go with --write-back");
    }
    if (yes && dryRun) {
      throw new ParameterException(spec.commandLine(), "--yes and --dry-run contradict each other; give one");
    }
    ClassLoader loader = BriefCommand.class.getClassLoader();
    Map<String, ConnectorProvider> providers = Handoff.providers(loader);
    TreeMap<String, String> settings = load(config, terminal, providers);
    Map<String, String> app = appSettings(settings);
    Map<String, String> writebackSettings = new TreeMap<>();
    settings.entrySet().removeIf(e -> e.getKey().startsWith("writeback.")
        && writebackSettings.put(e.getKey(), e.getValue()) == null);

    Handoff.Builder builder = Handoff.builder().classLoader(loader);
    WritebackConfig writebackConfig;
    SalesforceConfig salesforce = null;
    String storeAt;
    try {
      ConnectorConfig appConfig = ConnectorConfig.of("handoff", APP_SETTINGS, app);
      storeAt = store != null ? store : appConfig.get("handoff.store");
      writebackConfig = WritebackConfig.fromSettings(writebackSettings);
      if ((writeBack || storeAt != null) && settings.keySet().stream().anyMatch(k -> k.startsWith("salesforce."))) {
        // Briefs that are stored, and so compared with the next one, must not read back the write-back's own Tasks.
        settings.putIfAbsent("salesforce.writebackKeyField", writebackConfig.taskKeyField());
      }
      builder.deadline(appConfig.getDuration("handoff.deadline"))
          .sourceDeadline(appConfig.getDuration("handoff.sourceDeadline"))
          .callBudget(appConfig.getInt("handoff.callBudget"))
          .configure(settings);
      if (writeBack) {
        ConnectorProvider sf = providers.get("salesforce");
        if (sf == null || settings.keySet().stream().noneMatch(k -> k.startsWith("salesforce."))) {
          throw new IllegalArgumentException("--write-back needs the salesforce.* settings it signs in with");
        }
        salesforce = SalesforceConfig.fromSettings(ConnectorConfig.of("salesforce", sf.settings(), settings));
      }
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      throw new ConfigException(config.getFileName() + ": " + e.getMessage());
    }
    if (writeBack && storeAt == null) {
      throw new ConfigException("--write-back keeps its plan and each write's outcome in a brief store: give --store"
          + " FILE or handoff.store, so a rerun never writes twice");
    }
    DealRef ref = preClose ? DealRef.preClose(opportunityId) : DealRef.of(opportunityId);
    if (storeAt == null) {
      return HandoffSamples.exitCode(BriefRun.run(terminal, builder, ref, briefKind, out));
    }
    try (JdbcBriefStore briefs = Stores.open(storeAt, terminal)) {
      HandoffBrief brief = BriefRun.run(terminal, builder.store(briefs), ref, briefKind, out);
      StoredBrief stored = briefs.latest(brief.opportunityId(), briefKind).orElse(null);
      if (stored == null) {
        terminal.err().println("error: the brief was not stored" + (writeBack ? ", so nothing is written back" : ""));
        return HandoffSamples.EXIT_WRITE;
      }
      terminal.out().println("Stored as " + TerminalText.safe(stored.briefId()));
      int written = HandoffSamples.EXIT_OK;
      if (writeBack) {
        try (SalesforceWriteback writeback = SalesforceWriteback.builder().salesforce(salesforce)
            .config(writebackConfig).store(briefs).build()) {
          written = WriteBackStep.run(terminal, writeback, briefs, stored, DemoCommand.mode(yes, dryRun));
        }
      }
      return Math.max(HandoffSamples.exitCode(brief), written);
    }
  }

  /** The settings of FILE, secrets resolved, files read for the providers' file settings. */
  static TreeMap<String, String> load(Path config, Terminal terminal, Map<String, ConnectorProvider> providers) {
    Set<String> fileKeys = providers.values().stream()
        .flatMap(p -> p.settings().stream()).filter(s -> s.type() == ConnectorSetting.Type.FILE)
        .map(ConnectorSetting::key).collect(Collectors.toSet());
    return ConfigFile.load(config, terminal.env(), fileKeys);
  }

  /** Takes the app's own {@code handoff.*} settings out of {@code settings} and returns them. */
  static Map<String, String> appSettings(TreeMap<String, String> settings) {
    Map<String, String> app = new TreeMap<>();
    settings.entrySet().removeIf(e -> e.getKey().startsWith("handoff.") && app.put(e.getKey(), e.getValue()) == null);
    return app;
  }
}
