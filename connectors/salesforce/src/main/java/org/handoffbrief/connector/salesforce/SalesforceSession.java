package org.handoffbrief.connector.salesforce;

import com.sforce.soap.partner.LimitInfo;
import com.sforce.soap.partner.LimitInfoHeader_element;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.HandoffException;
import org.handoffbrief.model.SourceFailure;
import org.handoffbrief.spi.ApiCalls;
import org.handoffbrief.spi.SourceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A signed-in Salesforce org for Partner API calls: signs in with a {@link SalesforceConfig}'s
 * {@link SalesforceAuth} on the first call, shares the session between threads, and makes each
 * call through {@link Calls#call} on {@link ApiCalls}, the call path of every connector: an expired
 * session is renewed once, a transient failure is retried on {@link SalesforceConfig#retryPolicy()}
 * within the context's budget and deadline, {@code REQUEST_LIMIT_EXCEEDED} is never retried, and
 * every failure is one of the library's typed exceptions. {@link #toString()} and every message
 * leave the session id out.
 */
public final class SalesforceSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SalesforceSession.class);

  private final SalesforceConfig config;
  private final SalesforceLogin login;
  private final Object sessionLock = new Object();
  private SalesforceLogin.Session session; // guarded by sessionLock

  SalesforceSession(SalesforceConfig config, Clock clock) {
    this.config = config;
    this.login = new SalesforceLogin(config, clock);
  }

  /** A session for this org; signs in lazily, on the first call. */
  public static SalesforceSession create(SalesforceConfig config) {
    return new SalesforceSession(Objects.requireNonNull(config, "config == null"), Clock.systemUTC());
  }

  /** The configuration this session signs in with. */
  public SalesforceConfig config() {
    return config;
  }

  /** The user name the session signs in as, when the auth names one (password and JWT); otherwise null. */
  public String username() {
    if (config.auth() instanceof SalesforceAuth.Password p) {
      return p.username();
    }
    if (config.auth() instanceof SalesforceAuth.JwtBearer j) {
      return j.username();
    }
    return null;
  }

  /**
   * Calls made for one piece of work (a brief's resolution, a plan's writes), reported to
   * {@code context} and counted against its budget and deadline; each may renew the session once.
   */
  public Calls calls(SourceContext context) {
    return new Calls(Objects.requireNonNull(context, "context == null"));
  }

  /** Drops the sign-in HTTP client. Idempotent; a closed session can no longer sign in. */
  @Override
  public void close() {
    login.close();
  }

  @Override
  public String toString() {
    return "SalesforceSession[" + config.loginUrl() + ", " + config.auth().kind() + "]";
  }

  private SalesforceLogin.Session current(SourceContext context) {
    synchronized (sessionLock) {
      if (session == null) {
        session = login.login(context);
      }
      return session;
    }
  }

  /** The session now; null while no sign-in has succeeded since a renewal began. */
  private SalesforceLogin.Session latest() {
    synchronized (sessionLock) {
      return session;
    }
  }

  /** Signs in again unless another thread already replaced the expired session. */
  private SalesforceLogin.Session renew(SalesforceLogin.Session expired, SourceContext context) {
    synchronized (sessionLock) {
      if (session == expired) {
        session = null;
        session = login.login(context);
      }
      return session == null ? current(context) : session;
    }
  }

  /** One Partner API call on a connection. */
  @FunctionalInterface
  public interface PartnerCall<T> {
    /** Makes the call. */
    T on(PartnerConnection connection) throws ConnectionException;
  }

  /**
   * Lets a caller take over a fault it can degrade around (a field the user cannot see) before it
   * is translated: return the exception to throw, or null to translate and retry as usual.
   */
  @FunctionalInterface
  public interface FaultHandler {
    /**
     * @param code the Partner API exception code, e.g. {@code INVALID_FIELD}, or null
     * @param message the fault's own message
     */
    RuntimeException handle(String code, String message, ConnectionException fault);
  }

  /** The calls of one piece of work: its context, the one renewal it may make, and API usage seen. */
  public final class Calls {
    private final SourceContext context;
    private final ApiCalls api;
    private final Map<String, String> usage = new LinkedHashMap<>();
    private boolean renewed;
    private SalesforceLogin.Session known; // the session this piece of work signed in with or renewed
    private SalesforceLogin.Session used;

    private Calls(SourceContext context) {
      this.context = context;
      this.api = ApiCalls.of(context, config.retryPolicy()).with(new Hooks());
    }

    /** The org's instance URL, once a call has succeeded; null before. */
    public URI instanceUrl() {
      return used == null ? null : used.instanceUrl();
    }

    /** API usage from the latest answers' LimitInfoHeader, e.g. {@code API REQUESTS -> 1207/15000}. */
    public Map<String, String> usage() {
      return usage;
    }

    /** Makes one call; see {@link #call(String, PartnerCall, FaultHandler)}. */
    public <T> T call(String operation, PartnerCall<T> call) {
      return call(operation, call, (code, message, fault) -> null);
    }

    /**
     * Makes one call through {@link ApiCalls}, the call path of every connector: reported to the
     * context, retried on the config's {@link SalesforceConfig#retryPolicy()} within the budget and
     * deadline, and an expired session renewed once. Renewal is done here rather than with
     * force-wsc's {@code SessionRenewer}, which only fires on certain fault texts and retries inside
     * the SDK where the retry could not be counted against the budget.
     *
     * @throws HandoffException typed: authentication, usage limit, unavailable, malformed, budget or deadline
     */
    public <T> T call(String operation, PartnerCall<T> call, FaultHandler faults) {
      known = current(context); // signs in before the first attempt, outside it: a sign-in reports its own call
      try {
        return api.call(operation, () -> attempt(operation, call, faults));
      } catch (Handled h) {
        throw h.own;
      }
    }

    private <T> T attempt(String operation, PartnerCall<T> call, FaultHandler faults) {
      SalesforceLogin.Session s = Objects.requireNonNullElse(latest(), known);
      var transport = new StatusTransport.Factory();
      PartnerConnection connection = connect(s, transport);
      try {
        T result = call.on(connection);
        used = s;
        readLimits(connection);
        return result;
      } catch (ConnectionException e) {
        readLimits(connection);
        String code = SalesforceErrors.code(e);
        if ("INVALID_SESSION_ID".equals(code)) {
          throw new SessionExpired(s, operation, e);
        }
        RuntimeException own = faults.handle(code, SalesforceErrors.message(e), e);
        if (own != null) {
          throw new Handled(own, e);
        }
        throw SalesforceErrors.translate(e, operation, transport.lastAnswerWasHttpError());
      }
    }

    /** What Salesforce adds to {@link ApiCalls}: its fault codes as outcomes, the renewal, its budget rule. */
    private final class Hooks implements ApiCalls.Hooks {
      @Override
      public String outcome(HandoffException failure) {
        return failure.getCause() instanceof ConnectionException e ? SalesforceErrors.outcome(e)
            : ApiCalls.Hooks.super.outcome(failure);
      }

      @Override
      public ApiCalls.Next afterFailure(HandoffException failure) {
        if (failure instanceof SessionExpired expired) {
          renewOnce(expired);
          return ApiCalls.Next.RETRY_NOW;
        }
        // An expired query locator would only fail again; REQUEST_LIMIT_EXCEEDED is not retriable anyway.
        return failure.getCause() instanceof ConnectionException e
            && "INVALID_QUERY_LOCATOR".equals(SalesforceErrors.code(e)) ? ApiCalls.Next.GIVE_UP
            : ApiCalls.Next.BY_POLICY;
      }

      /** The connector checks the budget between pages and needs every other call it makes. */
      @Override
      public boolean budgetsFirstAttempts() {
        return false;
      }
    }

    private void renewOnce(SessionExpired expired) {
      if (!login.canRenew()) {
        throw new AuthenticationException(SalesforceErrors.SYSTEM, "The Salesforce session has expired"
            + " (INVALID_SESSION_ID) and a fixed session cannot be renewed; pass a fresh session id or use jwt,"
            + " refresh_token or password auth.", expired.getCause());
      }
      if (renewed) {
        throw new AuthenticationException(SalesforceErrors.SYSTEM, "Salesforce refused the session again right"
            + " after signing in anew (INVALID_SESSION_ID); check the integration user's session settings (IP"
            + " restrictions, session locking) and the connected app's policies.", expired.getCause());
      }
      renewed = true;
      LOG.info("Salesforce session expired during {}; signing in again", expired.operation);
      known = renew(expired.session, context);
    }

    private PartnerConnection connect(SalesforceLogin.Session s, StatusTransport.Factory transport) {
      ConnectorConfig wsc = transport.install(new ConnectorConfig());
      String path = "/services/Soap/u/" + config.apiVersion();
      wsc.setManualLogin(true);
      // Both endpoints must contain /services/Soap/u/; the jar's default auth endpoint is not ours.
      wsc.setAuthEndpoint(config.loginUrl() + path);
      wsc.setServiceEndpoint(s.instanceUrl() + path);
      wsc.setSessionId(s.sessionId());
      int millis = (int) login.timeout(context).toMillis();
      wsc.setConnectionTimeout(millis);
      wsc.setReadTimeout(millis);
      try {
        PartnerConnection connection = new PartnerConnection(wsc);
        connection.setQueryOptions(config.batchSize());
        return connection;
      } catch (ConnectionException e) {
        throw SalesforceErrors.translate(e, "connecting to " + s.instanceUrl(), false);
      }
    }

    /** LimitInfoHeader: {@code API REQUESTS} as {@code used/limit}, as of the latest answer. */
    private void readLimits(PartnerConnection connection) {
      LimitInfoHeader_element header = connection.getLimitInfoHeader();
      if (header == null || header.getLimitInfo() == null) {
        return;
      }
      for (LimitInfo info : header.getLimitInfo()) {
        if (info.getType() != null) {
          usage.put(info.getType(), info.getCurrent() + "/" + info.getLimit());
        }
      }
    }
  }

  /** The session of the last attempt was refused (INVALID_SESSION_ID); the hooks renew it. */
  private static final class SessionExpired extends AuthenticationException {
    private static final long serialVersionUID = 1L;
    private final transient SalesforceLogin.Session session;
    private final String operation;

    SessionExpired(SalesforceLogin.Session session, String operation, ConnectionException cause) {
      super(SalesforceErrors.SYSTEM, "The Salesforce session has expired (INVALID_SESSION_ID).", cause);
      this.session = session;
      this.operation = operation;
    }
  }

  /** Carries a {@link FaultHandler}'s own exception through {@link ApiCalls}, which then throws it as it is. */
  private static final class Handled extends HandoffException {
    private static final long serialVersionUID = 1L;
    private final RuntimeException own;

    Handled(RuntimeException own, ConnectionException cause) {
      super(SalesforceErrors.SYSTEM, SourceFailure.Kind.MALFORMED_RESPONSE, false, "handled by the caller", cause);
      this.own = own;
    }
  }
}
