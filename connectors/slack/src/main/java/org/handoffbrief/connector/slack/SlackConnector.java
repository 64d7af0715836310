package org.handoffbrief.connector.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.File;
import com.slack.api.model.Message;
import com.slack.api.model.ResponseMetadata;
import com.slack.api.model.User;
import com.slack.api.util.http.SlackHttpClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.handoffbrief.connector.slack.internal.SlackSdk;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.DeadlineExceededException;
import org.handoffbrief.HandoffException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.PermissionException;
import org.handoffbrief.RateLimitException;
import org.handoffbrief.SourceUnavailableException;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.SourceFailure;
import org.handoffbrief.model.TimeWindow;
import org.handoffbrief.spi.ApiCalls;
import org.handoffbrief.spi.CallBudgetExhaustedException;
import org.handoffbrief.spi.HttpCalls;
import org.handoffbrief.spi.RateLimiter;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.spi.kit.FailureMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a deal's Slack channels through the Web API (slack-api-client, sync {@link MethodsClient}):
 * the deal channels, any configured extra channels, and every thread in them. A deal channel is one
 * named by the CRM handoff field {@link SlackConfig#channelField()} (an id or a name), or one
 * matching a {@link SlackConfig#channelPatterns() pattern} with one of the account's names: for
 * {@code Meridian Health, Inc.} and {@code deal-{account}}, {@code #deal-meridian-health-inc}, then
 * {@code #deal-meridian-health}, then {@code #deal-meridian} (a shorter name only when the longer
 * matched nothing; see {@link AccountNames}). Thread-safe:
 * each {@link #fetch} keeps its own state; the HTTP client is shared.
 *
 * <h2>Scopes (bot token, read-only)</h2>
 * {@code channels:read} and {@code channels:history} (public channels), {@code users:read} and
 * {@code users:read.email} (people by profile email: the identity graph joins on it);
 * {@code groups:read} and {@code groups:history} only to read private deal channels the bot was
 * invited to. {@code auth.test} is called first: a refused token ({@code invalid_auth},
 * {@code token_revoked}, {@code account_inactive}, ...) is an {@link AuthenticationException} after
 * one request, and when Slack lists the token's scopes ({@code X-OAuth-Scopes}) a missing required
 * one is a {@link PermissionException} naming it before anything else is read; without the
 * {@code groups:*} scopes only public channels are read and a note says so. A {@code missing_scope}
 * answer to any later call is a {@link PermissionException} naming Slack's {@code needed} scope.
 *
 * <h2>What is read</h2>
 * <ol>
 *   <li>{@code conversations.list} (public and private, archived included), every page once, by
 *       {@code response_metadata.next_cursor}; the deal and extra channels are picked from it in
 *       memory, and when no deal channel matched a note names every name tried. The list is the
 *       same for every deal, so a complete one is reused by later briefs for
 *       {@link SlackConfig#channelCacheTtl()} (5 minutes by default);
 *   <li>{@code conversations.history} of each from {@code window.start - threadLookback} to the
 *       window's end, every page. Top-level messages count only inside the window; older ones are
 *       read only as thread parents: one whose {@code latest_reply} falls in or after the window
 *       has its replies read, so a reply added in March to a thread from before the cycle is found;
 *   <li>{@code conversations.replies} of every thread with replies (or a broadcast reply) whose
 *       parent is in the window, or whose {@code latest_reply} reaches into it, every page, up to
 *       the brief's "now" (the connector's clock): replies posted after close to a thread of the
 *       cycle are kept and marked {@code afterWindow=true}. A reply is found however old its parent
 *       and however many history pages lie between them, because threads are read per parent, not
 *       from the history stream;
 *   <li>{@code users.info} once per author or mentioned user, for the name, the profile email and
 *       the time zone the message is dated in; a profile read is reused by later briefs for
 *       {@link SlackConfig#userCacheTtl()} (1 hour by default, at most {@value #MAX_CACHED_USERS}
 *       people).
 * </ol>
 * Only these workspace-level answers are shared between briefs (in {@link WorkspaceCache}: one
 * read per key even when briefs ask at once, a failure or a cut page set never kept); history and
 * replies are a deal's evidence, read per brief.
 * Dropped: bot messages ({@code bot_id}, {@code bot_message}), join/leave/topic/purpose/rename and
 * every other system subtype; messages by someone whose email is neither the vendor's nor the
 * customer's (another customer in a shared channel, even with a matching name); in extra channels,
 * threads not about the deal: kept are those that name the account by any of its names, a customer
 * domain or a customer contact's full name, that a customer writes in or is mentioned in, or that
 * two or more of the deal team (owner included) take part in. Channels whose name contains one of
 * {@link SlackConfig#internalOnlyChannels()} yield evidence marked internal-only.
 *
 * <h2>Failures</h2>
 * 429 (or {@code ratelimited}) is retried after its {@code Retry-After}, 5xx, I/O errors and a call
 * that outlasts its timeout ({@link SlackConfig#timeout()}, cut to what is left of the source's
 * deadline) with capped back-off ({@link SlackConfig#retryPolicy()}). Whatever could not be read is
 * said in {@link SourceResult#unread()}, which makes the source {@code partial}: a channel or thread
 * that stays unavailable or answers something unreadable (truncated JSON, an HTML page, an empty or
 * broken body), a name {@code users.info} could not give, a paging cursor answered twice, and a
 * rate limit that outlasts the retries or a spent call budget, which stop reading there (the
 * sentence names where, and the channels not reached). When every channel to read failed and nothing
 * was kept, the source fails with a typed exception that keeps the first cause; a failure of
 * {@code auth.test} or {@code conversations.list} fails it too ({@link MalformedResponseException},
 * {@link SourceUnavailableException}). Messages are ours and never carry a body or the SDK's text.
 * Per channel, history is read first, then the names of its people, then its threads, so a budget
 * cut costs replies before it costs who said what.
 *
 * <h2>Pacing</h2>
 * Slack limits each method per app and workspace by its tier, so each method has its own
 * {@link RateLimiter}, shared by every brief: {@code conversations.history} and
 * {@code conversations.replies} (Tier 3) at {@link SlackConfig#requestsPerMinute()} each (50 by
 * default), {@code conversations.list} (Tier 2) at two fifths of that (20), {@code users.info} and
 * {@code auth.test} (Tier 4) at twice that (100). Apps outside the Marketplace created since May
 * 2025 get far less for history and replies: lower {@code slack.requestsPerMinute} for them.
 *
 * <h2>Lifecycle</h2>
 * {@link #close()} releases the HTTP client and the SDK's metrics threads. The SDK's own response
 * logging (which writes response bodies at DEBUG) is switched off.
 *
 * <h2>Evidence</h2>
 * System {@code slack}, kind {@code message}, native id {@code <channel id>:<ts>}. Text:
 * <pre>
 * Channel: #deal-meridian-health
 * From: Sam Chen &lt;sam.chen@northwind-analytics.com&gt;
 * Date: 2026-03-08T10:42:00-05:00
 * Thread: 1770740000.000100        (replies only: the parent's ts)
 *
 * the message as plain text
 * </pre>
 * Markup is normalised ({@code <@U1>} to {@code @Name}, {@code <#C1|x>} to {@code #x},
 * {@code <url|label>} to {@code label (url)}, entities unescaped); shared files add a
 * {@code [file: title]} line. Attributes: {@code channel}, {@code channelId}, {@code ts},
 * {@code threadTs} (replies), {@code replyCount} (parents), {@code side} ({@code internal},
 * {@code customer} or {@code unknown}), {@code sharedChannel}, {@code afterWindow}. Permalinks are
 * {@code {workspace}/archives/{channel}/p{ts without dot}}, with {@code ?thread_ts=..&cid=..} for
 * replies.
 */
public final class SlackConnector implements SourceConnector {
  private static final Logger LOG = LoggerFactory.getLogger(SlackConnector.class);

  /** The system id of Slack evidence. */
  public static final String SYSTEM = "slack";
  /** Slack's HTTP-level failures; an answer's {@code error} field is read by {@code check} instead. */
  static final FailureMapper HTTP_FAILURES = FailureMapper.of(SYSTEM, "Slack",
      "issue a new Bot User OAuth Token and update slack.botToken", scope -> "add the scope " + scope);
  /** The evidence kind of a Slack message. */
  public static final String KIND = "message";

  /** Scopes without which the connector cannot do its job. */
  static final List<String> REQUIRED_SCOPES = List.of("channels:read", "channels:history", "users:read",
      "users:read.email");
  /** Scopes for private deal channels; without them only public channels are read. */
  static final List<String> PRIVATE_SCOPES = List.of("groups:read", "groups:history");
  /** Pages read per listing at most, a guard beside the call budget. */
  static final int MAX_PAGES = 100;

  private static final Set<String> PEOPLE_SUBTYPES = Set.of("thread_broadcast", "file_share", "me_message");
  private static final Set<String> AUTH_ERRORS = Set.of("invalid_auth", "not_authed", "token_revoked",
      "token_expired", "account_inactive", "org_login_required", "two_factor_setup_required");
  private static final Set<String> UNAVAILABLE_ERRORS = Set.of("internal_error", "fatal_error",
      "service_unavailable", "request_timeout");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final SlackConfig config;
  /** Most people's profiles kept for later briefs. */
  static final int MAX_CACHED_USERS = 10_000;

  /**
   * One limiter per Web API method, shared by every brief this connector makes: Slack counts per
   * method, app and workspace, so a 429 on one method pauses that method only.
   */
  private final Map<String, RateLimiter> limiters;
  /** The channel directory, by whether private channels are listed: the same for every deal. */
  private final WorkspaceCache<Boolean, Directory> channelCache;
  /** People's profiles by user id: the same for every deal. */
  private final WorkspaceCache<String, User> userCache;
  private final Clock clock;
  private final com.slack.api.SlackConfig sdkConfig;
  private final Slack slack;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SlackConnector(SlackConfig config, Clock clock) {
    this.config = config;
    int tier3 = config.requestsPerMinute();
    int tier2 = Math.max(1, tier3 * 2 / 5); // Slack's Tier 2 is 20+ a minute where Tier 3 is 50+
    int tier4 = tier3 * 2; // Tier 4 is 100+
    this.limiters = Map.of("auth.test", RateLimiter.perMinute(tier4),
        "conversations.list", RateLimiter.perMinute(tier2),
        "conversations.history", RateLimiter.perMinute(tier3),
        "conversations.replies", RateLimiter.perMinute(tier3),
        "users.info", RateLimiter.perMinute(tier4));
    this.channelCache = new WorkspaceCache<>(config.channelCacheTtl(), 2, clock);
    this.userCache = new WorkspaceCache<>(config.userCacheTtl(), MAX_CACHED_USERS, clock);
    this.clock = clock;
    this.sdkConfig = new com.slack.api.SlackConfig();
    sdkConfig.setMethodsEndpointUrlPrefix(config.baseUrl() + "/api/");
    // The SDK's default response listeners log every response body at DEBUG (DetailedLoggingListener) or
    // pretty-print it: message text (deal-desk discounts included) must never reach a host's log.
    sdkConfig.setHttpClientResponseHandlers(new ArrayList<>());
    sdkConfig.setPrettyResponseLoggingEnabled(false);
    sdkConfig.setStatsEnabled(false); // otherwise one extra auth.test per token, outside our budget
    SlackSdk.stopMetrics(sdkConfig); // each new SlackConfig starts "slack-api-metrics" threads; setStatsEnabled(false) misses one
    int millis = (int) config.timeout().toMillis();
    sdkConfig.setHttpClientReadTimeoutMillis(millis);
    sdkConfig.setHttpClientWriteTimeoutMillis(millis);
    sdkConfig.setHttpClientCallTimeoutMillis(millis);
    this.slack = Slack.getInstance(sdkConfig);
  }

  /** A connector for this workspace; "now" (the bound of late thread replies) is the system clock. */
  public static SlackConnector create(SlackConfig config) {
    return create(config, Clock.systemUTC());
  }

  /**
   * A connector whose "now" comes from {@code clock}: thread replies are read up to that instant,
   * so a brief made again for the same deal at the same instant reads the same replies.
   */
  public static SlackConnector create(SlackConfig config, Clock clock) {
    return new SlackConnector(Objects.requireNonNull(config, "config == null"),
        Objects.requireNonNull(clock, "clock == null"));
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public Set<org.handoffbrief.model.Channel> channels() {
    return EnumSet.of(org.handoffbrief.model.Channel.CHAT);
  }

  /** The configuration this connector was made with. */
  public SlackConfig config() {
    return config;
  }

  @Override
  public SourceResult fetch(DealContext deal, SourceContext context) {
    Objects.requireNonNull(deal, "deal == null");
    Objects.requireNonNull(context, "context == null");
    if (closed.get()) {
      throw new IllegalStateException("this SlackConnector is closed");
    }
    return new Read(deal, context).run();
  }

  /**
   * Releases the HTTP client (its connection pool and dispatcher) and the SDK's metrics threads.
   * Idempotent; a fetch after close fails with {@link IllegalStateException}.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    SlackSdk.close(slack, sdkConfig);
  }

  /**
   * A methods client whose call timeout is the configured one cut to what is left of the source's
   * deadline: a call never outlives the brief. A cut client shares the connector's connection pool
   * and dispatcher, so it holds nothing of its own to close.
   */
  private MethodsClient methods(SourceContext context) {
    Duration timeout = HttpCalls.timeout(config.timeout(), context);
    if (timeout.compareTo(config.timeout()) >= 0) {
      return slack.methods(config.botToken());
    }
    long millis = Math.max(1, timeout.toMillis());
    OkHttpClient cut = slack.getHttpClient().getOkHttpClient().newBuilder()
        .callTimeout(Duration.ofMillis(millis)).readTimeout(Duration.ofMillis(millis)).build();
    return Slack.getInstance(sdkConfig, new SlackHttpClient(cut)).methods(config.botToken());
  }

  /** Where a person stands for this deal, by email. */
  enum Side { INTERNAL, CUSTOMER, UNKNOWN, OTHER }

  /**
   * The workspace's channel list as one brief read it, with what stopped it short: a directory with
   * a sentence in {@code unread} or {@code note} is partial and never reused.
   */
  private record Directory(List<Conversation> channels, String unread, String note) {
    boolean complete() {
      return unread == null && note == null;
    }
  }

  /** A channel chosen for reading. */
  private record Channel(String id, String name, boolean deal, boolean internalOnly, boolean shared) {}

  /** A kept message with its channel and, for a reply, its parent's ts. */
  private record Raw(Channel channel, Message message, String parentTs) {
    String root() {
      return parentTs != null ? parentTs : message.getTs();
    }
  }

  /** Slack refused a call for a reason that is neither auth, scope, limit nor outage. */
  static final class SlackRefusal extends HandoffException {
    private static final long serialVersionUID = 1L;
    final String error;

    SlackRefusal(String operation, String error) {
      super(SYSTEM, SourceFailure.Kind.ERROR, false, "Slack answered '" + error + "' to " + operation, null);
      this.error = error;
    }
  }

  /** Slack still rate-limits after the retries: stop reading, keep what was read. */
  private static final class StillLimited extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient RateLimitException limit;

    StillLimited(RateLimitException limit) {
      super(limit.getMessage(), limit, false, false);
      this.limit = limit;
    }
  }

  /** One call of the SDK. */
  @FunctionalInterface
  private interface SlackCall<T extends SlackApiTextResponse> {
    T on(MethodsClient methods) throws IOException, SlackApiException;
  }

  /** The state of one fetch. */
  private final class Read {
    final DealContext deal;
    final SourceContext context;
    /** One per method, each on that method's limiter. */
    final Map<String, ApiCalls> calls = new HashMap<>();
    final TimeWindow window;
    final Instant now;
    final Set<String> customerDomains;
    final Set<String> customerEmails;
    final List<String> notes = new ArrayList<>();
    /** What should have been read and was not, one sentence each: makes the source partial. */
    final List<String> unread = new ArrayList<>();
    final Map<String, Raw> kept = new LinkedHashMap<>();
    final Map<String, String> channelNames = new HashMap<>();
    final Map<String, User> users = new HashMap<>();
    final Set<String> unknownUsers = new HashSet<>();
    final Set<String> unresolvedUsers = new LinkedHashSet<>();
    URI workspace;
    boolean privateChannels = true;
    /** What is being read now and the channels after it, for the sentence that says where a cut stopped. */
    String reading = "the channel list";
    List<Channel> pending = List.of();
    List<Channel> toRead = List.of();

    Read(DealContext deal, SourceContext context) {
      this.deal = deal;
      this.context = context;
      this.window = deal.window();
      this.now = clock.instant();
      this.customerDomains = deal.customerDomains();
      this.customerEmails = deal.customerEmails();
      this.workspace = config.workspaceUrl();
    }

    SourceResult run() {
      int failedChannels = 0;
      HandoffException firstFailure = null;
      try {
        authTest();
        toRead = findChannels();
        for (int i = 0; i < toRead.size(); i++) {
          HandoffException failure = readChannel(toRead.get(i), toRead.subList(i + 1, toRead.size()));
          if (failure != null) {
            failedChannels++;
            firstFailure = firstFailure == null ? failure : firstFailure;
          }
        }
      } catch (CallBudgetExhaustedException e) {
        stopped("the call budget (" + context.callBudget() + " calls) ran out", "raise slack's callBudget");
      } catch (StillLimited e) {
        stopped("Slack kept rate-limiting after " + config.retryPolicy().maxAttempts() + " attempts ("
            + e.limit.getMessage() + ")", "try again later or give the app a higher tier");
      }
      if (failedChannels > 0 && failedChannels == toRead.size() && kept.isEmpty()) {
        throw noChannelReadable(failedChannels, firstFailure);
      }
      if (!unresolvedUsers.isEmpty()) {
        unread.add("Slack: the names and emails of " + unresolvedUsers.size() + " people could not be looked up"
            + " (users.info failed); their messages show a Slack user id and count as neither side.");
      }
      return new SourceResult(build(), Map.of(), notes, unread);
    }

    /** Reading stopped early (budget or rate limit): says what was being read and what came after. */
    private void stopped(String why, String remedy) {
      String rest = pending.isEmpty() ? "" : " and " + pending.size() + " more channel(s) ("
          + String.join(", ", pending.stream().map(c -> "#" + c.name()).toList()) + ")";
      unread.add("Slack reading stopped while reading " + reading + rest + ": " + why + "; what was read before"
          + " is kept, the rest is missing (" + remedy + ").");
    }

    /** Every chosen channel failed: the source read nothing it should have, so it fails with the cause kept. */
    private HandoffException noChannelReadable(int channels, HandoffException first) {
      String message = "Slack: none of the " + channels + " channel(s) to read could be read; the first failure: "
          + first.getMessage();
      if (first instanceof MalformedResponseException) {
        return new MalformedResponseException(SYSTEM, message, first);
      }
      if (first instanceof SourceUnavailableException) {
        return new SourceUnavailableException(SYSTEM, message, first);
      }
      return HandoffException.of(SYSTEM, message, first);
    }

    // --- calls ------------------------------------------------------------------------------------

    <T extends SlackApiTextResponse> T call(String operation, SlackCall<T> call) {
      ApiCalls paced = calls.computeIfAbsent(operation, op -> ApiCalls.of(context, config.retryPolicy(),
          Objects.requireNonNull(limiters.get(op), op)));
      return paced.call(operation, () -> {
        if (context.remaining().isZero()) {
          throw new DeadlineExceededException(SYSTEM, Duration.ZERO);
        }
        T response;
        try {
          response = call.on(methods(context));
        } catch (SlackApiException | IOException e) {
          throw translate(e, operation);
        } catch (RuntimeException e) {
          // The SDK's Gson throws JsonSyntaxException on a truncated or HTML body, and the SDK itself a
          // NullPointerException on an empty one: the cause is kept for DEBUG, the message is ours.
          throw new MalformedResponseException(SYSTEM, "Slack's answer to " + operation + " could not be read as"
              + " the Web API's JSON (" + e.getClass().getSimpleName() + ")", e);
        }
        if (response == null) {
          throw new MalformedResponseException(SYSTEM, "Slack answered " + operation + " with an empty body", null);
        }
        return check(response, operation);
      });
    }


    private void authTest() {
      AuthTestResponse r = call("auth.test", m -> m.authTest(b -> b));
      if (workspace == null) {
        if (r.getUrl() == null) {
          throw new MalformedResponseException(SYSTEM, "Slack's auth.test answer has no workspace url;"
              + " set slack.workspaceUrl", null);
        }
        String u = r.getUrl().endsWith("/") ? r.getUrl().substring(0, r.getUrl().length() - 1) : r.getUrl();
        workspace = URI.create(u);
      }
      Set<String> granted = scopes(r);
      if (granted == null) {
        return; // Slack did not say; a missing scope shows up as missing_scope on the call that needs it
      }
      List<String> missing = REQUIRED_SCOPES.stream().filter(s -> !granted.contains(s)).toList();
      if (!missing.isEmpty()) {
        throw new PermissionException(SYSTEM, "The Slack bot token lacks the scope" + (missing.size() > 1 ? "s " : " ")
            + String.join(", ", missing) + "; add " + (missing.size() > 1 ? "them" : "it")
            + " under OAuth & Permissions, reinstall the app and update slack.botToken.", null);
      }
      List<String> noPrivate = PRIVATE_SCOPES.stream().filter(s -> !granted.contains(s)).toList();
      if (!noPrivate.isEmpty()) {
        privateChannels = false;
        notes.add("Slack: private channels were not read: the bot token lacks " + String.join(", ", noPrivate)
            + " (needed only for private deal channels).");
      }
    }

    private Set<String> scopes(AuthTestResponse r) {
      Map<String, List<String>> headers = r.getHttpResponseHeaders();
      if (headers == null) {
        return null;
      }
      for (var e : headers.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase("x-oauth-scopes") && !e.getValue().isEmpty()) {
          var out = new HashSet<String>();
          for (String v : e.getValue()) {
            for (String s : v.split(",")) {
              out.add(s.strip());
            }
          }
          return out;
        }
      }
      return null;
    }

    // --- channels ---------------------------------------------------------------------------------

    /**
     * Lists the workspace's channels once (every page) and picks, in memory, the deal channels (by
     * the CRM field and by every pattern with the account's names) and the extra channels.
     */
    private List<Channel> findChannels() {
      List<Conversation> all = listChannels();
      var deals = new LinkedHashMap<String, Conversation>();
      List<String> names = AccountNames.of(deal.account().name());
      var tried = new ArrayList<String>();
      for (String pattern : config.channelPatterns()) {
        for (String name : names) { // most specific first: a shorter name is tried only when the longer matched nothing
          String wanted = pattern.replace("{account}", name);
          tried.add("#" + wanted);
          List<Conversation> hits = all.stream().filter(c -> SlackText.matches(wanted, c.getName())).toList();
          hits.forEach(c -> deals.putIfAbsent(c.getId(), c));
          if (!hits.isEmpty()) {
            break;
          }
        }
      }
      String fieldValue = channelFieldValue();
      if (fieldValue != null) {
        Conversation named = all.stream().filter(c -> SlackText.namesChannel(fieldValue, c.getId(), c.getName()))
            .findFirst().orElse(null);
        if (named == null) {
          notes.add("Slack: the CRM field '" + config.channelField() + "' names the channel '" + fieldValue + "', which"
              + " is not visible to the bot" + (privateChannels ? "" : " among public channels") + "; invite the bot"
              + " to it or correct the field.");
        } else {
          deals.putIfAbsent(named.getId(), named);
        }
      }
      if (deals.isEmpty()) {
        notes.add("Slack: no deal channel found among " + all.size() + " channels visible to the bot"
            + (privateChannels ? "" : " (public only)") + "; tried " + (tried.isEmpty() ? "no name (the account name '"
            + deal.account().name() + "' has no letters or digits)" : String.join(", ", tried))
            + " (slack.channelPattern " + String.join(",", config.channelPatterns()) + ")"
            + (config.channelField() == null ? "" : fieldValue == null ? " and found no CRM field '"
            + config.channelField() + "' (slack.channelField)" : "") + ".");
      }
      var found = new ArrayList<Channel>();
      var notMember = new ArrayList<String>();
      for (Conversation c : deals.values()) {
        choose(c, true, found, notMember);
      }
      for (String name : config.extraChannels()) {
        Conversation c = all.stream().filter(x -> x.getName().equals(name)).findFirst().orElse(null);
        if (c == null) {
          notes.add("Slack: extra channel #" + name + " is not visible to the bot.");
        } else if (!deals.containsKey(c.getId())) {
          choose(c, false, found, notMember);
        }
      }
      for (String name : notMember) {
        notes.add("Slack: the bot is not a member of #" + name + "; invite it (/invite @your-app) to read it.");
      }
      return found; // deal channels first: when the budget bites, it should cut the extra channels
    }

    private void choose(Conversation c, boolean isDeal, List<Channel> found, List<String> notMember) {
      String name = c.getName();
      if (!c.isMember()) {
        notMember.add(name);
        return;
      }
      boolean internalOnly = config.internalOnlyChannels().stream()
          .anyMatch(p -> name.toLowerCase(Locale.ROOT).contains(p));
      found.add(new Channel(c.getId(), name, isDeal, internalOnly, c.isExtShared() || c.isShared()));
    }

    /**
     * Every channel the bot can see (archived included): the directory a brief read within
     * {@link SlackConfig#channelCacheTtl()}, or read now, page by page.
     */
    private List<Conversation> listChannels() {
      Directory d = channelCache.get(privateChannels, this::readDirectory, Directory::complete);
      if (d.unread() != null) {
        unread.add(d.unread());
      }
      if (d.note() != null) {
        notes.add(d.note());
      }
      d.channels().forEach(c -> channelNames.put(c.getId(), c.getName()));
      return d.channels();
    }

    private Directory readDirectory() {
      List<ConversationType> types = privateChannels
          ? List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL)
          : List.of(ConversationType.PUBLIC_CHANNEL);
      var all = new ArrayList<Conversation>();
      var cursors = new HashSet<String>();
      String cursor = null;
      for (int page = 0; page < MAX_PAGES; page++) {
        String c = cursor;
        ConversationsListResponse r = call("conversations.list", m -> m.conversationsList(b -> b.types(types)
            .excludeArchived(false).limit(config.pageSize()).cursor(c)));
        for (Conversation conv : nonNull(r.getChannels())) {
          if (conv.getId() != null && conv.getName() != null) {
            all.add(conv);
          }
        }
        cursor = nextCursor(r.getResponseMetadata());
        if (cursor == null) {
          break;
        }
        if (!cursors.add(cursor)) {
          return new Directory(List.copyOf(all), "Slack: conversations.list answered the same cursor twice;"
              + " channels after the first " + all.size() + " were not looked at.", null);
        }
        if (page == MAX_PAGES - 1) {
          return new Directory(List.copyOf(all), null, "Slack: the workspace lists more than " + MAX_PAGES
              + " pages of channels; later ones were not looked at.");
        }
      }
      return new Directory(List.copyOf(all), null, null);
    }

    /** The value of the CRM handoff field {@link SlackConfig#channelField()}, or null when absent or blank. */
    private String channelFieldValue() {
      if (config.channelField() == null) {
        return null;
      }
      String label = SlackText.slug(config.channelField());
      return deal.handoffFields().entrySet().stream()
          .filter(e -> SlackText.slug(e.getKey()).equals(label) && e.getValue() != null && !e.getValue().isBlank())
          .map(e -> e.getValue().strip()).findFirst().orElse(null);
    }

    // --- messages ---------------------------------------------------------------------------------

    /**
     * Reads one channel: its history, then the names of the people in it, then its threads. Names
     * come before replies so that a call budget spent on threads never costs the authors of what
     * was already read. Returns the failure when nothing of the channel could be read.
     */
    private HandoffException readChannel(Channel channel, List<Channel> after) {
      pending = after;
      reading = "the history of #" + channel.name();
      var threads = new LinkedHashSet<String>();
      HandoffException failure = readHistory(channel, threads);
      resolveUsers();
      int n = 0;
      for (String parent : threads) {
        reading = "thread " + (++n) + " of " + threads.size() + " in #" + channel.name();
        readReplies(channel, parent);
      }
      resolveUsers();
      return failure;
    }

    /** Reads a channel's history into {@link #kept} and {@code threads}; the failure when no page was read. */
    private HandoffException readHistory(Channel channel, Set<String> threads) {
      Instant from = window.start().minus(config.threadLookback());
      var cursors = new HashSet<String>();
      String cursor = null;
      int read = 0;
      int pages = 0;
      try {
        for (int page = 0; page < MAX_PAGES; page++) {
          String c = cursor;
          ConversationsHistoryResponse r = call("conversations.history", m -> m.conversationsHistory(b -> b
              .channel(channel.id()).oldest(ts(from)).latest(ts(window.end())).inclusive(true)
              .limit(config.pageSize()).cursor(c)));
          pages++;
          for (Message m : nonNull(r.getMessages())) {
            read++;
            Instant at = instant(m.getTs());
            if (at == null) {
              continue;
            }
            boolean inWindow = window.contains(at);
            String threadTs = m.getThreadTs();
            boolean isReply = threadTs != null && !threadTs.equals(m.getTs());
            if (inWindow && byPerson(m)) {
              keep(new Raw(channel, m, isReply ? threadTs : null));
            }
            if (isReply && inWindow) {
              threads.add(threadTs); // a broadcast reply: read the rest of its thread
            } else if (hasReplies(m)) {
              Instant latestReply = instant(m.getLatestReply());
              if (inWindow || latestReply == null || !latestReply.isBefore(window.start())) {
                threads.add(m.getTs());
              }
            }
          }
          cursor = nextCursor(r.getResponseMetadata());
          if (cursor == null) {
            break;
          }
          if (!cursors.add(cursor)) {
            unread.add("Slack: #" + channel.name() + " answered the same history cursor twice; reading stopped"
                + " there after " + read + " messages, older ones were not read.");
            break;
          }
          if (page == MAX_PAGES - 1) {
            notes.add("Slack: #" + channel.name() + " has more than " + MAX_PAGES + " pages of history; older"
                + " messages were not read.");
          }
        }
      } catch (CallBudgetExhaustedException e) {
        throw e;
      } catch (RateLimitException e) {
        throw new StillLimited(e); // the next channel would be limited too: stop, keep what was read
      } catch (HandoffException e) {
        if (!skippable(e)) {
          throw e;
        }
        LOG.debug("Slack: the history of #{} failed", channel.name(), e);
        unread.add(pages == 0
            ? "Slack: the history of #" + channel.name() + " could not be read: " + e.getMessage() + "."
            : "Slack: #" + channel.name() + " was read only in part (" + read + " messages, " + pages + " pages): "
                + e.getMessage() + ".");
        return pages == 0 ? e : null;
      }
      return null;
    }

    private void readReplies(Channel channel, String parentTs) {
      var cursors = new HashSet<String>();
      String cursor = null;
      try {
        for (int page = 0; page < MAX_PAGES; page++) {
          String c = cursor;
          ConversationsRepliesResponse r = call("conversations.replies", m -> m.conversationsReplies(b -> b
              .channel(channel.id()).ts(parentTs).oldest(ts(window.start())).latest(ts(now)).inclusive(true)
              .limit(config.pageSize()).cursor(c)));
          for (Message m : nonNull(r.getMessages())) {
            Instant at = instant(m.getTs());
            if (at == null || parentTs.equals(m.getTs()) || at.isBefore(window.start()) || at.isAfter(now)) {
              continue; // the parent is judged by the history read; replies count from the window's start to now
            }
            if (byPerson(m)) {
              keep(new Raw(channel, m, parentTs));
            }
          }
          cursor = nextCursor(r.getResponseMetadata());
          if (cursor == null) {
            break;
          }
          if (!cursors.add(cursor)) {
            unread.add("Slack: thread " + parentTs + " in #" + channel.name() + " answered the same replies cursor"
                + " twice; its later replies were not read.");
            break;
          }
        }
      } catch (CallBudgetExhaustedException e) {
        throw e;
      } catch (RateLimitException e) {
        throw new StillLimited(e); // the next thread would be limited too: stop, keep what was read
      } catch (HandoffException e) {
        if (e instanceof SlackRefusal s && "thread_not_found".equals(s.error)) {
          return; // the parent was deleted since the history read
        }
        if (!skippable(e)) {
          throw e;
        }
        LOG.debug("Slack: the replies of thread {} in #{} failed", parentTs, channel.name(), e);
        unread.add("Slack: the replies of thread " + parentTs + " in #" + channel.name() + " could not be read"
            + " completely: " + e.getMessage() + ".");
      }
    }

    /** A failure that loses one channel or thread, not the source: the rest is still worth keeping. */
    private boolean skippable(HandoffException e) {
      return e.kind() == SourceFailure.Kind.MALFORMED_RESPONSE || e.kind() == SourceFailure.Kind.UNAVAILABLE
          || e.kind() == SourceFailure.Kind.TIMEOUT || e instanceof SlackRefusal;
    }

    private void keep(Raw raw) {
      kept.putIfAbsent(raw.channel().id() + ":" + raw.message().getTs(), raw);
    }

    // --- people -----------------------------------------------------------------------------------

    /** Looks up, once each, the authors and mentioned people of what was kept so far. */
    private void resolveUsers() {
      var ids = new LinkedHashSet<String>();
      for (Raw raw : kept.values()) {
        ids.add(raw.message().getUser());
        ids.addAll(SlackText.mentionedUsers(raw.message().getText()));
      }
      String was = reading;
      reading = "the names of the people in " + was;
      for (String id : ids) {
        if (users.containsKey(id) || unknownUsers.contains(id) || unresolvedUsers.contains(id)) {
          continue;
        }
        try {
          // A profile is the same for every deal: one read serves every brief within userCacheTtl.
          User u = userCache.get(id, () -> call("users.info", m -> m.usersInfo(b -> b.user(id))).getUser(),
              found -> true);
          if (u != null) {
            users.put(id, u);
          }
        } catch (SlackRefusal e) {
          unknownUsers.add(id); // user_not_found: a deleted or foreign user; shown by id
        } catch (RateLimitException e) {
          throw new StillLimited(e);
        } catch (CallBudgetExhaustedException e) {
          throw e;
        } catch (HandoffException e) {
          if (!skippable(e)) {
            throw e;
          }
          LOG.debug("Slack: users.info for {} failed", id, e);
          unresolvedUsers.add(id);
        }
      }
      reading = was;
    }


    private Participant participant(String id) {
      User u = users.get(id);
      if (u == null) {
        return new Participant(null, null, id);
      }
      User.Profile p = u.getProfile();
      String name = firstNonBlank(p == null ? null : p.getRealName(), u.getRealName(),
          p == null ? null : p.getDisplayName(), u.getName());
      return new Participant(name, p == null ? null : p.getEmail(), id);
    }

    private Side side(Participant p) {
      String email = p.email();
      if (email == null) {
        return Side.UNKNOWN;
      }
      if (deal.isInternal(email)) {
        return Side.INTERNAL;
      }
      if (customerEmails.contains(email) || customerDomains.contains(p.emailDomain())) {
        return Side.CUSTOMER;
      }
      return Side.OTHER;
    }

    // --- evidence ---------------------------------------------------------------------------------

    private List<Evidence> build() {
      Function<String, String> userName = id -> users.containsKey(id) ? participant(id).name() : null;
      Function<String, String> channelName = channelNames::get;

      // In extra channels a whole thread belongs to the deal when its messages, taken together, do.
      var threads = new LinkedHashMap<String, List<Raw>>();
      for (Raw raw : kept.values()) {
        threads.computeIfAbsent(raw.channel().id() + ":" + raw.root(), k -> new ArrayList<>()).add(raw);
      }
      var relevantThreads = new HashSet<String>();
      threads.forEach((key, messages) -> {
        if (messages.get(0).channel().deal() || involvesDeal(messages, userName, channelName)) {
          relevantThreads.add(key);
        }
      });

      var out = new ArrayList<Evidence>();
      int otherCustomer = 0;
      for (Raw raw : kept.values()) {
        Message m = raw.message();
        Participant author = participant(m.getUser());
        Side side = side(author);
        if (side == Side.OTHER) {
          otherCustomer++; // someone from another company, whatever their name: never this deal's evidence
          continue;
        }
        if (!relevantThreads.contains(raw.channel().id() + ":" + raw.root())) {
          continue;
        }
        out.add(evidence(raw, author, side, userName, channelName));
      }
      if (otherCustomer > 0) {
        LOG.debug("Slack: left out {} messages by people outside the vendor and {}", otherCustomer,
            deal.account().name());
      }
      out.sort(Comparator.comparing(Evidence::timestamp).thenComparing(Evidence::id));
      return out;
    }

    /**
     * Whether a thread of an extra channel is about this deal: a message names the account (by any
     * of its names, {@link AccountNames}), a customer domain or a customer contact's full name; a
     * customer writes or is mentioned; or two or more of the deal team (owner included) take part.
     * One team member alone is not enough: a seller posts about many accounts in shared channels,
     * and those other accounts' threads must stay out.
     */
    private boolean involvesDeal(List<Raw> thread, Function<String, String> userName,
        Function<String, String> channelName) {
      var names = new ArrayList<>(AccountNames.of(deal.account().name()));
      customerDomains.forEach(d -> names.add(SlackText.slug(d)));
      deal.contacts().forEach(c -> {
        String full = SlackText.slug(c.person().name());
        if (full.contains("-")) { // a first name alone names too many people
          names.add(full);
        }
      });
      var team = new HashSet<String>();
      team.add(lower(deal.owner().email()));
      deal.team().forEach(t -> team.add(lower(t.person().email())));
      team.remove(null);
      var teamSeen = new HashSet<String>();
      for (Raw raw : thread) {
        String text = raw.message().getText();
        if (AccountNames.named(SlackText.plain(text, userName, channelName), names)) {
          return true;
        }
        var people = new LinkedHashSet<String>();
        people.add(raw.message().getUser());
        people.addAll(SlackText.mentionedUsers(text));
        for (String id : people) {
          Participant p = participant(id);
          if (side(p) == Side.CUSTOMER) {
            return true;
          }
          if (team.contains(lower(p.email()))) {
            teamSeen.add(lower(p.email()));
          }
        }
      }
      return teamSeen.size() >= 2;
    }

    private Evidence evidence(Raw raw, Participant author, Side side, Function<String, String> userName,
        Function<String, String> channelName) {
      Message m = raw.message();
      Channel ch = raw.channel();
      Instant at = instant(m.getTs());
      OffsetDateTime when = at.atZone(zone(m.getUser())).toOffsetDateTime();
      var body = new StringBuilder(SlackText.plain(m.getText(), userName, channelName));
      for (File f : nonNull(m.getFiles())) {
        String title = firstNonBlank(f.getTitle(), f.getName());
        if (title != null) {
          body.append(body.length() > 0 ? "\n" : "").append("[file: ").append(title).append(']');
        }
      }
      var participants = new ArrayList<Participant>();
      for (String id : SlackText.mentionedUsers(m.getText())) {
        if (!id.equals(m.getUser())) {
          participants.add(participant(id));
        }
      }
      String link = workspace + "/archives/" + ch.id() + "/p" + m.getTs().replace(".", "")
          + (raw.parentTs() != null ? "?thread_ts=" + raw.parentTs() + "&cid=" + ch.id() : "");
      return Evidence.builder(SYSTEM, KIND, ch.id() + ":" + m.getTs())
          .channel(org.handoffbrief.model.Channel.CHAT)
          .permalink(URI.create(link))
          .timestamp(when)
          .author(author)
          .participants(participants)
          .line("Channel", "#" + ch.name())
          .line("From", author.label()
              + (author.email() != null && author.name() != null ? " <" + author.email() + ">" : ""))
          .line("Date", DATE.format(when.truncatedTo(ChronoUnit.SECONDS)))
          .line("Thread", raw.parentTs())
          .body(body.toString(), "text")
          .attribute("channel", ch.name())
          .attribute("channelId", ch.id())
          .attribute("ts", m.getTs())
          .attribute("threadTs", raw.parentTs())
          .attribute("replyCount", m.getReplyCount() != null && m.getReplyCount() > 0
              ? String.valueOf(m.getReplyCount()) : null)
          .attribute("side", side.name().toLowerCase(Locale.ROOT))
          .attribute("sharedChannel", ch.shared() ? "true" : null)
          .attribute("afterWindow", at.isBefore(window.end()) ? null : "true")
          .internalOnly(ch.internalOnly())
          .build();
    }

    private ZoneId zone(String userId) {
      User u = users.get(userId);
      if (u != null && u.getTz() != null) {
        try {
          return ZoneId.of(u.getTz());
        } catch (DateTimeException e) {
          // an unknown zone id: fall through to UTC
        }
      }
      return ZoneOffset.UTC;
    }
  }

  // --- helpers ------------------------------------------------------------------------------------

  /** Whether a message was written by a person: no bot, no join/leave/topic or other system subtype. */
  static boolean byPerson(Message m) {
    return m.getUser() != null && m.getBotId() == null && m.getTs() != null
        && (m.getSubtype() == null || PEOPLE_SUBTYPES.contains(m.getSubtype()));
  }

  private static boolean hasReplies(Message m) {
    return (m.getReplyCount() != null && m.getReplyCount() > 0) || m.getTs().equals(m.getThreadTs());
  }

  /** Maps an {@code ok:false} answer to a typed failure. */
  static <T extends SlackApiTextResponse> T check(T r, String operation) {
    if (r.isOk()) {
      return r;
    }
    String error = r.getError() == null ? "unknown_error" : r.getError();
    if (AUTH_ERRORS.contains(error)) {
      throw new AuthenticationException(SYSTEM, "Slack refused the bot token (" + error + ") on " + operation
          + "; issue a new Bot User OAuth Token and update slack.botToken.", null);
    }
    if (error.equals("missing_scope") || error.equals("no_permission") || error.equals("ekm_access_denied")) {
      String needed = r.getNeeded() == null ? "(Slack did not say which)" : r.getNeeded();
      throw new PermissionException(SYSTEM, "The Slack bot token lacks the scope " + needed + " needed for "
          + operation + " (" + error + "); add it under OAuth & Permissions, reinstall the app and update"
          + " slack.botToken.", null);
    }
    if (error.equals("ratelimited")) {
      throw new RateLimitException(SYSTEM, "Slack rate-limited " + operation, null, null);
    }
    if (UNAVAILABLE_ERRORS.contains(error)) {
      throw new SourceUnavailableException(SYSTEM, "Slack failed on " + operation + " (" + error + ")", null);
    }
    throw new SlackRefusal(operation, error);
  }

  /** Maps an SDK or I/O exception to a typed failure; the message never carries the token or the body. */
  static HandoffException translate(Exception e, String operation) {
    if (e instanceof SlackApiException s) {
      int status = s.getResponse() == null ? 0 : s.getResponse().code();
      return HTTP_FAILURES.map(status, operation, "", "", status == 0 ? null : s.getResponse().header("Retry-After"));
    }
    if (e instanceof InterruptedIOException && (Thread.currentThread().isInterrupted()
        || "interrupted".equals(e.getMessage()))) {
      Thread.currentThread().interrupt(); // the library enforces the deadline by interrupting; OkHttp clears the flag
      return new DeadlineExceededException(SYSTEM, Duration.ZERO);
    }
    if (e instanceof InterruptedIOException) {
      // OkHttp's own call or read timeout (InterruptedIOException / SocketTimeoutException "timeout"): this
      // attempt was too slow: a retriable timeout the retry policy may try again, not the library's deadline.
      return new DeadlineExceededException(SYSTEM, "Slack did not answer " + operation + " within the call"
          + " timeout (slack.timeout, cut to what is left of the deadline)", e);
    }
    if (e instanceof IOException) {
      return new SourceUnavailableException(SYSTEM, "Slack could not be reached on " + operation + " ("
          + e.getClass().getSimpleName() + ")", e);
    }
    return HandoffException.of(SYSTEM, "Slack call " + operation + " failed (" + e.getClass().getName() + ")", e);
  }

  /** A Slack ts ({@code 1770740000.000100}: seconds and microseconds) as an instant, or null. */
  static Instant instant(String ts) {
    if (ts == null || ts.isBlank()) {
      return null;
    }
    try {
      BigDecimal d = new BigDecimal(ts.strip());
      long seconds = d.longValue();
      long nanos = d.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).longValue();
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  /** An instant as a Slack ts, microsecond precision. */
  static String ts(Instant t) {
    return t.getEpochSecond() + "." + String.format(Locale.ROOT, "%06d", t.getNano() / 1000);
  }

  private static String nextCursor(ResponseMetadata meta) {
    String c = meta == null ? null : meta.getNextCursor();
    return c == null || c.isBlank() ? null : c;
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }
}
