package org.handoffbrief.spi.kit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.HandoffException;
import org.handoffbrief.PermissionException;
import org.handoffbrief.RateLimitException;
import org.handoffbrief.SourceUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a vendor's error answer (HTTP status, what the vendor said, {@code Retry-After}) into the
 * library's typed exception, so every connector agrees on which status is which kind and whether
 * it is retried: 401 authentication, 403 permission, 429 rate limit (with its wait), 408 and 5xx
 * unavailable (retriable), 404 not found, anything else a plain, permanent {@link HandoffException}. A connector
 * says only what is its own: the vendor's name and the next step for a reader; it handles its
 * vendor's special answers (an expired cursor, a spent daily quota) before asking here.
 *
 * <p>Messages read {@code <Vendor> refused <operation> (HTTP 403: <vendor said>); <next step>.}
 * The vendor's text is cut with {@link VendorText}; no request header is ever quoted.
 */
public final class FailureMapper {
  private final String system;
  private final String vendor;
  private final String authHint;
  private final Function<String, String> permissionHint;

  private FailureMapper(String system, String vendor, String authHint, Function<String, String> permissionHint) {
    this.system = system;
    this.vendor = vendor;
    this.authHint = authHint;
    this.permissionHint = permissionHint;
  }

  /**
   * A mapper for one vendor.
   *
   * @param system the connector's system id, as exceptions record it
   * @param vendor the vendor's name as a reader knows it, e.g. {@code Zendesk}
   * @param authHint the next step after a 401, naming the settings to check
   * @param permissionHint the next step after a 403, given what was needed (a scope, a permission)
   */
  public static FailureMapper of(String system, String vendor, String authHint,
      Function<String, String> permissionHint) {
    return new FailureMapper(Objects.requireNonNull(system, "system == null"),
        Objects.requireNonNull(vendor, "vendor == null"), Objects.requireNonNull(authHint, "authHint == null"),
        Objects.requireNonNull(permissionHint, "permissionHint == null"));
  }

  /** The connector's system id; {@link JsonHttp}'s messages record it too. */
  String system() {
    return system;
  }

  /** The vendor's name as a reader knows it; {@link JsonHttp}'s messages use it too. */
  String vendor() {
    return vendor;
  }

  /**
   * The typed exception for a non-2xx answer.
   *
   * @param status the HTTP status
   * @param operation what was asked, e.g. {@code GET /api/v2/tickets}
   * @param vendorSaid the vendor's error text (cut here), or empty
   * @param needs what the call needs, for a 403's next step (a scope, a permission), or empty
   * @param retryAfter the {@code Retry-After} header's value, or null
   */
  public HandoffException map(int status, String operation, String vendorSaid, String needs, @Nullable String retryAfter) {
    return map(status, operation, vendorSaid, needs, retryAfter, null);
  }

  /** {@link #map(int, String, String, String, String)} keeping the SDK's exception as the cause. */
  public HandoffException map(int status, String operation, String vendorSaid, String needs,
      @Nullable String retryAfter, @Nullable Throwable cause) {
    // The caller keeps the vendor's answer (status, cut body) on the exception, never in its message.
    return typed(status, operation, vendorSaid, needs, retryAfter, cause).withResponse(status, null, vendorSaid);
  }

  private HandoffException typed(int status, String operation, String vendorSaid, String needs,
      @Nullable String retryAfter, @Nullable Throwable cause) {
    String said = VendorText.cut(vendorSaid);
    String what = operation + " (HTTP " + status + (said.isEmpty() ? "" : ": " + said) + ")";
    if (status == 401) {
      return new AuthenticationException(system, vendor + " refused the credentials for " + what + "; " + authHint
          + ".", cause);
    }
    if (status == 403) {
      return new PermissionException(system, vendor + " refused " + what + "; " + permissionHint.apply(needs) + ".",
          cause);
    }
    if (status == 429) {
      Duration after = RetryAfter.orNull(retryAfter);
      return new RateLimitException(system, vendor + " rate-limited " + what
          + (after == null ? "" : ", Retry-After " + after.toSeconds() + "s") + ".", after, cause);
    }
    if (status == 408 || status >= 500) {
      return new SourceUnavailableException(system, vendor + " could not answer " + what + "; retry later.", cause);
    }
    if (status == 404) {
      return HandoffException.notFound(system, vendor + " has no " + what + ".", cause);
    }
    return HandoffException.of(system, vendor + " refused " + what + ".", cause);
  }
}
