package org.handoffbrief.samples;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} and {@code -V/--version} with their names written out. Picocli's
 * {@code mixinStandardHelpOptions} names them through {@code ${picocli.help.name.0:--h}}-style
 * variables, and the app turns variable interpolation off (its help shows {@code ${env:NAME}} as
 * written), so with the standard mixin every usage message showed those variables raw.
 */
final class HelpOptions {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
  boolean version;
}
