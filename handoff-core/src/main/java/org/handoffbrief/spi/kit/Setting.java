package org.handoffbrief.spi.kit;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorSetting;
import org.handoffbrief.spi.ConnectorSetting.Type;

/**
 * One connector setting declared once, as Debezium's {@code Field} is: its key, label, type,
 * default and description, and how its value is read. The provider's
 * {@link org.handoffbrief.spi.ConnectorProvider#settings()} list comes from {@link #describe()} and
 * the config's parser reads the value back through the same constant, so a key or a default can
 * never differ between the two. Validation of the value stays in the config's builder, whose
 * setters check every value however it was given.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
  private final ConnectorSetting description;
  private final Function<ConnectorConfig, T> reader;

  private Setting(ConnectorSetting description, Function<ConnectorConfig, T> reader) {
    this.description = description;
    this.reader = reader;
  }

  /** A text setting; {@code defaultValue} may be null. */
  public static Setting<String> string(String key, String displayName, String defaultValue, String description) {
    return optional(key, displayName, Type.STRING, defaultValue, description, c -> c.get(key));
  }

  /** A required text setting: making the config fails without it. */
  public static Setting<String> required(String key, String displayName, String description) {
    return new Setting<>(ConnectorSetting.required(key, displayName, Type.STRING, description), c -> c.get(key));
  }

  /** A credential: never logged, never shown. */
  public static Setting<String> secret(String key, String displayName, String description) {
    return new Setting<>(ConnectorSetting.secret(key, displayName, description), c -> c.get(key));
  }

  /** A required credential (a token the connector cannot work without): never logged, never shown. */
  public static Setting<String> requiredSecret(String key, String displayName, String description) {
    return new Setting<>(new ConnectorSetting(key, displayName, Type.STRING, null, true, true, description),
        c -> c.get(key));
  }

  /** A file path setting without a default; null when unset. */
  public static Setting<Path> file(String key, String displayName, String description) {
    return optional(key, displayName, Type.FILE, null, description, c -> c.has(key) ? c.getPath(key) : null);
  }

  /** An http(s) URL setting. */
  public static Setting<URI> url(String key, String displayName, String defaultValue, String description) {
    return optional(key, displayName, Type.URL, defaultValue, description, c -> c.has(key) ? c.getUri(key) : null);
  }

  /** A whole-number setting. */
  public static Setting<Integer> integer(String key, String displayName, int defaultValue, String description) {
    return optional(key, displayName, Type.INT, String.valueOf(defaultValue), description, c -> c.getInt(key));
  }

  /** A duration setting; the default is written as a reader would ({@code 30s}, {@code 48h}). */
  public static Setting<Duration> duration(String key, String displayName, String defaultValue, String description) {
    return optional(key, displayName, Type.DURATION, defaultValue, description,
        c -> c.has(key) ? c.getDuration(key) : null);
  }

  /** An on/off setting. */
  public static Setting<Boolean> bool(String key, String displayName, boolean defaultValue, String description) {
    return optional(key, displayName, Type.BOOLEAN, String.valueOf(defaultValue), description, c -> c.getBoolean(key));
  }

  /** A comma-separated list setting; empty when unset. */
  public static Setting<List<String>> list(String key, String displayName, String description) {
    return optional(key, displayName, Type.LIST, null, description, c -> c.getList(key));
  }

  /** A comma-separated list setting with a default written as it would be given, e.g. {@code a,b}. */
  public static Setting<List<String>> list(String key, String displayName, String defaultValue, String description) {
    return optional(key, displayName, Type.LIST, defaultValue, description, c -> c.getList(key));
  }

  private static <T> Setting<T> optional(String key, String displayName, Type type, String defaultValue,
      String description, Function<ConnectorConfig, T> reader) {
    return new Setting<>(ConnectorSetting.optional(key, displayName, type, defaultValue, description), reader);
  }

  /** The setting's key, e.g. {@code gong.leadTime}. */
  public String key() {
    return description.key();
  }

  /** The setting described as data, for the provider's settings list. */
  public ConnectorSetting describe() {
    return description;
  }

  /** The value in {@code config}: the one given, else the default, else null. */
  public T from(ConnectorConfig config) {
    return reader.apply(Objects.requireNonNull(config, "config == null"));
  }

  /**
   * The default as its type, for a builder's initial value, so the default is written once.
   *
   * @throws IllegalStateException when the setting has no default
   */
  public T defaultValue() {
    String d = description.defaultValue();
    if (d == null) {
      throw new IllegalStateException(key() + " has no default");
    }
    return from(ConnectorConfig.of(key().substring(0, key().indexOf('.')), List.of(description), java.util.Map.of()));
  }

  /** The descriptions of {@code settings}, in order: a provider's {@code settings()}. */
  public static List<ConnectorSetting> describe(List<Setting<?>> settings) {
    return settings.stream().map(Setting::describe).toList();
  }

  @Override
  public String toString() {
    return key();
  }
}
