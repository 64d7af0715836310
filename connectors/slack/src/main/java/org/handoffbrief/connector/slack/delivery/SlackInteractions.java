package org.handoffbrief.connector.slack.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.model.User;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.handoffbrief.HandoffException;
import org.handoffbrief.model.Claim;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.review.ReviewFeedback;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.ReviewStatus;
import org.handoffbrief.store.StoredBrief;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint a host exposes as the Slack app's Interactivity Request URL: verifies each request,
 * answers Slack at once and does the work after, on the host's {@link Executor}.
 *
 * <p>A host hands over the request's headers and raw body ({@link #handle(Map, byte[])}: a servlet,
 * a Camel or Mule HTTP route) and returns the {@link Acknowledgement}'s status and body to Slack; no
 * HTTP server is needed here.
 *
 * <h2>Verification</h2>
 * Slack's signature ({@code X-Slack-Signature}, v0 HMAC-SHA256 over the timestamp and the raw body)
 * must match and the timestamp be within five minutes of this clock, either way; otherwise, or
 * without either header, the request is refused (401, with why). A replay of a request already handled (the same signature) is acknowledged and
 * changes nothing ({@link BriefStore#markOnce}). Each refusal is logged at WARN with why, never
 * with the secret, the signature or the body.
 *
 * <h2>What is handled</h2>
 * <ul>
 *   <li><b>Confirm</b> ({@code block_actions}, {@link SlackReviewPrompt#CONFIRM_ACTION}): the
 *       reviewer's confirmation ({@link BriefReview#answer}, named from {@code users.info} or the
 *       payload's user name); once the brief is approved, the host's {@code onApproved} listener runs
 *       (its Salesforce write-back) and the brief is delivered ({@link SlackDelivery#deliver});
 *   <li><b>Flag a problem</b> ({@link SlackReviewPrompt#FLAG_ACTION}): opens a modal
 *       ({@code views.open}, first thing in the worker: the trigger lasts three seconds) asking which
 *       claim, what is wrong, and anything not in the systems of record;
 *   <li>the modal's {@code view_submission}: checked at once (a claim needs what is wrong; something
 *       must be said), answered with Slack's {@code response_action: errors} when not; else a flagged
 *       claim ({@code changes_requested}) and a note, each recorded once;
 *   <li>with {@link Builder#spotCheck}, the weekly spot-check's verdict buttons, its "what would you
 *       have missed?" button and modal ({@link SlackSpotCheck}).
 * </ul>
 */
public final class SlackInteractions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SlackInteractions.class);

  /** The flag modal's {@code callback_id}. */
  public static final String FLAG_CALLBACK = "handoff_review_flag";
  /** Slack's limit of options in a static select. */
  static final int MAX_OPTIONS = 100;

  /**
   * What the host returns to Slack at once.
   *
   * @param status the HTTP status: 200, 400 for an unreadable body, 401 for a refused request
   * @param contentType the body's media type
   * @param body the body; empty for a plain acknowledgement
   */
  public record Acknowledgement(int status, String contentType, String body) {
    static Acknowledgement ok() {
      return new Acknowledgement(200, "text/plain; charset=utf-8", "");
    }

    static Acknowledgement json(String body) {
      return new Acknowledgement(200, "application/json; charset=utf-8", body);
    }

    static Acknowledgement refused(int status, String why) {
      return new Acknowledgement(status, "text/plain; charset=utf-8", why);
    }
  }

  private final BriefStore store;
  private final BriefReview review;
  private final SlackDelivery delivery;
  private final Executor executor;
  private final Consumer<StoredBrief> onApproved;
  private final Clock clock;
  private final SlackSignature signature;
  private final SlackWeb web;
  private final SlackSpotCheck spotCheck;

  private SlackInteractions(Builder b) {
    this.store = b.store;
    this.review = b.review;
    this.delivery = b.delivery;
    this.executor = b.executor;
    this.onApproved = b.onApproved;
    this.clock = b.clock;
    this.signature = new SlackSignature(b.config.signingSecret(), b.clock);
    this.web = new SlackWeb(b.config);
    this.spotCheck = b.spotCheck;
  }

  /**
   * A builder; {@code config} must carry the signing secret.
   *
   * @param executor runs the work after the acknowledgement (the host's pool)
   */
  public static Builder builder(SlackDeliveryConfig config, BriefStore store, BriefReview review, Executor executor) {
    return new Builder(config, store, review, executor);
  }

  /**
   * Handles one interaction request as a host received it: header names in any case, each with
   * its values, and the raw body (verified byte for byte, so pass it unparsed).
   *
   * @return what to answer Slack now; the work, if any, is on the executor
   */
  public Acknowledgement handle(Map<String, List<String>> headers, byte[] body) {
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(body, "body == null");
    Optional<String> refusal = signature.refusal(headers, body);
    if (refusal.isPresent()) {
      return refuse(refusal.get());
    }
    if (!store.markOnce("slack.interaction", SlackSignature.header(headers, SlackSignature.SIGNATURE).strip(),
        clock.instant())) {
      LOG.warn("Slack interaction ignored: a replay of a request already handled");
      return Acknowledgement.ok();
    }
    JsonNode payload;
    try {
      payload = payload(body);
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Slack interaction not read: its body is not a form with a JSON payload ({})",
          e.getClass().getSimpleName());
      return Acknowledgement.refused(400, "no payload");
    }
    return switch (payload.path("type").asText()) {
      case "block_actions" -> action(payload);
      case "view_submission" -> submission(payload);
      default -> Acknowledgement.ok();
    };
  }

  @Override
  public void close() {
    web.close();
  }

  // ---- what each interaction does

  private Acknowledgement action(JsonNode payload) {
    JsonNode a = payload.path("actions").path(0);
    String actionId = a.path("action_id").asText();
    String briefId = a.path("value").asText();
    JsonNode user = payload.path("user");
    if (briefId.isBlank()) {
      return Acknowledgement.ok();
    }
    if (actionId.startsWith(SlackSpotCheck.ACTION_PREFIX) && spotCheck != null) {
      return spotCheckAction(actionId, briefId, payload);
    }
    if (actionId.equals(SlackReviewPrompt.CONFIRM_ACTION)) {
      String id = "slack:" + user.path("id").asText() + ":" + a.path("action_ts").asText();
      later(() -> {
        String name = reviewerName(user);
        ReviewStatus s = review.answer(briefId, new ReviewFeedback(id, ReviewFeedback.Kind.CONFIRMED, name,
            clock.instant(), null, null));
        if (s.state() == ReviewState.APPROVED) {
          confirmedInDm(payload.path("container"), name);
          approved(briefId);
        }
      });
    } else if (actionId.equals(SlackReviewPrompt.FLAG_ACTION)) {
      String trigger = payload.path("trigger_id").asText();
      later(() -> openFlagModal(trigger, briefId));
    }
    return Acknowledgement.ok();
  }

  /**
   * Replaces the DM's buttons with who confirmed and when, so the reviewer sees their answer was
   * taken and cannot click again. A failure here is logged; the approval stands.
   */
  private void confirmedInDm(JsonNode container, String reviewer) {
    String channel = container.path("channel_id").asText("");
    String ts = container.path("message_ts").asText("");
    if (channel.isBlank() || ts.isBlank()) {
      return;
    }
    String text = "Confirmed by " + reviewer + ", " + clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate()
        + ". Thank you: the brief goes to customer success.";
    ObjectNode section = BlockKitBrief.json().createObjectNode().put("type", "section");
    section.putObject("text").put("type", "mrkdwn").put("text", ":white_check_mark: " + BlockKitBrief.escape(text));
    String blocks = BlockKitBrief.json().createArrayNode().add(section).toString();
    try {
      web.call("chat.update", m -> m.chatUpdate(r -> r.channel(channel).ts(ts).text(text).blocksAsString(blocks)));
    } catch (RuntimeException e) {
      LOG.warn("Slack: could not mark the review DM as confirmed ({})", e.getMessage());
    }
  }

  /** A spot-check click (the value is the question id): a verdict recorded, or the "missed" modal opened. */
  private Acknowledgement spotCheckAction(String actionId, String questionId, JsonNode payload) {
    JsonNode container = payload.path("container");
    if (actionId.equals(SlackSpotCheck.MISSED_ACTION)) {
      String trigger = payload.path("trigger_id").asText();
      later(() -> spotCheck.openMissedModal(trigger, questionId, container));
    } else {
      later(() -> spotCheck.verdict(actionId, questionId, reviewerName(payload.path("user")), container));
    }
    return Acknowledgement.ok();
  }

  /** The "what would you have missed?" modal: a blank answer is refused in the modal, else recorded. */
  private Acknowledgement missedSubmission(JsonNode payload, JsonNode view) {
    JsonNode meta = SlackSpotCheck.metadata(view);
    String text = text(view.path("state").path("values").path("missed").path("missed").path("value"));
    if (meta == null || text == null) {
      ObjectNode body = BlockKitBrief.json().createObjectNode().put("response_action", "errors");
      body.putObject("errors").put("missed", meta == null ? "This form lost its question; open it again."
          : "Say what you would have missed, or \"nothing\".");
      return Acknowledgement.json(body.toString());
    }
    later(() -> spotCheck.missed(meta, reviewerName(payload.path("user")), text));
    return Acknowledgement.ok();
  }

  private Acknowledgement submission(JsonNode payload) {
    JsonNode view = payload.path("view");
    if (SlackSpotCheck.MISSED_CALLBACK.equals(view.path("callback_id").asText()) && spotCheck != null) {
      return missedSubmission(payload, view);
    }
    if (!FLAG_CALLBACK.equals(view.path("callback_id").asText())) {
      return Acknowledgement.ok();
    }
    String briefId = view.path("private_metadata").asText();
    JsonNode values = view.path("state").path("values");
    String claimId = text(values.path("claim").path("claim").path("selected_option").path("value"));
    String wrong = text(values.path("wrong").path("wrong").path("value"));
    String note = text(values.path("note").path("note").path("value"));
    ObjectNode errors = BlockKitBrief.json().createObjectNode();
    if (claimId != null && wrong == null) {
      errors.put("wrong", "Say what is wrong with the claim.");
    } else if (claimId == null && wrong != null) {
      errors.put("claim", "Choose the claim that is wrong.");
    } else if (claimId == null && note == null) {
      errors.put("note", "Choose a claim and say what is wrong, or add a note.");
    }
    if (!errors.isEmpty() || briefId.isBlank()) {
      ObjectNode body = BlockKitBrief.json().createObjectNode().put("response_action", "errors");
      body.set("errors", errors.isEmpty() ? errors.put("note", "This form lost its brief; open it again.") : errors);
      return Acknowledgement.json(body.toString());
    }
    JsonNode user = payload.path("user");
    String viewId = view.path("id").asText();
    later(() -> {
      String name = reviewerName(user);
      Instant at = clock.instant();
      if (claimId != null) {
        review.answer(briefId, new ReviewFeedback("slack:" + viewId + ":flag", ReviewFeedback.Kind.FLAGGED_CLAIM,
            name, at, claimId, wrong));
      }
      if (note != null) {
        review.answer(briefId, new ReviewFeedback("slack:" + viewId + ":note", ReviewFeedback.Kind.NOTE, name, at,
            null, note));
      }
    });
    return Acknowledgement.ok();
  }

  /** Approved: the host's write-back, then the post; either failing is logged, and the other still runs. */
  private void approved(String briefId) {
    Optional<StoredBrief> stored = store.find(briefId);
    if (stored.isEmpty()) {
      LOG.warn("Slack: brief {} was approved but is not in the store", briefId);
      return;
    }
    try {
      onApproved.accept(stored.get());
    } catch (RuntimeException e) {
      LOG.warn("Slack: the host's onApproved listener failed for brief {}: {}", briefId, e.getMessage());
    }
    if (delivery != null) {
      try {
        delivery.deliver(stored.get());
      } catch (HandoffException | IllegalStateException e) {
        LOG.warn("Slack: brief {} was approved and not delivered: {}", briefId, e.getMessage());
      }
    }
  }

  private void openFlagModal(String trigger, String briefId) {
    // Built from the store before views.open: the trigger is valid for three seconds from the click.
    StoredBrief stored = store.find(briefId).orElse(null);
    if (stored == null || trigger.isBlank()) {
      LOG.warn("Slack: no modal for brief {}: {}", briefId, stored == null ? "not in the store" : "no trigger_id");
      return;
    }
    String view = flagModal(stored.brief().claims(), briefId);
    web.call("views.open", m -> m.viewsOpen(r -> r.triggerId(trigger).viewAsString(view)));
  }

  /** The flag modal: which claim (a select of at most 100), what is wrong, anything not in the systems of record. */
  static String flagModal(List<Claim> claims, String briefId) {
    ObjectNode view = BlockKitBrief.json().createObjectNode().put("type", "modal").put("callback_id", FLAG_CALLBACK)
        .put("private_metadata", briefId);
    view.putObject("title").put("type", "plain_text").put("text", "Flag a problem");
    view.putObject("submit").put("type", "plain_text").put("text", "Send");
    view.putObject("close").put("type", "plain_text").put("text", "Cancel");
    ArrayNode blocks = view.putArray("blocks");
    ObjectNode select = input(blocks, "claim", "Which claim is wrong?").putObject("element")
        .put("type", "static_select").put("action_id", "claim");
    select.putObject("placeholder").put("type", "plain_text").put("text", "Choose a claim");
    ArrayNode options = select.putArray("options");
    for (Claim c : claims) {
      if (options.size() == MAX_OPTIONS) {
        break;
      }
      if (c.id().length() <= 150) { // Slack's limit of an option value
        ObjectNode o = options.addObject().put("value", c.id());
        o.putObject("text").put("type", "plain_text").put("text", BlockKitBrief.optionLabel(c, 75));
      }
    }
    if (options.isEmpty()) {
      blocks.remove(0); // Slack refuses a select without options
    }
    input(blocks, "wrong", "What is wrong?").putObject("element").put("type", "plain_text_input")
        .put("action_id", "wrong").put("multiline", true).put("max_length", 2000);
    input(blocks, "note", "Anything not in the systems of record?").putObject("element")
        .put("type", "plain_text_input").put("action_id", "note").put("multiline", true).put("max_length", 2000);
    return view.toString();
  }

  private static ObjectNode input(ArrayNode blocks, String id, String label) {
    ObjectNode b = blocks.addObject().put("type", "input").put("block_id", id).put("optional", true);
    b.putObject("label").put("type", "plain_text").put("text", label);
    return b;
  }

  /** The reviewer's name a reader knows: users.info's real name, else the payload's user name. */
  private String reviewerName(JsonNode user) {
    String id = user.path("id").asText();
    String fallback = Optional.ofNullable(text(user.path("name"))).or(() -> Optional.ofNullable(
        text(user.path("username")))).orElse(id.isBlank() ? "a Slack user" : id);
    if (id.isBlank()) {
      return fallback;
    }
    try {
      User u = web.call("users.info", m -> m.usersInfo(r -> r.user(id))).getUser();
      String real = u == null ? null : u.getRealName() != null ? u.getRealName()
          : u.getProfile() == null ? null : u.getProfile().getRealName();
      return real == null || real.isBlank() ? fallback : real;
    } catch (HandoffException e) {
      LOG.debug("Slack: users.info failed for {}; using the payload's name", id, e);
      return fallback;
    }
  }

  private void later(Runnable work) {
    try {
      executor.execute(() -> {
        try {
          work.run();
        } catch (RuntimeException e) {
          LOG.warn("Slack interaction work failed: {}", e.getMessage());
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.warn("Slack interaction dropped: the host's executor refused it");
    }
  }

  // ---- the request

  private Acknowledgement refuse(String why) {
    LOG.warn("Slack interaction refused: {}", why);
    return Acknowledgement.refused(401, "Refused: " + why);
  }

  /** The JSON {@code payload} field of a form-encoded interaction body. */
  static JsonNode payload(byte[] body) throws IOException {
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("payload")) {
        return BlockKitBrief.json().readTree(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    throw new IllegalArgumentException("no payload field");
  }

  private static String text(JsonNode n) {
    return n.isTextual() && !n.asText().isBlank() ? n.asText().strip() : null;
  }

  /** Options of {@link SlackInteractions}. */
  public static final class Builder {
    private final SlackDeliveryConfig config;
    private final BriefStore store;
    private final BriefReview review;
    private final Executor executor;
    private SlackDelivery delivery;
    private Consumer<StoredBrief> onApproved = b -> { };
    private Clock clock = Clock.systemUTC();
    private SlackSpotCheck spotCheck;

    private Builder(SlackDeliveryConfig config, BriefStore store, BriefReview review, Executor executor) {
      this.config = Objects.requireNonNull(config, "config == null");
      this.store = Objects.requireNonNull(store, "store == null");
      this.review = Objects.requireNonNull(review, "review == null");
      this.executor = Objects.requireNonNull(executor, "executor == null");
    }

    /** Delivers a brief once it is approved; none by default (the host delivers). */
    public Builder delivery(SlackDelivery delivery) {
      this.delivery = delivery;
      return this;
    }

    /**
     * Runs when a confirmation approves a brief, before it is delivered: the host's Salesforce
     * write-back, when the policy holds writes for approval.
     */
    public Builder onApproved(Consumer<StoredBrief> listener) {
      this.onApproved = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * Also handles the weekly spot-check's clicks and modal ({@code action_id}s starting {@value
     * SlackSpotCheck#ACTION_PREFIX}), so the app keeps one Interactivity Request URL; none by default.
     */
    public Builder spotCheck(SlackSpotCheck spotCheck) {
      this.spotCheck = spotCheck;
      return this;
    }

    /** The clock timestamps are checked against and answers dated by. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * The handler.
     *
     * @throws IllegalStateException when the config has no signing secret
     */
    public SlackInteractions build() {
      if (config.signingSecret() == null) {
        throw new IllegalStateException("slackdelivery.signingSecret is required to handle interactions: the app's"
            + " signing secret (Basic Information > App Credentials)");
      }
      return new SlackInteractions(this);
    }
  }
}
