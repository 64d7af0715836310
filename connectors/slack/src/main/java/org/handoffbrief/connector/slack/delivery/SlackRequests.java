package org.handoffbrief.connector.slack.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.handoffbrief.SourceUnavailableException;
import org.handoffbrief.connector.slack.delivery.SlackInteractions.Acknowledgement;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.trigger.DealFinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A manual request for a brief in Slack: a slash command ({@code /handoff brief Example Co}) or a
 * mention of the app ({@code @handoff brief Example Co}). The account is found by name
 * ({@link DealFinder}); one won deal is briefed and the brief answered in a thread, several are
 * asked back about with a button each, none is said plainly.
 *
 * <p>A host mounts one method per URL of the Slack app and returns the {@link Acknowledgement}
 * to Slack: {@link #command} (the slash command's Request URL), {@link #events} (Event
 * Subscriptions, {@code app_mention}) and {@link #interactivity} (the app's one Interactivity
 * Request URL: the "which one?" buttons here, everything else handed to the review's
 * {@link SlackInteractions} when one is set).
 *
 * <p>Every request is verified first (Slack's signature and five-minute window, as
 * {@link SlackInteractions}); a refused or unreadable one answers 401 or 400 with why and changes
 * nothing. Then Slack is answered at once (it waits three seconds) and the slow work (find, brief,
 * post) runs on the host's {@link Executor}. Each request is taken once through the store's unique
 * keys ({@link BriefStore#markOnce}): a slash command by its {@code trigger_id}, an event by its
 * {@code event_id} (Slack retries an event it thinks was not answered, {@code X-Slack-Retry-Num}),
 * a choice by the message it answers; so the same request sent twice, or to two workers on one
 * store, makes one brief and one post.
 *
 * <p>The brief is made by the host's function (usually {@code handoff::brief}), so the store's
 * versions and dedupe apply as for every other trigger. A Slack error while answering
 * ({@code not_in_channel}, a 429 with its {@code Retry-After}, {@code invalid_auth}) is typed and
 * reported to {@link Builder#onFailure}; for a slash command whose channel the bot is not in, the
 * answer goes to the command's {@code response_url} instead. Needs the scopes {@code commands},
 * {@code app_mentions:read} and {@code chat:write}. Thread-safe.
 */
public final class SlackRequests implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SlackRequests.class);

  /** The {@code action_id} prefix of the "which one?" buttons (one per match: ids in a block are unique). */
  public static final String PICK_ACTION = "handoff_request_pick";
  /** Where Slack's {@code response_url}s point, by default; another is refused. */
  public static final String DEFAULT_RESPONSE_URL_PREFIX = "https://hooks.slack.com/";
  /** The most deals asked back about; Slack allows 25 buttons in a block, a person reads a few. */
  static final int MAX_CHOICES = 10;
  /** Slack's limit of a button's text. */
  private static final int MAX_BUTTON_TEXT = 75;
  private static final Pattern MENTION = Pattern.compile("<@[A-Z0-9]+(?:\\|[^>]*)?>");
  private static final Pattern BRIEF = Pattern.compile("(?i)brief(?:\\s+|$)");

  /**
   * A request whose answer failed: what was asked, and the typed error (never holding a token).
   *
   * @param request e.g. {@code app_mention in C0123ABCD: brief "Example Co"}
   * @param error the failure, e.g. a {@link SlackDeliveryException} with Slack's error code
   */
  public record Failure(String request, RuntimeException error) {}

  /** Where answers go: a channel, the thread once there is one, and a slash command's response_url. */
  private record Where(String channel, String threadTs, String responseUrl, boolean responseUrlOnly, String what) {
    Where inThread(String ts) {
      return new Where(channel, ts, responseUrl, false, what);
    }

    Where toResponseUrl() {
      return new Where(channel, threadTs, responseUrl, true, what);
    }
  }

  private final BriefStore store;
  private final DealFinder finder;
  private final Function<DealRef, HandoffBrief> briefs;
  private final Executor executor;
  private final SlackInteractions interactions;
  private final Consumer<Failure> onFailure;
  private final Clock clock;
  private final String responseUrlPrefix;
  private final SlackSignature signature;
  private final BlockKitBrief blocks;
  private final SlackWeb web;
  private final HttpClient http;

  private SlackRequests(Builder b) {
    this.store = b.store;
    this.finder = b.finder;
    this.briefs = b.briefs;
    this.executor = b.executor;
    this.interactions = b.interactions;
    this.onFailure = b.onFailure;
    this.clock = b.clock;
    this.responseUrlPrefix = b.responseUrlPrefix;
    this.signature = new SlackSignature(b.config.signingSecret(), b.clock);
    this.blocks = BlockKitBrief.create(b.config.zone());
    this.web = new SlackWeb(b.config);
    this.http = HttpClient.newBuilder().connectTimeout(b.config.timeout()).build();
  }

  /**
   * A builder; {@code config} must carry the signing secret, and its bot token posts the answers.
   *
   * @param finder finds won deals by account name (e.g. {@code SalesforceDealFinder})
   * @param briefs makes the brief of a deal, e.g. {@code handoff::brief}
   * @param executor runs the work after the acknowledgement (the host's pool)
   */
  public static Builder builder(SlackDeliveryConfig config, BriefStore store, DealFinder finder,
      Function<DealRef, HandoffBrief> briefs, Executor executor) {
    return new Builder(config, store, finder, briefs, executor);
  }

  /**
   * The slash command's Request URL: a form with {@code command}, {@code text}, {@code channel_id},
   * {@code user_id}, {@code trigger_id} and {@code response_url}. {@code help} (or nothing) is
   * answered at once, to the requester only.
   */
  public Acknowledgement command(Map<String, List<String>> headers, byte[] body) {
    Optional<Acknowledgement> refused = verify(headers, body);
    if (refused.isPresent()) {
      return refused.get();
    }
    Map<String, String> form = form(body);
    String channel = form.get("channel_id");
    String trigger = form.get("trigger_id");
    if (channel == null || trigger == null) {
      return malformed("the body is not a slash command (no channel_id or trigger_id)");
    }
    String command = form.getOrDefault("command", "/handoff");
    String words = accountWords(form.getOrDefault("text", ""));
    if (words == null) {
      return ephemeral(help(command));
    }
    if (!store.markOnce("slack.request", "command:" + trigger, clock.instant())) {
      LOG.info("Slack: a slash command already taken was sent again; ignored");
      return Acknowledgement.ok();
    }
    Where where = new Where(channel, null, form.get("response_url"), false,
        command + " in " + channel + ": brief \"" + words + "\"");
    later(where, () -> answer(where, words));
    return ephemeral("Looking for won deals of \"" + words + "\"...");
  }

  /**
   * The Event Subscriptions Request URL: answers Slack's {@code url_verification} challenge and
   * takes each {@code app_mention} once; other events, and messages from bots, are acknowledged and
   * ignored.
   */
  public Acknowledgement events(Map<String, List<String>> headers, byte[] body) {
    Optional<Acknowledgement> refused = verify(headers, body);
    if (refused.isPresent()) {
      return refused.get();
    }
    JsonNode json;
    try {
      json = BlockKitBrief.json().readTree(body);
    } catch (IOException e) {
      return malformed("the body is not JSON");
    }
    if (json == null || !json.isObject()) {
      return malformed("the body is not a JSON object");
    }
    String type = json.path("type").asText();
    if (type.equals("url_verification")) {
      return new Acknowledgement(200, "text/plain; charset=utf-8", json.path("challenge").asText());
    }
    JsonNode event = json.path("event");
    if (!type.equals("event_callback") || !event.path("type").asText().equals("app_mention")) {
      return Acknowledgement.ok();
    }
    String eventId = json.path("event_id").asText("");
    String channel = event.path("channel").asText("");
    String ts = event.path("ts").asText("");
    if (eventId.isBlank() || channel.isBlank() || ts.isBlank()) {
      return malformed("the app_mention has no event_id, channel or ts");
    }
    if (event.hasNonNull("bot_id") || event.hasNonNull("subtype")) {
      return Acknowledgement.ok(); // a bot's message (ours among them) never starts a brief
    }
    if (!store.markOnce("slack.request", "event:" + eventId, clock.instant())) {
      LOG.info("Slack: event {} was already taken (retry {}); ignored", eventId,
          Optional.ofNullable(SlackSignature.header(headers, "X-Slack-Retry-Num")).orElse("none"));
      return Acknowledgement.ok();
    }
    String words = accountWords(event.path("text").asText(""));
    String thread = event.path("thread_ts").asText(ts);
    Where where = new Where(channel, thread, null, false, "app_mention in " + channel
        + (words == null ? ": help" : ": brief \"" + words + "\""));
    later(where, () -> {
      if (words == null) {
        post(where, help("@handoff"), null);
      } else {
        answer(where, words);
      }
    });
    return Acknowledgement.ok();
  }

  /**
   * The app's Interactivity Request URL: a click on one of the "which one?" buttons briefs the
   * chosen deal (once per question); every other interaction goes to the {@link SlackInteractions}
   * set with {@link Builder#interactions} (the review's buttons and modal).
   */
  public Acknowledgement interactivity(Map<String, List<String>> headers, byte[] body) {
    Optional<Acknowledgement> refused = verify(headers, body);
    if (refused.isPresent()) {
      return refused.get();
    }
    JsonNode payload;
    try {
      payload = SlackInteractions.payload(body);
    } catch (IOException | IllegalArgumentException e) {
      return malformed("the body is not a form with a JSON payload");
    }
    JsonNode action = payload.path("actions").path(0);
    if (!payload.path("type").asText().equals("block_actions")
        || !action.path("action_id").asText().startsWith(PICK_ACTION)) {
      return interactions == null ? Acknowledgement.ok() : interactions.handle(headers, body);
    }
    String channel = payload.path("container").path("channel_id").asText("");
    String question = payload.path("container").path("message_ts").asText("");
    String opportunityId = action.path("value").asText("");
    if (channel.isBlank() || question.isBlank() || opportunityId.isBlank()) {
      return malformed("the choice has no channel, message or deal");
    }
    // One answer per question: a second click, or another button of the same message, changes nothing.
    if (!store.markOnce("slack.request", "pick:" + channel + ":" + question, clock.instant())) {
      LOG.info("Slack: a choice already taken for message {} in {}; ignored", question, channel);
      return Acknowledgement.ok();
    }
    String label = action.path("text").path("text").asText(opportunityId);
    String thread = payload.path("message").path("thread_ts").asText(question);
    DealRef ref = new DealRef(opportunityId, DealRef.Trigger.MANUAL, clock.instant(), false);
    Where where = new Where(channel, thread, null, false, "choice in " + channel + ": " + opportunityId);
    later(where, () -> brief(where, ref, label));
    return Acknowledgement.ok();
  }

  @Override
  public void close() {
    web.close();
  }

  // ---- the work, after the acknowledgement

  private void answer(Where where, String words) {
    List<DealFinder.Match> found;
    try {
      found = finder.findWon(words);
    } catch (RuntimeException e) {
      failed(where, e);
      post(where, "I could not search the CRM for \"" + words + "\" just now; please try again later.", null);
      return;
    }
    if (found.isEmpty()) {
      post(where, "No won deal found for an account named \"" + words + "\".", null);
    } else if (found.size() == 1) {
      DealFinder.Match m = found.get(0);
      brief(where, m.ref(), m.accountName());
    } else {
      askBack(where, words, found);
    }
  }

  private void brief(Where where, DealRef ref, String label) {
    Where thread = post(where, "Briefing " + label + "...", null);
    HandoffBrief brief;
    try {
      brief = briefs.apply(ref);
    } catch (RuntimeException e) {
      failed(where, e);
      post(thread, "The brief of " + label + " could not be made: " + e.getClass().getSimpleName()
          + ". The team running handoff-brief has the details.", null);
      return;
    }
    BlockKitBrief.Message message = blocks.render(brief, null, null);
    post(thread, message.text(), message.blocksJson());
  }

  private void askBack(Where where, String words, List<DealFinder.Match> found) {
    List<DealFinder.Match> shown = found.subList(0, Math.min(found.size(), MAX_CHOICES));
    String text = "Several won deals match \"" + words + "\". Which one?";
    ArrayNode b = BlockKitBrief.json().createArrayNode();
    b.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
        .put("text", BlockKitBrief.escape(text));
    ArrayNode buttons = b.addObject().put("type", "actions").put("block_id", PICK_ACTION).putArray("elements");
    for (int i = 0; i < shown.size(); i++) {
      DealFinder.Match m = shown.get(i);
      ObjectNode button = buttons.addObject().put("type", "button").put("action_id", PICK_ACTION + "_" + i)
          .put("value", m.ref().opportunityId());
      button.putObject("text").put("type", "plain_text").put("text", choice(m));
    }
    post(where, text, b.toString());
  }

  /** A button's text: account, opportunity and close date, cut to Slack's 75 characters. */
  static String choice(DealFinder.Match m) {
    String s = m.accountName() + ": " + m.opportunityName() + (m.closeDate() == null ? "" : ", won " + m.closeDate());
    return s.length() <= MAX_BUTTON_TEXT ? s : s.substring(0, MAX_BUTTON_TEXT - 3) + "...";
  }

  /**
   * Posts in the request's thread (the first post of a slash command starts it) and returns where
   * the next post goes; when the bot is not in a slash command's channel, posts to its
   * {@code response_url} from then on. A failure is reported, not thrown, so the next step still tries.
   */
  private Where post(Where where, String text, String blocksJson) {
    if (where.responseUrlOnly()) {
      return respond(where, text, blocksJson);
    }
    try {
      String ts = web.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(where.channel())
          .threadTs(where.threadTs()).text(text).blocksAsString(blocksJson).unfurlLinks(false).unfurlMedia(false)))
          .getTs();
      return where.threadTs() == null && ts != null ? where.inThread(ts) : where;
    } catch (SlackDeliveryException e) {
      if ("not_in_channel".equals(e.error()) && where.responseUrl() != null) {
        LOG.info("Slack: the bot is not in {}; answering the slash command through its response_url",
            where.channel());
        return respond(where.toResponseUrl(), text, blocksJson);
      }
      failed(where, e);
    } catch (RuntimeException e) {
      failed(where, e);
    }
    return where;
  }

  /** Answers through a slash command's response_url, visible in the channel (Slack allows 5 in 30 minutes). */
  private Where respond(Where where, String text, String blocksJson) {
    String url = where.responseUrl();
    if (!url.startsWith(responseUrlPrefix)) {
      failed(where, new SlackDeliveryException("bad_response_url", false, "Slack: the slash command's response_url"
          + " is not under " + responseUrlPrefix + "; not answered there", null));
      return where;
    }
    ObjectNode body = BlockKitBrief.json().createObjectNode().put("response_type", "in_channel").put("text", text);
    try {
      if (blocksJson != null) {
        body.set("blocks", BlockKitBrief.json().readTree(blocksJson));
      }
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url))
          .header("Content-Type", "application/json; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() / 100 != 2) {
        failed(where, new SlackDeliveryException("http_" + r.statusCode(), false, "Slack answered HTTP "
            + r.statusCode() + " to the slash command's response_url (it expires after 30 minutes and 5 answers)",
            null));
      }
    } catch (IOException e) {
      failed(where, new SourceUnavailableException("slack", "Slack's response_url could not be reached ("
          + e.getClass().getSimpleName() + ")", e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return where;
  }

  private void failed(Where where, RuntimeException e) {
    try {
      onFailure.accept(new Failure(where.what(), e));
    } catch (RuntimeException listenerFailed) {
      LOG.warn("Slack: the host's onFailure listener failed: {}", listenerFailed.getMessage());
    }
  }

  private void later(Where where, Runnable work) {
    try {
      executor.execute(() -> {
        try {
          work.run();
        } catch (RuntimeException e) {
          failed(where, e);
        }
      });
    } catch (RejectedExecutionException e) {
      failed(where, e);
    }
  }

  // ---- the request

  private Optional<Acknowledgement> verify(Map<String, List<String>> headers, byte[] body) {
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(body, "body == null");
    return signature.refusal(headers, body).map(why -> {
      LOG.warn("Slack request refused: {}", why);
      return Acknowledgement.refused(401, "Refused: " + why);
    });
  }

  private static Acknowledgement malformed(String why) {
    LOG.warn("Slack request not read: {}", why);
    return Acknowledgement.refused(400, "Not read: " + why);
  }

  private static Acknowledgement ephemeral(String text) {
    return Acknowledgement.json(BlockKitBrief.json().createObjectNode().put("response_type", "ephemeral")
        .put("text", text).toString());
  }

  private static String help(String command) {
    return "Ask for a handoff brief by account name: `" + command + " brief Example Co` (or just the name)."
        + " I answer in a thread with the brief of its most recent won deal, or ask which one when several match.";
  }

  /**
   * The account name in a request's text, or null when it asks for help: mentions dropped, a
   * leading "brief" dropped, Slack's entities ({@code &amp; &lt; &gt;}) read back.
   */
  static String accountWords(String text) {
    String t = MENTION.matcher(text).replaceAll(" ").strip();
    var brief = BRIEF.matcher(t);
    t = brief.lookingAt() ? t.substring(brief.end()) : t;
    t = t.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip().replaceAll("\\s+", " ");
    return t.isEmpty() || t.toLowerCase(Locale.ROOT).equals("help") ? null : t;
  }

  private static Map<String, String> form(byte[] body) {
    var out = new HashMap<String, String>();
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        try {
          out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          // a malformed %-escape: the field is left out, and a missing required one refuses the request
        }
      }
    }
    out.values().removeIf(String::isBlank);
    return out;
  }

  /** Options of {@link SlackRequests}. */
  public static final class Builder {
    private final SlackDeliveryConfig config;
    private final BriefStore store;
    private final DealFinder finder;
    private final Function<DealRef, HandoffBrief> briefs;
    private final Executor executor;
    private SlackInteractions interactions;
    private Consumer<Failure> onFailure = f -> LOG.warn("Slack request failed ({}): {}: {}", f.request(),
        f.error().getClass().getSimpleName(), f.error().getMessage());
    private Clock clock = Clock.systemUTC();
    private String responseUrlPrefix = DEFAULT_RESPONSE_URL_PREFIX;

    private Builder(SlackDeliveryConfig config, BriefStore store, DealFinder finder,
        Function<DealRef, HandoffBrief> briefs, Executor executor) {
      this.config = Objects.requireNonNull(config, "config == null");
      this.store = Objects.requireNonNull(store, "store == null");
      this.finder = Objects.requireNonNull(finder, "finder == null");
      this.briefs = Objects.requireNonNull(briefs, "briefs == null");
      this.executor = Objects.requireNonNull(executor, "executor == null");
    }

    /** The review's handler, given every interaction that is not a "which one?" choice; none by default. */
    public Builder interactions(SlackInteractions interactions) {
      this.interactions = interactions;
      return this;
    }

    /** Told of each failed answer (typed, without secrets); by default it is logged at WARN. */
    public Builder onFailure(Consumer<Failure> listener) {
      this.onFailure = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** The clock timestamps are checked against and requests dated by. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Where a slash command's response_url must point; {@link #DEFAULT_RESPONSE_URL_PREFIX} unless testing. */
    public Builder responseUrlPrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix == null");
      if (!prefix.startsWith("https://") && !prefix.startsWith("http://")) {
        throw new IllegalArgumentException("responseUrlPrefix must be an http(s) address, not '" + prefix + "'");
      }
      this.responseUrlPrefix = prefix;
      return this;
    }

    /**
     * The handler.
     *
     * @throws IllegalStateException when the config has no signing secret
     */
    public SlackRequests build() {
      if (config.signingSecret() == null) {
        throw new IllegalStateException("slackdelivery.signingSecret is required to take Slack requests: the"
            + " app's signing secret (Basic Information > App Credentials)");
      }
      return new SlackRequests(this);
    }
  }
}
