package org.handoffbrief.connector.salesforce.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Salesforce record ids: 15 case-sensitive characters, or 18 with a 3-character suffix that makes
 * the id safe in case-insensitive places. The first three characters are the object's key prefix
 * ({@code 006} for Opportunity). An 18-character id whose letters were all lower- or upper-cased
 * on the way (a tool, a spreadsheet) gets its case back from the suffix; one whose suffix cannot be
 * its own is refused. An id is checked here before any call is made, so a mistyped or
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
    if (t.length() == 18 && !t.equals(expected) && caseLost(t.substring(0, 15))) {
      // A tool lower- or upper-cased the whole id; the suffix is there to survive that.
      String restored = restoreCase(t);
      expected = restored == null ? expected : restored;
      t = restored == null ? t : restored;
    }
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

  /** True when every letter has the same case, as after a tool lower- or upper-cased the id. */
  private static boolean caseLost(String id15) {
    return id15.chars().noneMatch(c -> c >= 'A' && c <= 'Z') || id15.chars().noneMatch(c -> c >= 'a' && c <= 'z');
  }

  /**
   * The id with each letter's case read back from its suffix, or null when the suffix cannot be
   * this id's (a character outside {@code A..Z0..5}, or an upper-case bit on a digit).
   */
  private static String restoreCase(String id18) {
    var out = new StringBuilder(15);
    for (int block = 0; block < 3; block++) {
      int bits = SUFFIX_ALPHABET.indexOf(Character.toUpperCase(id18.charAt(15 + block)));
      if (bits < 0) {
        return null;
      }
      for (int i = 0; i < 5; i++) {
        char c = id18.charAt(block * 5 + i);
        boolean upper = (bits & (1 << i)) != 0;
        if (upper && !Character.isLetter(c)) {
          return null;
        }
        out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      }
    }
    String id15 = out.toString();
    return id15 + suffix(id15);
  }

  /** The id as shown in a message: cut short and without control characters, so it cannot forge log lines. */
  private static String printable(String s) {
    String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
