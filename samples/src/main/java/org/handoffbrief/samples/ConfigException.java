package org.handoffbrief.samples;

/**
 * The app's configuration (the config file, its environment variables, the settings in it) is
 * wrong. Exits with {@link HandoffSamples#EXIT_USAGE}. The message names the file, the key or the
 * variable, and never a value read from the environment.
 */
final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ConfigException(String message) {
    super(message);
  }
}
