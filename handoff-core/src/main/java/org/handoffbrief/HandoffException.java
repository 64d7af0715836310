package org.handoffbrief;

import java.util.Objects;
import org.handoffbrief.model.SourceFailure;

/**
 * The library's one unchecked base exception. Subclasses say what went wrong in terms a caller
 * can act on; every message names the record and the system involved and the next step, and never
 * carries a token, a password or a key.
 */
public class HandoffException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String system;
  private final SourceFailure.Kind kind;
  private final boolean retriable;

  protected HandoffException(String system, SourceFailure.Kind kind, boolean retriable, String message,
      Throwable cause) {
    super(message, cause);
    this.system = Objects.requireNonNull(system, "system == null");
    this.kind = Objects.requireNonNull(kind, "kind == null");
    this.retriable = retriable;
  }

  /** A failure that fits none of the typed subclasses. */
  public static HandoffException of(String system, String message, Throwable cause) {
    return new HandoffException(system, SourceFailure.Kind.ERROR, false, message, cause);
  }

  /** The system the failure came from ({@code handoff} for the library itself). */
  public String system() {
    return system;
  }

  /** The failure kind, as a {@link SourceFailure} would record it. */
  public SourceFailure.Kind kind() {
    return kind;
  }

  /** Whether trying again later may succeed. */
  public boolean isRetriable() {
    return retriable;
  }

  /** This failure as the brief records it. */
  public SourceFailure toSourceFailure() {
    return new SourceFailure(system, kind, getMessage(), retriable);
  }
}
