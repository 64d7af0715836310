package org.handoffbrief.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.BriefStoreException;
import org.handoffbrief.store.Delivery;
import org.handoffbrief.store.OutboxPlan;
import org.handoffbrief.store.StoredBrief;
import org.junit.jupiter.api.Test;

/**
 * The SPI contract plus what only a database store has: migrations, data that outlives the store
 * object, and errors that are typed and keep the password out.
 */
abstract class JdbcStoreContract extends BriefStoreContract {
  static final String WRONG_PASSWORD = "not-the-password-7f3a";

  /** A builder for the database the test's store uses (already migrated by {@link #store}). */
  abstract JdbcBriefStore.Builder sameDatabase();

  /** A builder for a new, empty database of the same kind. */
  abstract JdbcBriefStore.Builder emptyDatabase();

  /** A builder for the test's database that signs in with {@code password}. */
  abstract JdbcBriefStore.Builder sameDatabaseWithPassword(String password);

  /** A new, empty database of the same kind, for the migration runner itself. */
  abstract javax.sql.DataSource emptyDataSource();

  /** A plain connection to the test's database, to look at the tables. */
  abstract Connection connect() throws SQLException;

  /** The test's database, for the migration runner itself. */
  abstract javax.sql.DataSource dataSource();

  @Override
  BriefStore newStore(Clock clock) {
    return sameDatabase().clock(clock).build();
  }

  @Test
  void aFreshDatabaseIsMigratedToTheNewestVersion() throws SQLException {
    assertEquals(List.of("1 V1__brief_store.sql", "2 V2__review_and_delivery.sql",
        "3 V3__citation_audit.sql"),
        rows("SELECT version, script FROM handoff_schema_version ORDER BY version"));
  }

  /** Issue 10: a database of issue 9 (V1) gains the review and delivery tables and keeps its data. */
  @Test
  void aVersionOneDatabaseIsMigratedToVersionTwoKeepingItsData() throws SQLException {
    javax.sql.DataSource v1 = emptyDataSource();
    try (Connection c = v1.getConnection()) {
      assertEquals(1, Migrations.migrate(v1, Dialect.of(c), Clock.systemUTC(), Migrations.SCRIPTS.subList(0, 1)));
    }
    StoredBrief stored;
    try (JdbcBriefStore old = JdbcBriefStore.builder(v1).migrate(false).build()) {
      stored = old.save(TestBriefs.brief("OPP-1", "Risk A."), BriefKind.HANDOFF);
      old.savePlan(plan("P1", OutboxPlan.Approval.PENDING), writes("P1", 2));
      old.audit(entry("P1", "plan.saved"));
      assertTrue(old.markOnce("outbound", "N-1", T0));
      assertThrows(BriefStoreException.class, () -> old.reviewStatus(stored.briefId()));
    }

    try (JdbcBriefStore upgraded = JdbcBriefStore.create(v1)) {
      assertEquals(Optional.of(stored), upgraded.find(stored.briefId()));
      assertEquals(2, upgraded.writes("P1").size());
      assertEquals(1, upgraded.auditTrail("P1").size());
      assertFalse(upgraded.markOnce("outbound", "N-1", T0));
      assertTrue(upgraded.moveReview(stored.briefId(), null,
          status(stored.briefId(), ReviewState.APPROVED, "route-none", 1)));
      assertTrue(upgraded.reserveDelivery(new Delivery("slack:C1:OPP-1/handoff", "C1", null, stored.briefId(), T0)));
    }
    try (Connection c = v1.getConnection()) {
      assertEquals(0, Migrations.migrate(v1, Dialect.of(c), Clock.systemUTC()));
    }
  }

  @Test
  void openingTheStoreAgainAppliesNothingAndFindsWhatWasStored() throws SQLException {
    var stored = store.save(TestBriefs.brief("OPP-1", "Risk A."), BriefKind.HANDOFF);
    store.qualityHistory().record("ACC-1", "OPP-1", true);
    store.close();

    try (JdbcBriefStore again = sameDatabase().build()) {
      assertEquals(stored, again.find(stored.briefId()).orElseThrow());
      assertEquals(2, again.qualityHistory().record("ACC-1", "OPP-2", true));
    }
    assertEquals(Migrations.SCRIPTS.size(), rows("SELECT version FROM handoff_schema_version").size());
  }

  @Test
  void migratingAMigratedDatabaseAppliesNoScript() throws SQLException {
    var ds = dataSource();
    try (Connection c = ds.getConnection()) {
      assertEquals(0, Migrations.migrate(ds, Dialect.of(c), Clock.systemUTC()));
    }
  }

  @Test
  void eightStoresOpeningAnEmptyDatabaseAtOnceAllSucceedAndMigrateItOnce() throws Exception {
    JdbcBriefStore.Builder builder = emptyDatabase();
    var opened = new ArrayList<JdbcBriefStore>();
    try {
      opened.addAll(race(builder::build));
      for (JdbcBriefStore s : opened) {
        assertTrue(s.markOnce("scope", s.toString() + System.identityHashCode(s), T0));
      }
      assertEquals(1, opened.get(0).save(TestBriefs.brief("OPP-1", "Risk A."), BriefKind.HANDOFF).version());
    } finally {
      opened.forEach(JdbcBriefStore::close);
    }
  }

  @Test
  void aStoreNotToMigrateOnAnEmptyDatabaseSaysTheSchemaIsMissingWhenUsed() {
    try (JdbcBriefStore unmigrated = emptyDatabase().migrate(false).build()) {
      var e = assertThrows(BriefStoreException.class,
          () -> unmigrated.save(TestBriefs.brief("OPP-1", "Risk A."), BriefKind.HANDOFF));

      assertEquals("latest", e.operation());
      assertTrue(e.getMessage().contains("the schema is not migrated"), e.getMessage());
      assertTrue(e.getMessage().contains("migrate(true)"), e.getMessage());
    }
  }

  @Test
  void aWrongPasswordIsATypedErrorThatNeverShowsThePassword() {
    var e = assertThrows(BriefStoreException.class, () -> sameDatabaseWithPassword(WRONG_PASSWORD).build());

    assertEquals("open", e.operation());
    assertTrue(e.sqlState().startsWith("28"), e.sqlState());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(WRONG_PASSWORD), t.toString());
    }
  }

  @Test
  void theStoreShowsWhereItIsButNoPassword() {
    String shown = store.toString() + store.qualityHistory();

    assertTrue(shown.startsWith("JdbcBriefStore("), shown);
    assertFalse(shown.toLowerCase(java.util.Locale.ROOT).contains("password"), shown);
  }

  List<String> rows(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      var out = new ArrayList<String>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        var row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " " : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
      return out;
    }
  }
}
