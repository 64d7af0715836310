package org.handoffbrief.samples;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the app's properties file. A value may be, or contain, {@code ${env:NAME}}: secrets live
 * in environment variables, not in the file. A missing variable fails with the key and the
 * variable's name; a value is never put in a message, since it may be a secret. A relative path in
 * a file-valued setting is taken relative to the config file, so a config and its key file can
 * move together.
 */
final class ConfigFile {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern ENV_NAME = Pattern.compile("env:([A-Za-z_][A-Za-z0-9_]*)");

  private ConfigFile() {}

  /**
   * The settings in {@code file} with every placeholder replaced.
   *
   * @param env environment lookup, null for an unset variable
   * @param fileKeys keys whose values are file paths
   * @throws ConfigException when the file cannot be read, a placeholder is malformed or names an
   *     unset variable
   */
  static TreeMap<String, String> load(Path file, Function<String, String> env, Set<String> fileKeys) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("config file " + file.toAbsolutePath() + " does not exist");
    }
    var props = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("config file " + file.toAbsolutePath() + " cannot be read: " + e.getMessage());
    }
    Path base = file.toAbsolutePath().getParent();
    var out = new TreeMap<String, String>();
    for (String key : props.stringPropertyNames()) {
      String value = resolve(file, key, props.getProperty(key).strip(), env);
      if (fileKeys.contains(key) && !value.isEmpty()) {
        value = base.resolve(value).normalize().toString();
      }
      out.put(key, value);
    }
    return out;
  }

  private static String resolve(Path file, String key, String raw, Function<String, String> env) {
    Matcher m = PLACEHOLDER.matcher(raw);
    var sb = new StringBuilder();
    while (m.find()) {
      Matcher name = ENV_NAME.matcher(m.group(1));
      if (!name.matches()) {
        throw new ConfigException(file.getFileName() + ": " + key + " uses ${" + m.group(1)
            + "}; the only placeholder is ${env:NAME}, an environment variable");
      }
      String value = env.apply(name.group(1));
      if (value == null) {
        throw new ConfigException(file.getFileName() + ": " + key + " needs the environment variable "
            + name.group(1) + ", which is not set");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
