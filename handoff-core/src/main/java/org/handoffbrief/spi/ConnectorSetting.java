package org.handoffbrief.spi;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One setting of a connector, described as data so a host can list, validate and document it
 * (the sample app's config file and the README's reference are built from these).
 *
 * @param key the key, {@code <system>.<name>}, e.g. {@code salesforce.loginUrl}
 * @param displayName a short label
 * @param type how the value is read
 * @param defaultValue the default, or null when there is none
 * @param required whether a value must be given (a default satisfies it)
 * @param secret whether the value is a credential: never logged, never shown
 * @param description one or two sentences for the reference
 */
public record ConnectorSetting(String key, String displayName, Type type, @Nullable String defaultValue,
    boolean required, boolean secret, String description) {

  /** How a setting's value is parsed and checked. */
  public enum Type {
    STRING, URL, INT, DURATION, BOOLEAN, LIST, FILE;

    public String wireId() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ConnectorSetting {
    Objects.requireNonNull(key, "key == null");
    if (!key.matches("[a-z][a-z0-9-]*\\.[A-Za-z][A-Za-z0-9.]*")) {
      throw new IllegalArgumentException("setting key must look like system.name: " + key);
    }
    Objects.requireNonNull(displayName, "displayName == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(description, "description == null");
  }

  public static ConnectorSetting required(String key, String displayName, Type type, String description) {
    return new ConnectorSetting(key, displayName, type, null, true, false, description);
  }

  public static ConnectorSetting optional(String key, String displayName, Type type, String defaultValue,
      String description) {
    return new ConnectorSetting(key, displayName, type, defaultValue, false, false, description);
  }

  public static ConnectorSetting secret(String key, String displayName, String description) {
    return new ConnectorSetting(key, displayName, Type.STRING, null, false, true, description);
  }
}
