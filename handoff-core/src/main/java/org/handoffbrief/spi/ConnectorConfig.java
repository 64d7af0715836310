package org.handoffbrief.spi;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A connector's settings with their values, validated against the connector's
 * {@link ConnectorSetting} descriptions when made: a missing required value, a value of the wrong
 * type or an unknown key under the connector's prefix fails at once with a sentence naming the key.
 * {@link #toString()} never shows a secret.
 */
public final class ConnectorConfig {

  private final String system;
  private final Map<String, ConnectorSetting> settings;
  private final Map<String, String> values;

  private ConnectorConfig(String system, Map<String, ConnectorSetting> settings, Map<String, String> values) {
    this.system = system;
    this.settings = settings;
    this.values = values;
  }

  /**
   * Validates {@code values} against {@code settings}. Keys that do not start with
   * {@code system + "."} are ignored, so one flat map can configure every connector.
   *
   * @throws IllegalArgumentException naming each bad key
   */
  public static ConnectorConfig of(String system, List<ConnectorSetting> settings, Map<String, String> values) {
    Objects.requireNonNull(system, "system == null");
    Objects.requireNonNull(settings, "settings == null");
    Objects.requireNonNull(values, "values == null");
    var byKey = new LinkedHashMap<String, ConnectorSetting>();
    settings.forEach(s -> byKey.put(s.key(), s));
    var problems = new java.util.ArrayList<String>();
    var accepted = new TreeMap<String, String>();
    var rejected = new java.util.HashSet<String>();
    values.forEach((k, v) -> {
      if (!k.startsWith(system + ".")) {
        return;
      }
      ConnectorSetting s = byKey.get(k);
      if (s == null) {
        problems.add("unknown setting " + k + " (known: " + String.join(", ", byKey.keySet()) + ")");
      } else if (v != null && !v.isBlank()) {
        String p = checkType(s, v.strip());
        if (p != null) {
          problems.add(p);
          rejected.add(k);
        } else {
          accepted.put(k, v.strip());
        }
      }
    });
    for (ConnectorSetting s : settings) {
      if (!accepted.containsKey(s.key()) && s.defaultValue() != null) {
        accepted.put(s.key(), s.defaultValue());
      }
      // A required key given with a bad value is already named once; "is required" would mislead.
      if (s.required() && !accepted.containsKey(s.key()) && !rejected.contains(s.key())) {
        problems.add(s.key() + " is required: " + s.description());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(system + " configuration: " + String.join("; ", problems));
    }
    return new ConnectorConfig(system, byKey, java.util.Collections.unmodifiableMap(accepted));
  }

  private static String checkType(ConnectorSetting s, String v) {
    String shown = s.secret() ? "(secret)" : "'" + v + "'";
    try {
      switch (s.type()) {
        case INT -> Integer.parseInt(v);
        case DURATION -> parseDuration(v);
        case URL -> {
          URI u = URI.create(v);
          if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
            return s.key() + " must be an http(s) URL, not " + shown;
          }
        }
        case BOOLEAN -> {
          if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            return s.key() + " must be true or false, not " + shown;
          }
        }
        default -> { }
      }
      return null;
    } catch (IllegalArgumentException | DateTimeParseException e) {
      String expected = switch (s.type()) {
        case INT -> "an integer";
        case DURATION -> "a duration (e.g. 30s, 2m, 500ms or PT30S)";
        default -> "a " + s.type().wireId();
      };
      return s.key() + " must be " + expected + ", not " + shown;
    }
  }

  /** Parses an ISO-8601 duration ({@code PT30S}) or a short form ({@code 30s}, {@code 2m}, {@code 500ms}). */
  public static Duration parseDuration(String v) {
    Objects.requireNonNull(v, "v == null");
    String t = v.strip().toLowerCase(java.util.Locale.ROOT);
    if (t.length() < 2) {
      throw new IllegalArgumentException("not a duration: '" + v + "' (write e.g. 30s, 2m, 500ms or PT30S)");
    }
    Duration d;
    if (t.startsWith("p")) {
      d = Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
    } else if (t.endsWith("ms")) {
      d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    } else {
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      d = switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new IllegalArgumentException("not a duration: '" + v + "' (write e.g. 30s, 2m, 500ms or PT30S)");
      };
    }
    // Every duration setting is a timeout or an interval; a negative one is always a typo.
    if (d.isNegative()) {
      throw new IllegalArgumentException("a duration must not be negative: '" + v + "'");
    }
    return d;
  }

  public String system() {
    return system;
  }

  /** The value, the default when none was given, or null. */
  public String get(String key) {
    requireKnown(key);
    return values.get(key);
  }

  /** The value or the default; fails with the setting's description when there is neither. */
  public String require(String key) {
    String v = get(key);
    if (v == null) {
      throw new IllegalArgumentException(key + " is required: " + settings.get(key).description());
    }
    return v;
  }

  public boolean has(String key) {
    return get(key) != null;
  }

  public int getInt(String key) {
    return Integer.parseInt(require(key));
  }

  public boolean getBoolean(String key) {
    return Boolean.parseBoolean(require(key));
  }

  public Duration getDuration(String key) {
    return parseDuration(require(key));
  }

  public URI getUri(String key) {
    return URI.create(require(key));
  }

  public Path getPath(String key) {
    return Path.of(require(key));
  }

  /** A comma-separated value as a list of trimmed, non-empty items; empty when unset. */
  public List<String> getList(String key) {
    String v = get(key);
    if (v == null) {
      return List.of();
    }
    return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private void requireKnown(String key) {
    if (!settings.containsKey(key)) {
      throw new IllegalArgumentException("unknown setting " + key + " for " + system);
    }
  }

  @Override
  public String toString() {
    return system + values.entrySet().stream()
        .map(e -> e.getKey() + "=" + (settings.get(e.getKey()).secret() ? "****" : e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
