package org.handoffbrief.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.handoffbrief.model.BriefKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract on H2 in a file, a new file per test: the embedded default.
 *
 * <p>Issue 9: the store's tests pass on H2 and on real PostgreSQL in CI.
 */
class H2BriefStoreTest extends JdbcStoreContract {
  @TempDir
  Path dir;

  private final AtomicInteger databases = new AtomicInteger();

  private String url() {
    return JdbcBriefStore.h2Url(dir.resolve("briefs"));
  }

  @Override
  JdbcBriefStore.Builder sameDatabase() {
    return JdbcBriefStore.builder(url(), "sa", "");
  }

  @Override
  JdbcBriefStore.Builder emptyDatabase() {
    return JdbcBriefStore.builder(JdbcBriefStore.h2Url(dir.resolve("empty-" + databases.incrementAndGet())), "sa",
        "");
  }

  @Override
  JdbcBriefStore.Builder sameDatabaseWithPassword(String password) {
    return JdbcBriefStore.builder(url(), "sa", password);
  }

  @Override
  javax.sql.DataSource emptyDataSource() {
    return new DriverDataSource(JdbcBriefStore.h2Url(dir.resolve("empty-" + databases.incrementAndGet())), "sa", "");
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), "sa", "");
  }

  @Override
  javax.sql.DataSource dataSource() {
    return new DriverDataSource(url(), "sa", "");
  }

  @Test
  void h2FileCreatesTheDatabaseFileWhereItIsTold() {
    Path file = dir.resolve("sample/briefs");
    try (JdbcBriefStore s = JdbcBriefStore.h2File(file)) {
      s.save(TestBriefs.brief("OPP-1", "Risk A."), BriefKind.HANDOFF);
    }
    try (JdbcBriefStore s = JdbcBriefStore.h2File(dir.resolve("sample/briefs.mv.db"))) {
      assertEquals(1, s.history("OPP-1").size());
    }
    assertEquals(true, java.nio.file.Files.exists(dir.resolve("sample/briefs.mv.db")));
  }
}
