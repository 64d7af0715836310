package org.handoffbrief.connector.salesforce.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The two ways a value may enter a SOQL statement here: as a string literal, escaped by
 * {@link #quote(String)}, or as a field name that {@link #requireFieldName(String)} accepted.
 * Nothing else is concatenated into a query.
 *
 * <p>Escapes follow the SOQL reference, "Quoted String Escape Sequences": backslash, single and
 * double quote, and the control characters {@code \n \r \t \b \f}.
 */
public final class Soql {

  /**
   * A field API name, optionally through relationships: {@code Name}, {@code Go_Live_Date__c},
   * {@code ns__Field__c}, {@code Account.Champion__r.Name}. Salesforce names are letters, digits
   * and single underscores, starting with a letter.
   */
  private static final Pattern FIELD = Pattern.compile(
      "[A-Za-z](?:[A-Za-z0-9]|_(?!_)|__(?=[A-Za-z]))*(?:\\.[A-Za-z](?:[A-Za-z0-9]|_(?!_)|__(?=[A-Za-z]))*)*");

  private Soql() {}

  /** {@code value} as a quoted SOQL string literal, e.g. {@code 'O\'Brien'}. */
  public static String quote(String value) {
    return "'" + escape(value) + "'";
  }

  /** {@code value} escaped for use between single quotes in SOQL. */
  public static String escape(String value) {
    Objects.requireNonNull(value, "value == null");
    var out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A SOQL {@code LIKE} pattern matching values that contain {@code value}, quoted: the literal's
   * escapes, and {@code %} and {@code _} escaped with a backslash so a person's words match as
   * typed, not as wildcards (SOQL reference, "Comparison Operators", LIKE).
   */
  public static String likeContaining(String value) {
    return "'%" + escape(value).replace("%", "\\%").replace("_", "\\_") + "%'";
  }

  /**
   * Returns {@code name} when it is a well-formed field API name.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public static String requireFieldName(String name) {
    Objects.requireNonNull(name, "field name == null");
    if (name.length() > 255 || !FIELD.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a Salesforce field API name (letters, digits and"
          + " single underscores, starting with a letter, e.g. Go_Live_Date__c)");
    }
    return name;
  }
}
