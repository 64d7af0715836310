package org.handoffbrief.model;

import java.util.Objects;

/**
 * Why a source contributed nothing (or less than everything) to a brief.
 *
 * @param system the source system
 * @param kind what went wrong
 * @param message a sentence for a person: what failed and what to do; never a secret
 * @param retriable whether running again later may succeed
 */
public record SourceFailure(String system, Kind kind, String message, boolean retriable) {

  /** The kinds of failure a caller may want to treat differently. */
  public enum Kind {
    /** The source did not answer within its deadline or the overall one. */
    TIMEOUT,
    /** Credentials missing, expired or refused. */
    AUTHENTICATION,
    /** The credentials lack a scope or permission. */
    PERMISSION,
    /** The vendor asked us to slow down or a usage limit is spent. */
    RATE_LIMITED,
    /** The record asked for does not exist, or the integration user cannot see it. */
    NOT_FOUND,
    /** The source answered with something we could not read. */
    MALFORMED_RESPONSE,
    /** The source could not be reached or answered with a server error. */
    UNAVAILABLE,
    /** The connector failed in a way none of the above describes. */
    ERROR
  }

  public SourceFailure {
    system = Checks.notBlank(system, "system");
    Objects.requireNonNull(kind, "kind == null");
    message = Checks.notBlank(message, "message");
  }
}
