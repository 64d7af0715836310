package org.handoffbrief.samples;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.handoffbrief.Handoff;
import org.handoffbrief.quality.ReviewPolicy;
import org.handoffbrief.writeback.salesforce.WritebackConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code config-reference}: every setting the config file accepts, printed from the settings each
 * provider describes as data, so the reference can never drift from the code.
 */
@Command(versionProvider = HandoffSamples.Version.class, name = "config-reference",
    description = "Lists every key the config file of 'brief' accepts: the app's own, the review policy's and each"
        + " connector's on the class path.")
final class ConfigReferenceCommand implements Callable<Integer> {

  @Mixin
  HelpOptions helpOptions;

  private final Terminal terminal;

  ConfigReferenceCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    PrintStream out = terminal.out();
    out.println("Config file: a Java properties file. Any value may be ${env:NAME}, read from the environment;");
    out.println("keep secrets there. A relative file path is taken relative to the config file.");
    print(out, "handoff (the app)", BriefCommand.APP_SETTINGS);
    print(out, "review (who confirms a brief before the CSM gets it)", ReviewPolicy.SETTINGS);
    print(out, "writeback (what brief --write-back writes to Salesforce)", WritebackConfig.SETTINGS);
    for (ConnectorProvider p : Handoff.providers(ConfigReferenceCommand.class.getClassLoader()).values()) {
      print(out, p.system(), p.settings());
    }
    return HandoffSamples.EXIT_OK;
  }

  private static void print(PrintStream out, String title, List<ConnectorSetting> settings) {
    out.println();
    out.println(title);
    for (ConnectorSetting s : settings) {
      var line = new StringBuilder("  ").append(s.key()).append("  (").append(s.type().wireId());
      if (s.required()) {
        line.append(", required");
      }
      if (s.secret()) {
        line.append(", secret: use ${env:NAME}");
      }
      if (s.defaultValue() != null) {
        line.append(", default ").append(s.defaultValue());
      }
      out.println(line.append(')'));
      out.println("      " + s.displayName() + ". " + s.description());
    }
  }
}
