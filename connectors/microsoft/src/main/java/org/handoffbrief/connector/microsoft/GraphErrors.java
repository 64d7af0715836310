package org.handoffbrief.connector.microsoft;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.handoffbrief.HandoffException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.PermissionException;
import org.handoffbrief.SourceUnavailableException;
import org.handoffbrief.model.SourceFailure;
import org.handoffbrief.spi.kit.FailureMapper;
import org.handoffbrief.spi.kit.VendorText;

/**
 * Turns what the Graph SDK throws into the library's typed exceptions. Graph's error bodies carry
 * a code ({@code ErrorAccessDenied}) and a message that never hold the token; messages here are
 * written from those, the SDK exception stays as the cause.
 */
final class GraphErrors {
  static final String SYSTEM = OutlookConnector.SYSTEM;

  private static final FailureMapper FAILURES = FailureMapper.of(SYSTEM, "Microsoft Graph",
      "check outlook.tenantId, outlook.clientId and the app's secret or certificate",
      permission -> "grant the application permission " + permission + " (admin consent)");

  private GraphErrors() {}

  /** A mailbox Graph does not know or cannot serve (404): one mailbox is skipped, the rest read on. */
  static final class MailboxUnavailableException extends HandoffException {
    private static final long serialVersionUID = 1L;

    MailboxUnavailableException(String message, Throwable cause) {
      super(SYSTEM, SourceFailure.Kind.ERROR, false, message, cause);
    }
  }

  /** A 403 on one mailbox: the permission is missing, or an application access policy excludes it. */
  static final class MailboxAccessException extends PermissionException {
    private static final long serialVersionUID = 1L;

    MailboxAccessException(String message, Throwable cause) {
      super(SYSTEM, message, cause);
    }
  }

  /**
   * The status and {@code Retry-After} of the latest Graph answer on this thread. Kiota turns a
   * non-JSON error body (a gateway's HTML 502) into an {@code UnsupportedOperationException} that has
   * lost the status; this interceptor keeps it. The OkHttp adapter calls synchronously, on the
   * caller's thread, so a thread-local is exact.
   */
  static final class LastAnswer implements Interceptor {
    private static final ThreadLocal<int[]> STATUS = ThreadLocal.withInitial(() -> new int[1]);
    private static final ThreadLocal<String[]> RETRY_AFTER = ThreadLocal.withInitial(() -> new String[1]);

    @Override
    public Response intercept(Chain chain) throws IOException {
      reset();
      Response response = chain.proceed(chain.request());
      STATUS.get()[0] = response.code();
      RETRY_AFTER.get()[0] = response.header("Retry-After");
      return response;
    }

    static void reset() {
      STATUS.get()[0] = 0;
      RETRY_AFTER.get()[0] = null;
    }

    static int status() {
      return STATUS.get()[0];
    }

    static String retryAfter() {
      return RETRY_AFTER.get()[0];
    }
  }

  /**
   * Refuses any request that would leave the configured Graph URL's scheme, host and port (an
   * {@code @odata.nextLink} or a redirect pointing elsewhere): the bearer token goes nowhere else.
   * Graph's own allowed-hosts check compares the host only.
   */
  static final class OnlyToGraph implements Interceptor {
    private final String scheme;
    private final String host;
    private final int port;

    OnlyToGraph(java.net.URI graphUrl) {
      this.scheme = graphUrl.getScheme();
      this.host = graphUrl.getHost();
      this.port = graphUrl.getPort() != -1 ? graphUrl.getPort() : "https".equals(scheme) ? 443 : 80;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      okhttp3.HttpUrl url = chain.request().url();
      if (!url.scheme().equals(scheme) || !url.host().equalsIgnoreCase(host) || url.port() != port) {
        throw new ForeignDestination(url.scheme() + "://" + url.host() + ":" + url.port());
      }
      return chain.proceed(chain.request());
    }
  }

  /** A request {@link OnlyToGraph} refused; the message is the destination without path or query. */
  static final class ForeignDestination extends IOException {
    private static final long serialVersionUID = 1L;

    ForeignDestination(String origin) {
      super(origin);
    }
  }

  /**
   * The typed exception for a failed Graph call.
   *
   * @param operation what was called, e.g. {@code GET /users/{id}/messages}
   * @param permission the application permission the call needs, named in a 403's message
   */
  static HandoffException map(Exception e, String operation, String permission) {
    if (e instanceof HandoffException h) {
      return h;
    }
    ForeignDestination foreign = cause(e, ForeignDestination.class);
    if (foreign != null) {
      return new MalformedResponseException(SYSTEM, "Microsoft Graph pointed " + operation + " at "
          + foreign.getMessage() + ", which is not the configured outlook.graphUrl; the request was not sent, so the"
          + " access token never left for it.", e);
    }
    // OkHttp's call or read timeout: the answer (headers or body) did not come in time.
    if (cause(e, java.io.InterruptedIOException.class) != null && LastAnswer.status() < 400) {
      return new org.handoffbrief.DeadlineExceededException(SYSTEM, "Microsoft Graph did not answer " + operation
          + " completely within the call timeout; retry later or raise outlook.timeout.", e);
    }
    if (e instanceof ApiException api && api.getResponseStatusCode() > 0) {
      String code = api instanceof ODataError o && o.getError() != null && o.getError().getCode() != null
          ? o.getError().getCode() : "no error code";
      String message = api instanceof ODataError o && o.getError() != null && o.getError().getMessage() != null
          ? VendorText.cut(o.getError().getMessage()) : "";
      return byStatus(api.getResponseStatusCode(), code + (message.isEmpty() ? "" : ": " + message), operation,
          permission, e);
    }
    // Kiota reads an error body it cannot parse (a gateway's HTML page) as UnsupportedOperationException
    // or "no factory for text/html"; the status the interceptor kept still says what happened.
    if (LastAnswer.status() >= 400) {
      return byStatus(LastAnswer.status(), "a body that is not a Graph error", operation, permission, e);
    }
    if (hasCause(e, IOException.class) && !isParseFailure(e)) {
      return new SourceUnavailableException(SYSTEM, "Microsoft Graph could not be reached for " + operation + " ("
          + VendorText.root(e) + "); check outlook.graphUrl and the network, then retry.", e);
    }
    return new MalformedResponseException(SYSTEM, "Microsoft Graph answered " + operation
        + " with something that is not a Graph response (" + VendorText.root(e) + ").", e);
  }

  private static HandoffException byStatus(int status, String detail, String operation, String permission,
      Exception e) {
    String what = operation + " (HTTP " + status + ", " + detail + ")";
    if (status == 403) {
      return new MailboxAccessException("Microsoft Graph denied " + what + ". Grant the application permission "
          + permission + " (admin consent) and, if an application access policy restricts the app, include this"
          + " mailbox in its group.", e);
    }
    if (status == 404) {
      return new MailboxUnavailableException("Microsoft Graph has no such mailbox or calendar for " + what
          + "; check outlook.mailboxes or the team member's email address.", e);
    }
    return FAILURES.map(status, operation, detail, permission, LastAnswer.retryAfter(), e);
  }

  /** Gson's parse errors wrap an EOFException for a truncated body: that is a bad answer, not a network fault. */
  private static boolean isParseFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof com.google.gson.JsonParseException) {
        return true;
      }
    }
    return false;
  }

  static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    return cause(e, type) != null;
  }

  static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
