package org.handoffbrief.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.handoffbrief.store.BriefStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract on a real PostgreSQL server, in a schema of its own that is dropped afterwards;
 * each test starts from empty tables.
 *
 * <p>Issue 9: the store's tests pass on H2 and on real PostgreSQL in CI.
 */
class PostgresBriefStoreTest extends JdbcStoreContract {
  private static PostgresDatabase postgres;
  private static String schemaUrl;

  @BeforeAll
  static void createSchema() {
    postgres = PostgresDatabase.fromEnvironment();
    schemaUrl = postgres.newSchema();
  }

  @AfterAll
  static void dropSchemas() throws SQLException {
    if (postgres != null) {
      postgres.dropSchemas();
    }
  }

  @Override
  BriefStore newStore(Clock clock) {
    BriefStore s = super.newStore(clock);
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute("TRUNCATE handoff_brief, handoff_outbox_write, handoff_outbox_plan, handoff_audit, handoff_once,"
          + " handoff_checkpoint, handoff_gate_failure, handoff_review, handoff_review_feedback, handoff_delivery,"
          + " handoff_audit_answer, handoff_audit_question"
          + " RESTART IDENTITY");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the test schema", e);
    }
    return s;
  }

  @Override
  JdbcBriefStore.Builder sameDatabase() {
    return JdbcBriefStore.builder(schemaUrl, postgres.user, postgres.password);
  }

  @Override
  JdbcBriefStore.Builder emptyDatabase() {
    return JdbcBriefStore.builder(postgres.newSchema(), postgres.user, postgres.password);
  }

  @Override
  JdbcBriefStore.Builder sameDatabaseWithPassword(String password) {
    return JdbcBriefStore.builder(schemaUrl, postgres.user, password);
  }

  @Override
  javax.sql.DataSource dataSource() {
    return new DriverDataSource(schemaUrl, postgres.user, postgres.password);
  }

  @Override
  javax.sql.DataSource emptyDataSource() {
    return new DriverDataSource(postgres.newSchema(), postgres.user, postgres.password);
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(schemaUrl, postgres.user, postgres.password);
  }
}
