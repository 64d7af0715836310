package org.handoffbrief.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Argument checks shared by the model records; messages name the offending field. */
final class Checks {
  private Checks() {}

  static String notBlank(String value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  static <T> List<T> list(List<T> values, String name) {
    Objects.requireNonNull(values, name + " == null");
    for (T v : values) {
      Objects.requireNonNull(v, name + " contains null");
    }
    return List.copyOf(values);
  }

  static <K, V> Map<K, V> map(Map<K, V> values, String name) {
    Objects.requireNonNull(values, name + " == null");
    // Map.copyOf would lose the caller's order, and order is part of what a reader sees.
    var copy = new java.util.LinkedHashMap<K, V>();
    values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, name + " has a null key"),
        Objects.requireNonNull(v, name + " has a null value for " + k)));
    return java.util.Collections.unmodifiableMap(copy);
  }
}
