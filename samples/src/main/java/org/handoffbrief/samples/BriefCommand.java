package org.handoffbrief.samples;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.handoffbrief.HandoffBriefBuilder;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorSetting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code brief}: a real run against the systems a properties file configures. Connectors come
 * from the providers on the class path ({@link HandoffBriefBuilder#configure}); secrets come from
 * environment variables through {@code ${env:NAME}}.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = HandoffSamples.Version.class, name = "brief", sortOptions = false,
    description = {
        "Makes the brief for one opportunity from the systems configured in FILE, and writes brief.json, "
            + "brief.md and brief.html.",
        "Values in FILE may be ${env:NAME}; keep secrets in environment variables. Run config-reference for the keys."})
final class BriefCommand implements Callable<Integer> {

  /** Settings of the app itself, validated like a connector's and listed by {@code config-reference}. */
  static final List<ConnectorSetting> APP_SETTINGS = List.of(
      ConnectorSetting.optional("handoff.deadline", "Overall deadline", ConnectorSetting.Type.DURATION,
          HandoffBriefBuilder.DEFAULT_DEADLINE.toSeconds() + "s",
          "The deadline for one brief, the deal's resolution included (e.g. 90s, 2m, PT90S)."),
      ConnectorSetting.optional("handoff.sourceDeadline", "Source deadline", ConnectorSetting.Type.DURATION,
          HandoffBriefBuilder.DEFAULT_SOURCE_DEADLINE.toSeconds() + "s",
          "The deadline of each source; a source still reading then is recorded as failed."),
      ConnectorSetting.optional("handoff.callBudget", "Call budget", ConnectorSetting.Type.INT,
          String.valueOf(HandoffBriefBuilder.DEFAULT_CALL_BUDGET),
          "How many API calls each source may make for one brief."));

  private final Terminal terminal;

  @Spec
  CommandSpec spec;

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

  BriefCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (opportunityId.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--opportunity must not be blank");
    }
    ClassLoader loader = BriefCommand.class.getClassLoader();
    Set<String> fileKeys = HandoffBriefBuilder.providers(loader).values().stream()
        .flatMap(p -> p.settings().stream()).filter(s -> s.type() == ConnectorSetting.Type.FILE)
        .map(ConnectorSetting::key).collect(Collectors.toSet());
    TreeMap<String, String> settings = ConfigFile.load(config, terminal.env(), fileKeys);
    Map<String, String> app = new TreeMap<>();
    settings.entrySet().removeIf(e -> e.getKey().startsWith("handoff.") && app.put(e.getKey(), e.getValue()) == null);

    HandoffBriefBuilder builder = HandoffBriefBuilder.create().classLoader(loader);
    try {
      ConnectorConfig appConfig = ConnectorConfig.of("handoff", APP_SETTINGS, app);
      builder.deadline(appConfig.getDuration("handoff.deadline"))
          .sourceDeadline(appConfig.getDuration("handoff.sourceDeadline"))
          .callBudget(appConfig.getInt("handoff.callBudget"))
          .configure(settings);
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      throw new ConfigException(config.getFileName() + ": " + e.getMessage());
    }
    DealRef ref = preClose ? DealRef.preClose(opportunityId) : DealRef.of(opportunityId);
    HandoffBrief brief = BriefRun.run(terminal, builder, ref, out);
    return HandoffSamples.exitCode(brief);
  }
}
