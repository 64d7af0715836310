package org.handoffbrief.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Vendor answers in their documented wire format, shared by the connector tests and the fakes, so
 * each exists once: e.g. {@code slack/auth-test.json}, {@code zendesk/error-401.json},
 * {@code google/token-invalid-grant.json}.
 */
public final class WireFixtures {
  private static final String ROOT = "/org/handoffbrief/testing/wire/";

  private WireFixtures() {}

  /**
   * The UTF-8 text of the fixture at {@code path}, below the vendor's folder.
   *
   * @throws IllegalArgumentException when the kit has no such fixture
   */
  public static String read(String path) {
    Objects.requireNonNull(path, "path == null");
    try (InputStream in = WireFixtures.class.getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new IllegalArgumentException("the test kit has no wire fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the kit holds a fixture at {@code path}. */
  public static boolean exists(String path) {
    return WireFixtures.class.getResource(ROOT + Objects.requireNonNull(path, "path == null")) != null;
  }
}
