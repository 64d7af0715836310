package org.handoffbrief.connector.google;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.DeadlineExceededException;
import org.handoffbrief.HandoffException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.PermissionException;
import org.handoffbrief.RateLimitException;
import org.handoffbrief.SourceUnavailableException;
import org.handoffbrief.UsageLimitExceededException;
import org.handoffbrief.spi.kit.FailureMapper;
import org.handoffbrief.spi.kit.RetryAfter;
import org.handoffbrief.spi.kit.VendorText;

/**
 * Turns what the Google SDKs and the token endpoint throw into the library's typed exceptions.
 * Google's error JSON ({@code error.errors[].reason}, {@code error.status}) decides; messages are
 * written here and name the call and the mailbox, never a token. Google API client does not
 * retry by default and we keep it that way: {@link org.handoffbrief.spi.ApiCalls} decides.
 */
final class GoogleErrors {
  private GoogleErrors() {}

  /** A missing permission or scope of one mailbox, as opposed to the whole connector. */
  static final class MailboxUnreadable extends PermissionException {
    private static final long serialVersionUID = 1L;

    MailboxUnreadable(String system, String message, Throwable cause) {
      super(system, message, cause);
    }
  }

  static HandoffException map(Exception e, String system, String scope, String operation, String mailbox) {
    String what = operation + " for " + mailbox;
    if (e instanceof HandoffException h) {
      return h;
    }
    if (e instanceof GoogleAuth.TokenRefusedException t) {
      if (t.isScopeRefusal()) {
        return new PermissionException(system, "Google refused a token to read " + mailbox + " with the scope "
            + scope + " (" + t.error() + "). For a service account, a Workspace admin must authorise its client id"
            + " for exactly " + scope + " (Admin console > Security > API controls > Domain-wide delegation);"
            + " for a user token, grant that scope again.", e);
      }
      return new AuthenticationException(system, "Google refused the " + system + " credentials when asking for a"
          + " token for " + mailbox + " (" + t.error() + "); fix the " + system + ".* credentials (key revoked,"
          + " refresh token expired, or the address is not in your Workspace).", e);
    }
    if (e instanceof GoogleAuth.TokenEndpointException t) {
      if (t.status() == 429) {
        return new RateLimitException(system, "Google's token endpoint asked us to slow down when asked for a"
            + " token for " + mailbox + " (HTTP 429).", t.retryAfter().orElse(null), e);
      }
      return new SourceUnavailableException(system, "Google's token endpoint could not give a token for " + mailbox
          + " (" + t.getMessage() + "); the credentials may be fine, retry later.", e);
    }
    if (e instanceof JdkHttpTransport.ExchangeFailed && e.getCause() instanceof java.net.http.HttpTimeoutException) {
      // A slow answer (headers or body) is this call's timeout, retriable, not an outage.
      return new DeadlineExceededException(system, "Google did not answer " + what + " completely within the call"
          + " timeout (" + system + ".timeout, cut to what is left of the deadline).", e);
    }
    if (e instanceof JdkHttpTransport.ExchangeFailed) {
      return new SourceUnavailableException(system, "Google could not be reached for " + what + " ("
          + (e.getCause() == null ? "exchange failed" : e.getCause().getClass().getSimpleName())
          + "); check " + system + ".rootUrl and the network, then retry.", e);
    }
    if (e instanceof HttpResponseException r) {
      return fromStatus(r.getStatusCode(), r instanceof GoogleJsonResponseException j ? j.getDetails() : null,
          r.getHeaders(), r, system, scope, what);
    }
    if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
      Thread.currentThread().interrupt();
      return new DeadlineExceededException(system, Duration.ZERO);
    }
    if (e instanceof ConnectException || e instanceof SocketTimeoutException || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException || e instanceof SSLException || e instanceof SocketException) {
      return new SourceUnavailableException(system, "Google could not be reached for " + what + " ("
          + e.getClass().getSimpleName() + "); check " + system + ".rootUrl and the network, then retry.", e);
    }
    // The SDK's JSON parser throws these (a NullPointerException too) on a truncated or foreign body.
    if (e instanceof IOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException
        || e instanceof NullPointerException || e instanceof ClassCastException) {
      return new MalformedResponseException(system, "Google answered " + what
          + " with something that is not the API's JSON (" + VendorText.of(e, 160) + ").", e);
    }
    return HandoffException.of(system, system + " failed on " + what + " (" + e.getClass().getName() + ")", e);
  }

  /** The typed exception for an error answer, a whole response's or one batch part's. */
  static HandoffException fromStatus(int status, GoogleJsonError details, HttpHeaders headers, Exception r,
      String system, String scope, String what) {
    String reason = reason(details);
    String message = details == null || details.getMessage() == null ? "" : ": " + details.getMessage();
    String said = " (HTTP " + status + (reason.isEmpty() ? "" : ", " + reason) + message + ")";
    if (status == 429 || reason.equals("rateLimitExceeded") || reason.equals("userRateLimitExceeded")
        || reason.equals("RESOURCE_EXHAUSTED")) {
      return new RateLimitException(system, "Google asked us to slow down on " + what + said + ".",
          retryAfter(headers), r);
    }
    if (reason.equals("dailyLimitExceeded") || reason.equals("quotaExceeded")) {
      return new UsageLimitExceededException(system, "Google refused " + what + said + ": the project's daily"
          + " quota is spent; raise it in the Cloud console or try tomorrow.", r);
    }
    if (status == 403 && (reason.equals("insufficientPermissions") || reason.equals("ACCESS_TOKEN_SCOPE_INSUFFICIENT")
        || reason.equals("PERMISSION_DENIED"))) {
      return new PermissionException(system, "Google refused " + what + said + ": the token lacks the scope "
          + scope + ". Grant exactly that scope (for a service account: domain-wide delegation in the Admin"
          + " console).", r);
    }
    if (status == 403 || (status == 400 && reason.equals("failedPrecondition")) || status == 404) {
      return new MailboxUnreadable(system, "Google refused " + what + said + "; the address may not be a"
          + " Workspace user with " + (system.equals(GoogleConfig.GMAIL) ? "Gmail" : "Calendar") + " enabled.", r);
    }
    String vendorSaid = reason.isEmpty() ? message.replaceFirst("^: ", "") : reason + message;
    return FailureMapper.of(system, "Google", "the token expired or was revoked: fix the " + system + ".* credentials",
        needs -> "the token lacks the scope " + needs).map(status, what, vendorSaid, scope, null, r);
  }

  /** The first {@code errors[].reason}, else the {@code status}, else empty. */
  static String reason(GoogleJsonError details) {
    if (details == null) {
      return "";
    }
    List<GoogleJsonError.ErrorInfo> errors = details.getErrors();
    if (errors != null && !errors.isEmpty() && errors.get(0).getReason() != null) {
      return errors.get(0).getReason();
    }
    Object status = details.get("status");
    return status == null ? "" : status.toString();
  }

  /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(HttpHeaders headers) {
    Object v = headers == null ? null : headers.get("retry-after");
    if (v instanceof List<?> l) {
      v = l.isEmpty() ? null : l.get(0);
    }
    return v == null ? null : RetryAfter.orNull(v.toString());
  }
}
