package org.handoffbrief;

import java.util.Objects;
import org.handoffbrief.model.SourceFailure;
import org.jspecify.annotations.Nullable;

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
  private @Nullable Integer httpStatus;
  private @Nullable String vendorCode;
  private @Nullable String body;

  /** How much of a vendor's response body {@link #body()} keeps. */
  public static final int MAX_BODY_CHARS = 500;

  protected HandoffException(String system, SourceFailure.Kind kind, boolean retriable, String message,
      @Nullable Throwable cause) {
    super(message, cause);
    this.system = Objects.requireNonNull(system, "system == null");
    this.kind = Objects.requireNonNull(kind, "kind == null");
    this.retriable = retriable;
  }

  /** A failure that fits none of the typed subclasses. */
  public static HandoffException of(String system, String message, @Nullable Throwable cause) {
    return new HandoffException(system, SourceFailure.Kind.ERROR, false, message, cause);
  }

  /**
   * The system has no such record (a channel, a ticket, a user), or the integration user cannot
   * see it. Not retriable: the same request finds nothing again.
   *
   * @param message names the record and what to check, as every message here does
   */
  public static HandoffException notFound(String system, String message, @Nullable Throwable cause) {
    return new HandoffException(system, SourceFailure.Kind.NOT_FOUND, false, message, cause);
  }

  /**
   * Keeps what the vendor answered, for a caller who needs more than the message: the HTTP status,
   * the vendor's own error code (Slack's {@code error}, Salesforce's {@code errorCode}) and the
   * start of the body, cut to {@value #MAX_BODY_CHARS} characters. None of it goes into the
   * message or {@code toString()}. Returns this exception, so a mapper can
   * {@code throw new RateLimitException(...).withResponse(429, "ratelimited", body)}.
   *
   * @param vendorCode the vendor's error code, or null when it gave none
   * @param body the response body, or null when there was none
   */
  @SuppressWarnings("unchecked")
  public final <T extends HandoffException> T withResponse(int httpStatus, @Nullable String vendorCode,
      @Nullable String body) {
    this.httpStatus = httpStatus;
    this.vendorCode = vendorCode;
    this.body = body == null || body.length() <= MAX_BODY_CHARS ? body : body.substring(0, MAX_BODY_CHARS);
    return (T) this;
  }

  /** The HTTP status the vendor answered with, or null when the failure had none (a timeout, a bad id). */
  public @Nullable Integer httpStatus() {
    return httpStatus;
  }

  /** The vendor's own error code ({@code invalid_auth}, {@code REQUEST_LIMIT_EXCEEDED}), or null. */
  public @Nullable String vendorCode() {
    return vendorCode;
  }

  /** The start of the vendor's response body (at most {@value #MAX_BODY_CHARS} characters), or null. */
  public @Nullable String body() {
    return body;
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
