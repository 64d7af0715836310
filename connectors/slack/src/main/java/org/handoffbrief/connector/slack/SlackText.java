package org.handoffbrief.connector.slack;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's message markup as plain text (Slack API docs, "Formatting text for app surfaces":
 * angle-bracket entities and the three escaped characters), and the names of channels.
 */
final class SlackText {

  private static final Pattern ENTITY = Pattern.compile("<([^<>]*)>");
  private static final Pattern USER_ID = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^<>]*)?>");

  private SlackText() {}

  /**
   * The text with {@code <@U1>} as {@code @Name}, {@code <#C1|name>} as {@code #name}, links as
   * {@code label (url)} (just the address when the label repeats it), special mentions as
   * {@code @here}, and {@code &amp; &lt; &gt;} unescaped last, so an escaped {@code &lt;} never
   * turns into markup.
   *
   * @param userName the display name of a user id, or null when unknown
   * @param channelName the name of a channel id, or null when unknown
   */
  static String plain(String text, Function<String, String> userName, Function<String, String> channelName) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    Matcher m = ENTITY.matcher(text);
    var out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1), userName, channelName)));
    }
    m.appendTail(out);
    return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip();
  }

  private static String entity(String body, Function<String, String> userName, Function<String, String> channelName) {
    int bar = body.indexOf('|');
    String target = bar < 0 ? body : body.substring(0, bar);
    String label = bar < 0 ? null : body.substring(bar + 1);
    if (target.startsWith("@")) {
      String name = userName.apply(target.substring(1));
      return "@" + (name != null ? name : label != null ? label : target.substring(1));
    }
    if (target.startsWith("#")) {
      String name = label != null && !label.isEmpty() ? label : channelName.apply(target.substring(1));
      return "#" + (name != null ? name : target.substring(1));
    }
    if (target.startsWith("!")) {
      // <!here>, <!channel>, <!subteam^S1|@team>, <!date^1700000000^{date}|Mar 8>: the fallback reads best.
      if (label != null && !label.isEmpty()) {
        return label.startsWith("@") || target.startsWith("!date") ? label : "@" + label;
      }
      String word = target.substring(1);
      int caret = word.indexOf('^');
      return "@" + (caret < 0 ? word : word.substring(0, caret));
    }
    String url = target.startsWith("mailto:") ? target.substring("mailto:".length()) : target;
    if (label == null || label.isEmpty() || label.equals(url) || label.equals(target)) {
      return url;
    }
    return label + " (" + url + ")";
  }

  /** The user ids mentioned as {@code <@U1>} in raw Slack text, in order of first mention. */
  static Set<String> mentionedUsers(String text) {
    var out = new java.util.LinkedHashSet<String>();
    if (text != null) {
      Matcher m = USER_ID.matcher(text);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /**
   * An account name as Slack channel names write it: lower case, accents dropped, every run of
   * other characters one hyphen ({@code Meridian Health, Inc.} becomes {@code meridian-health-inc}).
   */
  static String slug(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
  }

  /**
   * Whether a CRM field's value names this channel: by its id anywhere in the value
   * ({@code C0123ABCD}, {@code <#C0123ABCD|deal-acme>}, {@code https://x.slack.com/archives/C0123ABCD}),
   * or by its name as a whole word, with or without {@code #} ({@code #deal-acme}, {@code deal-acme}).
   */
  static boolean namesChannel(String value, String id, String name) {
    if (Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(id) + "(?![A-Za-z0-9])").matcher(value).find()) {
      return true;
    }
    for (String word : value.toLowerCase(Locale.ROOT).split("[\\s,;<>|#/]+")) {
      if (word.equals(name.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a channel name matches a pattern in which {@code *} stands for any run of characters
   * (the account slug is already substituted). Case-insensitive: Slack names are lower case.
   */
  static boolean matches(String pattern, String channelName) {
    String r = java.util.Arrays.stream(pattern.toLowerCase(Locale.ROOT).split("\\*", -1))
        .map(Pattern::quote).collect(java.util.stream.Collectors.joining(".*"));
    return channelName.toLowerCase(Locale.ROOT).matches(r);
  }
}
