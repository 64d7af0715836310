package org.handoffbrief.samples;

import java.nio.file.Path;
import org.handoffbrief.store.BriefStoreException;
import org.handoffbrief.store.jdbc.JdbcBriefStore;

/**
 * Opens the brief store named on the command line: a file path is an embedded H2 database (made
 * when missing), a {@code jdbc:} URL a server database whose user and password come from the
 * environment ({@code HANDOFF_STORE_USER}, {@code HANDOFF_STORE_PASSWORD}), never the command line.
 */
final class Stores {
  private Stores() {}

  static JdbcBriefStore open(String where, Terminal terminal) {
    try {
      if (where.startsWith("jdbc:")) {
        return JdbcBriefStore.open(where, terminal.env().apply("HANDOFF_STORE_USER"),
            terminal.env().apply("HANDOFF_STORE_PASSWORD"));
      }
      Path file = Path.of(where);
      if (file.getParent() != null) {
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
      }
      return JdbcBriefStore.h2File(file);
    } catch (BriefStoreException | java.io.IOException | IllegalStateException e) {
      throw new ConfigException("cannot open the brief store " + where + ": " + e.getMessage());
    }
  }
}
