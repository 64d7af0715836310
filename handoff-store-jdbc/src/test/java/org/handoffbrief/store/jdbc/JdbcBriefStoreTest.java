package org.handoffbrief.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.List;
import org.handoffbrief.store.BriefStoreException;
import org.junit.jupiter.api.Test;

/** What the store does before and around a database: URLs, drivers, dialects, scripts. */
class JdbcBriefStoreTest {
  @Test
  void aUrlNoDriverAcceptsIsATypedErrorThatHidesTheUrlsParameters() {
    var e = assertThrows(BriefStoreException.class,
        () -> JdbcBriefStore.open("jdbc:nosuchdb://db.example.test/cs?password=FAKE-db-password", "u", "FAKE-db-password"));

    assertEquals("08001", e.sqlState());
    assertTrue(e.getMessage().contains("no JDBC driver on the class path accepts jdbc:nosuchdb://db.example.test/cs"),
        e.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains("FAKE-db-password"), t.toString());
    }
  }

  @Test
  void aDatabaseOtherThanH2OrPostgresIsRefusedNamingBoth() {
    var e = assertThrows(IllegalStateException.class, () -> Dialect.of(connectionTo("MySQL")));

    assertEquals("the JDBC brief store supports H2 and PostgreSQL, not MySQL; use one of those, or implement "
        + "org.handoffbrief.store.BriefStore for MySQL", e.getMessage());
  }

  @Test
  void aScriptIsSplitAtSemicolonsEndingALineWithoutItsComments() {
    assertEquals(List.of("CREATE TABLE a (\n  id INTEGER -- the key\n)", "CREATE INDEX b ON a (id)"),
        Migrations.statements("-- header\nCREATE TABLE a (\n  id INTEGER -- the key\n);\n\n"
            + "  -- why\nCREATE INDEX b ON a (id);\n"));
  }

  @Test
  void everyScriptExistsForBothDatabases() {
    for (Migrations.Script script : Migrations.SCRIPTS) {
      for (Dialect d : Dialect.values()) {
        assertTrue(getClass().getClassLoader().getResource(script.resource(d)) != null, script.resource(d));
      }
    }
  }

  @Test
  void aUrlIsShownWithoutItsParameters() {
    assertEquals("jdbc:postgresql://db:5432/cs...", DriverDataSource.safeUrl("jdbc:postgresql://db:5432/cs?password=x"));
    assertEquals("jdbc:h2:file:/data/briefs...", DriverDataSource.safeUrl("jdbc:h2:file:/data/briefs;PASSWORD=x"));
    assertEquals("jdbc:h2:file:/data/briefs", DriverDataSource.safeUrl("jdbc:h2:file:/data/briefs"));
  }

  private static Connection connectionTo(String product) {
    DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(getLoader(),
        new Class<?>[] {DatabaseMetaData.class},
        (proxy, method, args) -> method.getName().equals("getDatabaseProductName") ? product : null);
    return (Connection) Proxy.newProxyInstance(getLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> method.getName().equals("getMetaData") ? meta : null);
  }

  private static ClassLoader getLoader() {
    return JdbcBriefStoreTest.class.getClassLoader();
  }
}
