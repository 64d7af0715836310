package org.handoffbrief.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's own small migration runner: applies the scripts under
 * {@code db/handoff/<dialect>/} that the {@code handoff_schema_version} table does not list yet,
 * oldest first, under a lock so two processes starting at once apply each script once.
 */
final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  /** Every script, oldest first. A new version adds a line here and a file under each dialect. */
  static final List<Script> SCRIPTS = List.of(new Script(1, "brief_store"), new Script(2, "review_and_delivery"),
      new Script(3, "citation_audit"));

  /** Key of PostgreSQL's advisory lock for migrations (its second half is the schema's hash). */
  private static final int PG_LOCK_KEY = 0x48414E44; // "HAND"

  private Migrations() {}

  /** One versioned script, named as Flyway names them so a DBA's tool can run it too. */
  record Script(int version, String description) {
    String fileName() {
      return "V" + version + "__" + description + ".sql";
    }

    String resource(Dialect dialect) {
      return "db/handoff/" + dialect.scriptFolder + "/" + fileName();
    }
  }

  /**
   * Brings the schema behind {@code dataSource} up to the newest script.
   *
   * @return how many scripts were applied (0 when it was up to date)
   */
  static int migrate(DataSource dataSource, Dialect dialect, Clock clock) throws SQLException {
    return migrate(dataSource, dialect, clock, SCRIPTS);
  }

  /**
   * Brings the schema up to the last of {@code scripts}, a leading part of {@link #SCRIPTS}: tests
   * make an older schema this way to prove that an upgrade keeps the data.
   */
  static int migrate(DataSource dataSource, Dialect dialect, Clock clock, List<Script> scripts) throws SQLException {
    return switch (dialect) {
      case POSTGRESQL -> migratePostgres(dataSource, clock, scripts);
      case H2 -> migrateH2(dataSource, clock, scripts);
    };
  }

  /**
   * PostgreSQL: DDL is transactional, so everything runs in one transaction that first takes a
   * transaction-scoped advisory lock. A second process blocks on the lock until the first commits,
   * then finds the versions applied and does nothing; a failed script rolls back whole.
   */
  private static int migratePostgres(DataSource dataSource, Clock clock, List<Script> scripts) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement lock = c.prepareStatement(
            "SELECT pg_advisory_xact_lock(?, hashtext(coalesce(current_schema(), '')))")) {
          lock.setInt(1, PG_LOCK_KEY);
          lock.execute();
        }
        createVersionTable(c);
        int applied = applyMissing(c, Dialect.POSTGRESQL, clock, scripts);
        c.commit();
        return applied;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * H2 commits every DDL statement on its own, which would release a lock taken in the same
   * transaction. So one connection holds a row lock ({@code SELECT ... FOR UPDATE} on the one row
   * of {@code handoff_schema_lock}) while a second applies the scripts; a second store opening the
   * same database (in this JVM, or through H2's auto-server mode) waits on that row. The H2 scripts
   * are written IF NOT EXISTS, so a run cut short in the middle is completed by the next.
   */
  private static int migrateH2(DataSource dataSource, Clock clock, List<Script> scripts) throws SQLException {
    try (Connection lock = dataSource.getConnection(); Connection work = dataSource.getConnection()) {
      work.setAutoCommit(true);
      createIfMissing(work, "CREATE TABLE IF NOT EXISTS handoff_schema_lock (id INTEGER PRIMARY KEY)");
      try (Statement s = work.createStatement()) {
        s.executeUpdate("INSERT INTO handoff_schema_lock (id) VALUES (1)");
      } catch (SQLException e) {
        if (!JdbcBriefStore.isUniqueViolation(e)) {
          throw e;
        }
      }
      lock.setAutoCommit(false);
      try {
        try (Statement s = lock.createStatement()) {
          s.executeQuery("SELECT id FROM handoff_schema_lock WHERE id = 1 FOR UPDATE").close();
        }
        createVersionTable(work);
        return applyMissing(work, Dialect.H2, clock, scripts);
      } finally {
        lock.rollback();
      }
    }
  }

  private static void createVersionTable(Connection c) throws SQLException {
    createIfMissing(c, "CREATE TABLE IF NOT EXISTS handoff_schema_version (version INTEGER PRIMARY KEY, "
        + "description VARCHAR(200) NOT NULL, script VARCHAR(200) NOT NULL, "
        + "installed_at TIMESTAMP WITH TIME ZONE NOT NULL)");
  }

  /** Runs a CREATE ... IF NOT EXISTS, tolerating a racing creator that got there first. */
  private static void createIfMissing(Connection c, String ddl) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(ddl);
    } catch (SQLException e) {
      // 42S01 is H2's "table already exists", which a concurrent CREATE can still report.
      if (!"42S01".equals(e.getSQLState()) || !c.getAutoCommit()) {
        throw e;
      }
    }
  }

  private static int applyMissing(Connection c, Dialect dialect, Clock clock, List<Script> scripts)
      throws SQLException {
    Set<Integer> done = new HashSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM handoff_schema_version")) {
      while (rs.next()) {
        done.add(rs.getInt(1));
      }
    }
    int applied = 0;
    for (Script script : scripts) {
      if (done.contains(script.version())) {
        continue;
      }
      try (Statement s = c.createStatement()) {
        for (String sql : statements(read(script.resource(dialect)))) {
          s.execute(sql);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO handoff_schema_version (version, description, script, installed_at) VALUES (?, ?, ?, ?)")) {
        ps.setInt(1, script.version());
        ps.setString(2, script.description());
        ps.setString(3, script.fileName());
        ps.setObject(4, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        ps.executeUpdate();
      }
      applied++;
      log.info("Applied the brief store's {} to {}", script.fileName(), dialect);
    }
    int newest = SCRIPTS.get(SCRIPTS.size() - 1).version();
    if (done.stream().anyMatch(v -> v > newest)) {
      log.warn("The brief store's schema is newer (V{}) than this library knows (V{}); upgrade handoff-store-jdbc",
          done.stream().mapToInt(Integer::intValue).max().getAsInt(), newest);
    }
    return applied;
  }

  private static String read(String resource) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("migration script " + resource + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration script " + resource, e);
    }
  }

  /** The statements of a script: comment lines dropped, one statement per ';' at a line's end. */
  static List<String> statements(String script) {
    var out = new ArrayList<String>();
    var current = new StringBuilder();
    for (String line : script.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (t.endsWith(";")) {
        String sql = current.toString().strip();
        out.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }
}
