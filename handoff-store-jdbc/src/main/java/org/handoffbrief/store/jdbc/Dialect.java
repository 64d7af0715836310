package org.handoffbrief.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** The databases the store speaks to, told from the driver's metadata. */
enum Dialect {
  H2("h2"),
  POSTGRESQL("postgresql");

  /** The folder of this database's scripts under {@code db/handoff/}. */
  final String scriptFolder;

  Dialect(String scriptFolder) {
    this.scriptFolder = scriptFolder;
  }

  /**
   * The dialect of the database behind {@code connection}.
   *
   * @throws IllegalStateException for any database but H2 and PostgreSQL
   */
  static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    if ("H2".equalsIgnoreCase(product)) {
      return H2;
    }
    if ("PostgreSQL".equalsIgnoreCase(product)) {
      return POSTGRESQL;
    }
    throw new IllegalStateException("the JDBC brief store supports H2 and PostgreSQL, not " + product
        + "; use one of those, or implement org.handoffbrief.store.BriefStore for " + product);
  }
}
