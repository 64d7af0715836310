package org.handoffbrief.store.jdbc;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL server the tests are given through {@code HANDOFF_TEST_POSTGRES_URL},
 * {@code _USER} and {@code _PASSWORD} ({@code .ci/postgres.sh start} makes one). Each schema it
 * hands out is new and is dropped by {@link #dropSchemas()}. Without a URL the tests are skipped,
 * unless {@code HANDOFF_TEST_POSTGRES_REQUIRED=true} (CI): then they fail, so they cannot silently
 * skip where they must run.
 */
final class PostgresDatabase {
  private static final SecureRandom RANDOM = new SecureRandom();

  final String url;
  final String user;
  final String password;
  private final List<String> schemas = new ArrayList<>();

  private PostgresDatabase(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  static PostgresDatabase fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  static PostgresDatabase fromEnvironment(Map<String, String> env) {
    String url = env.get("HANDOFF_TEST_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      if ("true".equalsIgnoreCase(env.get("HANDOFF_TEST_POSTGRES_REQUIRED"))) {
        fail("HANDOFF_TEST_POSTGRES_REQUIRED=true but HANDOFF_TEST_POSTGRES_URL is not set; "
            + "start a server with .ci/postgres.sh start and source its env file");
      }
      assumeTrue(false, "HANDOFF_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped (.ci/postgres.sh start)");
    }
    return new PostgresDatabase(url, env.get("HANDOFF_TEST_POSTGRES_USER"), env.get("HANDOFF_TEST_POSTGRES_PASSWORD"));
  }

  /** Creates a new, empty schema and returns the URL whose connections work in it. */
  String newSchema() {
    String name = "t_" + HexFormat.of().formatHex(bytes());
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create schema " + name + " (SQLState " + e.getSQLState() + ")", e);
    }
    schemas.add(name);
    return urlOf(name);
  }

  private static byte[] bytes() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return b;
  }

  String urlOf(String schema) {
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  void dropSchemas() throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      for (String name : schemas) {
        s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
      }
    }
    schemas.clear();
  }
}
