package org.handoffbrief.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.handoffbrief.testing.WireFixtures;

/** What every demo system shares: its fixtures on the class path and, for signed sign-ins, a key pair. */
final class DemoFixtures {
  private DemoFixtures() {}

  private static final String DEMO = "/demo/";

  /**
   * The UTF-8 text of a fixture, e.g. {@code /demo/gong/calls-extensive-page1.json}. The vendor
   * answers the connector tests use too live once, in the test kit; the demo's own folder wins.
   */
  static String read(String path) {
    try (InputStream in = DemoFixtures.class.getResourceAsStream(path)) {
      if (in == null && path.startsWith(DEMO) && WireFixtures.exists(path.substring(DEMO.length()))) {
        return WireFixtures.read(path.substring(DEMO.length()));
      }
      if (in == null) {
        throw new IllegalStateException("demo fixture " + path + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@link #read} finds the fixture at {@code path}. */
  static boolean exists(String path) {
    return DemoFixtures.class.getResource(path) != null
        || path.startsWith(DEMO) && WireFixtures.exists(path.substring(DEMO.length()));
  }

  /** A fresh RSA key pair made for this run, so no key is ever committed. */
  static KeyPair rsaKeyPair(String purpose) {
    try {
      var generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make an RSA key pair for " + purpose, e);
    }
  }
}
