package org.handoffbrief.store;

/** Argument checks shared by the store's records. */
final class Text {
  private Text() {}

  static String notBlank(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    return value;
  }
}
