package org.handoffbrief.store.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The simplest {@link DataSource}: a new connection from {@link DriverManager} per call. Enough for
 * H2 in a file and for a host that stores a few briefs a minute; a host with traffic passes its
 * own pool to {@link JdbcBriefStore#create(DataSource)}. The password stays in this object only.
 */
final class DriverDataSource implements DataSource {
  private final String url;
  private final String user;
  private final String password;

  DriverDataSource(String url, String user, String password) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("url is blank");
    }
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /** The URL without its parameters, where a password may be written: safe to show. */
  static String safeUrl(String url) {
    int cut = url.length();
    for (char c : new char[] {'?', ';', '&'}) {
      int i = url.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    return cut < url.length() ? url.substring(0, cut) + "..." : url;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return getConnection(user, password);
  }

  @Override
  public Connection getConnection(String username, String pass) throws SQLException {
    var props = new Properties();
    if (username != null) {
      props.setProperty("user", username);
    }
    if (pass != null) {
      props.setProperty("password", pass);
    }
    if (url.startsWith("jdbc:postgresql:")) {
      // The driver otherwise puts the server's "Detail" (the values of a failing row) into
      // exception messages, and a row may hold a brief's text.
      props.setProperty("logServerErrorDetail", "false");
    }
    try {
      return DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("No suitable driver")) {
        // DriverManager's message repeats the whole URL, parameters (and so a password) included.
        throw new SQLException("no JDBC driver on the class path accepts " + safeUrl(url)
            + "; add the driver of your database (e.g. org.postgresql:postgresql)", "08001");
      }
      throw e;
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no java.util.logging here");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "DriverDataSource(" + safeUrl(url) + ", user " + user + ")";
  }
}
