package org.handoffbrief.connector.salesforce;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Salesforce record ids: 15 case-sensitive characters, or 18 with a 3-character suffix that makes
 * the id safe in case-insensitive places. The first three characters are the object's key prefix
 * ({@code 006} for Opportunity). An id is checked here before any call is made, so a mistyped or
 * hostile id never reaches the API.
 */
public final class SalesforceIds {

  /** The key prefix of Opportunity ids. */
  public static final String OPPORTUNITY_PREFIX = "006";

  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9]{15}|[A-Za-z0-9]{18}");
  private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

  private SalesforceIds() {}

  /**
   * The 18-character form of a valid id with the given key prefix.
   *
   * @param id a 15- or 18-character id; surrounding whitespace is ignored
   * @param keyPrefix the expected key prefix, e.g. {@link #OPPORTUNITY_PREFIX}
   * @param objectName the object's name, for the message ("Opportunity")
   * @throws IllegalArgumentException saying why the id is not acceptable
   */
  public static String normalize(String id, String keyPrefix, String objectName) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(keyPrefix, "keyPrefix == null");
    String t = id.strip();
    String shown = printable(t);
    if (!SHAPE.matcher(t).matches()) {
      throw new IllegalArgumentException("'" + shown + "' is not a Salesforce id: an id is 15 or 18 letters and digits"
          + " (this one has " + t.length() + " characters" + (t.chars().allMatch(Character::isLetterOrDigit)
              ? "" : ", some of them not letters or digits") + ")");
    }
    String expected = t.substring(0, 15) + suffix(t.substring(0, 15));
    if (t.length() == 18 && !t.equals(expected)) {
      throw new IllegalArgumentException("'" + shown + "' is not a valid Salesforce id: its checksum suffix should be "
          + expected.substring(15) + "; check the id for a mistyped or wrongly cased character");
    }
    if (!t.startsWith(keyPrefix)) {
      throw new IllegalArgumentException("'" + shown + "' is not an " + objectName + " id: " + objectName
          + " ids start with " + keyPrefix + ", this one starts with " + t.substring(0, 3));
    }
    return expected;
  }

  /**
   * The 3-character suffix of a 15-character id: for each block of five characters, a bit per
   * upper-case letter (first character lowest) indexes {@code A..Z0..5}.
   */
  static String suffix(String id15) {
    var out = new StringBuilder(3);
    for (int block = 0; block < 3; block++) {
      int bits = 0;
      for (int i = 0; i < 5; i++) {
        char c = id15.charAt(block * 5 + i);
        if (c >= 'A' && c <= 'Z') {
          bits |= 1 << i;
        }
      }
      out.append(SUFFIX_ALPHABET.charAt(bits));
    }
    return out.toString();
  }

  /** The id as shown in a message: cut short and without control characters, so it cannot forge log lines. */
  private static String printable(String s) {
    String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
