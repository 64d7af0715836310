package org.handoffbrief.store;

/**
 * A store could not do what was asked: its database refused or could not be reached. Thrown by
 * every {@link BriefStore} that keeps its data outside this process, so a host catches this one
 * type whatever store it configured.
 *
 * <p>The message names the operation and, for a database, the SQLState and what to do next;
 * it never holds a password or a brief's text.
 */
public class BriefStoreException extends RuntimeException {
  private final String operation;
  private final String sqlState;

  /**
   * @param operation the store method that failed, e.g. {@code save}
   * @param sqlState the database's SQLState, or null when there was none
   * @param message what went wrong and what to do, without secrets or brief text
   * @param cause the underlying error, or null
   */
  public BriefStoreException(String operation, String sqlState, String message, Throwable cause) {
    super("brief store " + operation + " failed" + (sqlState != null ? " (SQLState " + sqlState + ")" : "") + ": "
        + message, cause);
    this.operation = operation;
    this.sqlState = sqlState;
  }

  /** The store method that failed, e.g. {@code save} or {@code migrate}. */
  public String operation() {
    return operation;
  }

  /** The database's SQLState (e.g. {@code 08001} for "cannot connect"), or null. */
  public String sqlState() {
    return sqlState;
  }
}
