package org.handoffbrief.connector.slack.delivery;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Set;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.HandoffException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.PermissionException;
import org.handoffbrief.RateLimitException;
import org.handoffbrief.SourceUnavailableException;
import org.handoffbrief.connector.slack.internal.SlackSdk;
import org.handoffbrief.spi.kit.FailureMapper;

/**
 * The posting side's Web API client: one sync {@link MethodsClient} on the posting token, and the
 * mapping of Slack's answers to typed failures. No retry here: a post is not idempotent, and the
 * caller (a worker, the host's scheduler) decides when to try again after a {@link RateLimitException}.
 */
final class SlackWeb implements AutoCloseable {
  private static final FailureMapper FAILURES = FailureMapper.of("slack", "Slack",
      "issue a new Bot User OAuth Token and update slackdelivery.botToken", scope -> "add the scope " + scope);

  private static final Set<String> AUTH_ERRORS = Set.of("invalid_auth", "not_authed", "token_revoked",
      "token_expired", "account_inactive", "org_login_required");
  private static final Set<String> SCOPE_ERRORS = Set.of("missing_scope", "no_permission", "ekm_access_denied",
      "not_allowed_token_type");
  private static final Set<String> UNAVAILABLE_ERRORS = Set.of("internal_error", "fatal_error",
      "service_unavailable", "request_timeout");

  private final com.slack.api.SlackConfig sdkConfig;
  private final Slack slack;
  private final MethodsClient methods;

  SlackWeb(SlackDeliveryConfig config) {
    sdkConfig = new com.slack.api.SlackConfig();
    sdkConfig.setMethodsEndpointUrlPrefix(config.baseUrl() + "/api/");
    // The SDK's default listeners log response bodies at DEBUG: a brief's text must not reach a host's log.
    sdkConfig.setHttpClientResponseHandlers(new ArrayList<>());
    sdkConfig.setPrettyResponseLoggingEnabled(false);
    sdkConfig.setStatsEnabled(false); // otherwise one extra auth.test per token
    int millis = (int) config.timeout().toMillis();
    sdkConfig.setHttpClientReadTimeoutMillis(millis);
    sdkConfig.setHttpClientWriteTimeoutMillis(millis);
    sdkConfig.setHttpClientCallTimeoutMillis(millis);
    slack = Slack.getInstance(sdkConfig);
    methods = slack.methods(config.botToken());
  }

  /** One SDK call. */
  @FunctionalInterface
  interface Call<T extends SlackApiTextResponse> {
    T on(MethodsClient methods) throws IOException, SlackApiException;
  }

  /** Makes one call; an {@code ok:false} answer or an HTTP failure becomes a typed exception. */
  <T extends SlackApiTextResponse> T call(String operation, Call<T> call) {
    T response;
    try {
      response = call.on(methods);
    } catch (SlackApiException e) {
      throw http(e, operation);
    } catch (IOException e) {
      throw new SourceUnavailableException("slack", "Slack could not be reached on " + operation + " ("
          + e.getClass().getSimpleName() + ")", e);
    } catch (RuntimeException e) {
      throw new MalformedResponseException("slack", "Slack's answer to " + operation + " could not be read as the"
          + " Web API's JSON (" + e.getClass().getSimpleName() + ")", e);
    }
    if (response == null) {
      throw new MalformedResponseException("slack", "Slack answered " + operation + " with an empty body", null);
    }
    if (!response.isOk()) {
      throw refused(response.getError() == null ? "unknown_error" : response.getError(), response.getNeeded(),
          operation);
    }
    return response;
  }

  /** The typed failure for Slack's {@code error} code on {@code operation}; never holds a token. */
  static HandoffException refused(String error, String needed, String operation) {
    if (AUTH_ERRORS.contains(error)) {
      return new AuthenticationException("slack", "Slack refused the posting token (" + error + ") on " + operation
          + "; issue a new Bot User OAuth Token and update slackdelivery.botToken.", null);
    }
    if (SCOPE_ERRORS.contains(error)) {
      return new PermissionException("slack", "The posting token lacks the scope " + (needed == null
          ? "(Slack did not say which)" : needed) + " for " + operation + " (" + error + "); add it under OAuth &"
          + " Permissions and reinstall the app.", null);
    }
    if (error.equals("ratelimited")) {
      return new RateLimitException("slack", "Slack rate-limited " + operation, null, null);
    }
    if (UNAVAILABLE_ERRORS.contains(error)) {
      return new SourceUnavailableException("slack", "Slack failed on " + operation + " (" + error + ")", null);
    }
    String what = switch (error) {
      case "not_in_channel" -> "the bot is not in the channel; invite it (/invite @app) and deliver again";
      case "channel_not_found" -> "no such channel, or a private one the bot was not invited to; check"
          + " slackdelivery.channel";
      case "message_not_found" -> "the earlier message was deleted";
      case "is_archived" -> "the channel is archived; unarchive it or configure another";
      case "users_not_found" -> "no Slack user has that email; check the reviewer's email or give a user id";
      case "expired_trigger_id" -> "the modal was opened more than three seconds after the click";
      default -> "Slack refused the request";
    };
    return new SlackDeliveryException(error, false, "Slack answered '" + error + "' to " + operation + ": " + what,
        null);
  }

  private static HandoffException http(SlackApiException e, String operation) {
    int status = e.getResponse() == null ? 0 : e.getResponse().code();
    if (status == 429 || status == 401 || status == 408 || status >= 500) {
      return FAILURES.map(status, operation, "", "", e.getResponse().header("Retry-After"));
    }
    return new SlackDeliveryException("http_" + status, false, "Slack answered HTTP " + status + " to " + operation,
        null);
  }

  @Override
  public void close() {
    SlackSdk.close(slack, sdkConfig);
  }
}
