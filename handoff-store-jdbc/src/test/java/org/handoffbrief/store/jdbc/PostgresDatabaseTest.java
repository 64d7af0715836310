package org.handoffbrief.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Where the PostgreSQL tests must run (CI), they cannot skip. */
class PostgresDatabaseTest {
  @Test
  void withoutAServerThePostgresTestsAreSkipped() {
    assertThrows(TestAbortedException.class, () -> PostgresDatabase.fromEnvironment(Map.of()));
  }

  @Test
  void withoutAServerWhereTheyAreRequiredThePostgresTestsFail() {
    assertThrows(AssertionFailedError.class,
        () -> PostgresDatabase.fromEnvironment(Map.of("HANDOFF_TEST_POSTGRES_REQUIRED", "true")));
  }

  @Test
  void eachSchemaIsNamedInTheUrl() {
    var db = PostgresDatabase.fromEnvironment(Map.of("HANDOFF_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5/db"));

    assertEquals("jdbc:postgresql://127.0.0.1:5/db?currentSchema=t_1", db.urlOf("t_1"));
  }
}
