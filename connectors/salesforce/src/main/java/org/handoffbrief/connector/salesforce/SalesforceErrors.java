package org.handoffbrief.connector.salesforce;

import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.SoapFaultException;
import java.io.IOException;
import java.util.Locale;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.HandoffException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.PermissionException;
import org.handoffbrief.SourceUnavailableException;
import org.handoffbrief.UsageLimitExceededException;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.spi.kit.VendorText;

/**
 * Turns what force-wsc throws into the library's typed exceptions. Messages are written here, from
 * the fault's exception code and message (which never carry the session id); the vendor exception
 * stays as the cause for a stack trace.
 */
final class SalesforceErrors {
  static final String SYSTEM = CrmEvidence.SYSTEM;

  private SalesforceErrors() {}

  /** The Partner API exception code of a fault ({@code INVALID_SESSION_ID}), or null for other failures. */
  static String code(ConnectionException e) {
    if (e instanceof ApiFault f && f.getExceptionCode() != null) {
      return f.getExceptionCode().name();
    }
    if (e instanceof SoapFaultException f && f.getFaultCode() != null) {
      return f.getFaultCode().getLocalPart();
    }
    return null;
  }

  /** A short outcome for {@code SourceContext.recordCall}: the fault code, or the failure's kind. */
  static String outcome(ConnectionException e) {
    String code = code(e);
    if (code != null) {
      return code;
    }
    return hasCause(e, IOException.class) ? "io_error" : "malformed";
  }

  /** The fault's own message, without the code the API repeats in front of it. */
  static String message(ConnectionException e) {
    String m = e instanceof ApiFault f ? f.getExceptionMessage() : e.getMessage();
    return m == null ? "" : m.strip();
  }

  /**
   * The typed exception for a failed call; INVALID_SESSION_ID is handled by the caller before this.
   *
   * @param httpError whether the answer's HTTP status was an error ({@link StatusTransport})
   */
  static HandoffException translate(ConnectionException e, String operation, boolean httpError) {
    String code = code(e);
    if (code == null) {
      if (httpError) {
        return new SourceUnavailableException(SYSTEM, "Salesforce answered " + operation + " with an HTTP error"
            + " and no SOAP fault (an outage, maintenance or a proxy in the way: " + VendorText.root(e)
            + "); retry later.", e);
      }
      if (hasCause(e, IOException.class) && !isParseFailure(e)) {
        return new SourceUnavailableException(SYSTEM, "Salesforce could not be reached for " + operation + " ("
            + VendorText.root(e) + "); check the instance URL and the network, then retry.", e);
      }
      return new MalformedResponseException(SYSTEM, "Salesforce answered " + operation
          + " with something that is not a Partner API SOAP response (" + VendorText.root(e) + ").", e);
    }
    String m = message(e);
    return switch (code) {
      case "REQUEST_LIMIT_EXCEEDED" -> new UsageLimitExceededException(SYSTEM, "Salesforce refused " + operation
          + ": the org's API request limit is spent (REQUEST_LIMIT_EXCEEDED). It is a rolling 24-hour limit:"
          + " retrying now only makes it worse; wait for usage to roll off or raise the limit.", e);
      case "INVALID_LOGIN", "LOGIN_MUST_USE_SECURITY_TOKEN", "INVALID_OPERATION_WITH_EXPIRED_PASSWORD",
          "PASSWORD_LOCKOUT", "LOGIN_DURING_RESTRICTED_DOMAIN", "LOGIN_DURING_RESTRICTED_TIME", "INVALID_SESSION_ID" ->
          new AuthenticationException(SYSTEM, "Salesforce refused the credentials for " + operation + " (" + code
              + ": " + m + "); fix the salesforce.* credentials.", e);
      case "INSUFFICIENT_ACCESS", "API_DISABLED_FOR_ORG", "API_CURRENTLY_DISABLED", "FUNCTIONALITY_NOT_ENABLED" ->
          new PermissionException(SYSTEM, "Salesforce refused " + operation + " (" + code + ": " + m
              + "); give the integration user's profile API access and read access to opportunities.", e);
      case "SERVER_UNAVAILABLE", "QUERY_TIMEOUT" -> new SourceUnavailableException(SYSTEM, "Salesforce could not"
          + " answer " + operation + " (" + code + ": " + m + "); retry later.", e);
      case "INVALID_QUERY_LOCATOR" -> new SourceUnavailableException(SYSTEM, "Salesforce no longer knows the"
          + " query locator used by " + operation + " (INVALID_QUERY_LOCATOR: " + m + "); locators expire after"
          + " 15 minutes of inactivity and an org keeps only 10 open per user. Run the brief again.", e);
      default -> HandoffException.of(SYSTEM, "Salesforce refused " + operation + " (" + code + ": " + m + ").", e);
    };
  }

  private static boolean isParseFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String n = t.getClass().getName().toLowerCase(Locale.ROOT);
      if (n.contains("xmlpull") || n.contains("parse") || n.contains("xml")) {
        return true;
      }
    }
    return false;
  }

  static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
