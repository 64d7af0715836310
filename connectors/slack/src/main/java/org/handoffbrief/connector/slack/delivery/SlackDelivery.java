package org.handoffbrief.connector.slack.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Message;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.handoffbrief.HandoffException;
import org.handoffbrief.model.BriefChanges;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.review.ReviewFeedback;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.store.AuditEntry;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.Delivery;
import org.handoffbrief.store.ReviewStatus;
import org.handoffbrief.store.StoredBrief;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a reviewed brief to the customer-success channel, one message per delivery key (channel,
 * opportunity and kind): the first delivery posts it, every later one updates that message
 * ({@code chat.update} on the channel and {@code ts} kept in the {@link BriefStore}) and, for a new
 * version, posts a short "what changed" reply in its thread.
 *
 * <h2>Once, even after a crash</h2>
 * Before the first post the delivery is reserved in the store (no {@code ts} yet), so of two
 * workers one posts. The post carries message metadata ({@code event_type}
 * {@value #EVENT_TYPE}, payload {@code delivery_key} and {@code brief_id}). A reservation found
 * without a {@code ts} means a worker crashed between the post and the store (or is posting now):
 * the channel's history since the reservation (less {@link SlackDeliveryConfig#recoveryMargin()})
 * is searched with {@code include_all_metadata} for our delivery key; a found message is adopted and
 * updated, and only a message truly absent is posted.
 *
 * <h2>Review</h2>
 * {@link #deliver} posts a brief its review approved (or whose earlier delivery failed, or that
 * was delivered and is posted again), moves it to {@code delivered}, or to {@code failed} with the
 * reason when Slack refused; {@link #deliverNotReviewed} is the time-out's path for a brief still
 * in review.
 *
 * <h2>Scopes</h2>
 * {@code chat:write} (the bot invited to the channel); {@code channels:history} (or
 * {@code groups:history} for a private channel) only for the crash look-up; {@code channels:read}
 * only when the channel is configured by name and a crashed post is looked up.
 *
 * <p>Failures are typed: {@link org.handoffbrief.RateLimitException} with Slack's
 * {@code Retry-After}, {@link org.handoffbrief.AuthenticationException} for a refused token,
 * {@link SlackDeliveryException} with Slack's error ({@code not_in_channel},
 * {@code channel_not_found}, ...). Nothing is retried here: a host's scheduler tries again.
 * Thread-safe.
 */
public final class SlackDelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SlackDelivery.class);

  /** The {@code event_type} of our messages' metadata. */
  public static final String EVENT_TYPE = "handoff_brief";
  /** The actor the audit trail and the review name for this delivery. */
  public static final String ACTOR = "slack-delivery";
  private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{6,}");
  private static final int MAX_PAGES = 20;
  private static final int MAX_CHANGES_IN_REPLY = 5;

  /** How a delivery reached Slack. */
  public enum Action {
    /** A new message was posted. */
    POSTED,
    /** The earlier message was updated. */
    UPDATED,
    /** A message posted before a crash was found by its metadata, adopted and updated. */
    RECOVERED
  }

  /**
   * Where a brief now is in Slack.
   *
   * @param deliveryKey the key of the message
   * @param channel the channel id
   * @param ts the message's ts
   * @param action what was done
   * @param threadReply the ts of the "what changed" reply, or null when none was posted
   */
  public record Posted(String deliveryKey, String channel, String ts, Action action, String threadReply) {}

  private final SlackDeliveryConfig config;
  private final BriefStore store;
  private final BriefReview review;
  private final Clock clock;
  private final BlockKitBrief blocks;
  private final SlackWeb web;
  private volatile String channelId;

  private SlackDelivery(SlackDeliveryConfig config, BriefStore store, BriefReview review, Clock clock) {
    this.config = config;
    this.store = store;
    this.review = review;
    this.clock = clock;
    this.blocks = BlockKitBrief.create(config.zone());
    this.web = new SlackWeb(config);
    this.channelId = CHANNEL_ID.matcher(config.channel()).matches() ? config.channel() : null;
  }

  /** A delivery over {@code store}, moving reviews with {@code review}, on the system clock. */
  public static SlackDelivery create(SlackDeliveryConfig config, BriefStore store, BriefReview review) {
    return create(config, store, review, Clock.systemUTC());
  }

  /** A delivery whose reservations are dated by {@code clock}. */
  public static SlackDelivery create(SlackDeliveryConfig config, BriefStore store, BriefReview review, Clock clock) {
    return new SlackDelivery(Objects.requireNonNull(config, "config == null"),
        Objects.requireNonNull(store, "store == null"), Objects.requireNonNull(review, "review == null"),
        Objects.requireNonNull(clock, "clock == null"));
  }

  /**
   * Delivers an approved brief (or one whose delivery failed before, or one delivered before, whose
   * message is updated): posts or updates its message and moves the review to {@code delivered};
   * when Slack refuses, moves it to {@code failed} with the reason and rethrows.
   *
   * @throws IllegalStateException when the brief waits for review or has changes requested
   */
  public Posted deliver(StoredBrief stored) {
    ReviewState state = review.state(stored.briefId());
    if (state != ReviewState.APPROVED && state != ReviewState.FAILED && state != ReviewState.DELIVERED) {
      throw new IllegalStateException("brief " + stored.briefId() + " is " + state.wireId()
          + "; only an approved brief is delivered (deliverNotReviewed for a review that timed out)");
    }
    return deliverAs(stored, state, reviewLine(stored.briefId()));
  }

  /**
   * The time-out's path: delivers a brief still in review, marked "not reviewed", and moves it to
   * {@code delivered}.
   *
   * @throws IllegalStateException when the brief is not in review
   */
  public Posted deliverNotReviewed(StoredBrief stored) {
    ReviewState state = review.state(stored.briefId());
    if (state != ReviewState.IN_REVIEW) {
      throw new IllegalStateException("brief " + stored.briefId() + " is " + state.wireId() + ", not in_review");
    }
    return deliverAs(stored, state, "Not reviewed: no answer within the review time-out");
  }

  private Posted deliverAs(StoredBrief stored, ReviewState state, String reviewLine) {
    Posted posted;
    try {
      posted = publish(stored, review.reviewed(stored), reviewLine);
    } catch (HandoffException e) {
      if (state == ReviewState.APPROVED || state == ReviewState.FAILED) {
        review.failed(stored.briefId(), ACTOR, e.getMessage());
      }
      throw e;
    }
    if (state != ReviewState.DELIVERED) {
      review.delivered(stored.briefId(), ACTOR, "posted to " + posted.channel() + " ts " + posted.ts());
    }
    return posted;
  }

  /**
   * Posts or updates the message of {@code stored}'s delivery key showing {@code shown}, without
   * moving its review: the mechanics under {@link #deliver}, for a host that tracks review itself.
   *
   * @param shown the brief as the CSM receives it (usually {@link BriefReview#reviewed})
   * @param reviewLine the review's outcome line, or null
   */
  public Posted publish(StoredBrief stored, HandoffBrief shown, String reviewLine) {
    Objects.requireNonNull(stored, "stored == null");
    Objects.requireNonNull(shown, "shown == null");
    String key = deliveryKey(stored);
    BlockKitBrief.Message message = blocks.render(shown, reviewLine, config.briefLink(stored.briefId()));
    Instant now = clock.instant();
    Optional<Delivery> existing = store.delivery(key);
    if (existing.isEmpty()) {
      if (store.reserveDelivery(new Delivery(key, config.channel(), null, stored.briefId(), now))) {
        return post(key, stored, message);
      }
      existing = store.delivery(key); // another worker reserved it first
    }
    Delivery d = existing.orElseThrow(() -> new IllegalStateException("delivery " + key + " was reserved and is"
        + " gone; the store lost it"));
    Action action = Action.UPDATED;
    if (!d.posted()) {
      String channel = channelId(d.channel());
      String ts = findPosted(channel, key, d.updatedAt().minus(config.recoveryMargin()));
      if (ts == null) {
        LOG.info("Slack: delivery {} was reserved at {} and never posted; posting it now", key, d.updatedAt());
        return post(key, stored, message);
      }
      LOG.info("Slack: delivery {} was posted (ts {}) before a crash; adopting it", key, ts);
      d = new Delivery(key, channel, ts, d.briefId(), now);
      store.saveDelivery(d);
      action = Action.RECOVERED;
    }
    Delivery at = d;
    try {
      web.call("chat.update", m -> m.chatUpdate(r -> r.channel(at.channel()).ts(at.messageId())
          .text(message.text()).blocksAsString(message.blocksJson()).metadataAsString(metadata(key, stored))));
    } catch (SlackDeliveryException e) {
      if (!"message_not_found".equals(e.error())) {
        throw e;
      }
      // Someone deleted the message: the brief belongs in the channel, so it is posted again (no
      // duplicate: the old message is gone) and the new message is the one later runs update.
      LOG.info("Slack: the message of delivery {} (ts {}) was deleted; posting it again", key, at.messageId());
      return post(key, stored, message);
    }
    String reply = null;
    if (!at.briefId().equals(stored.briefId())) {
      store.saveDelivery(new Delivery(key, at.channel(), at.messageId(), stored.briefId(), clock.instant()));
      // At most once: a rerun after a crash here misses the reply rather than posting it twice.
      if (store.markOnce("slack.thread-reply", key + "@" + stored.briefId(), clock.instant())) {
        String text = whatChanged(stored, shown);
        reply = web.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(at.channel())
            .threadTs(at.messageId()).text(text).unfurlLinks(false))).getTs();
      }
    }
    audit(stored, action, at.channel(), at.messageId());
    return new Posted(key, at.channel(), at.messageId(), action, reply);
  }

  /** The key of the one message per channel, opportunity and kind. */
  public String deliveryKey(StoredBrief stored) {
    return "slack:" + config.channel() + ":" + stored.opportunityId() + "/" + stored.kind().wireId();
  }

  /**
   * The review's outcome line: "Confirmed by Alex Rivera, 2026-03-28", "Approved by ... (no
   * review required)" or the latest move's note; null for a brief never moved.
   */
  public String reviewLine(String briefId) {
    DateTimeFormatter day = DateTimeFormatter.ISO_LOCAL_DATE.withZone(config.zone());
    List<ReviewFeedback> answers = store.feedback(briefId);
    for (int i = answers.size() - 1; i >= 0; i--) {
      ReviewFeedback f = answers.get(i);
      if (f.kind() == ReviewFeedback.Kind.CONFIRMED) {
        return "Confirmed by " + f.reviewer() + ", " + day.format(f.at());
      }
    }
    Optional<ReviewStatus> status = store.reviewStatus(briefId);
    if (status.isEmpty()) {
      return null;
    }
    ReviewStatus s = status.get();
    if (s.state() == ReviewState.APPROVED) {
      return "Approved by " + s.actor() + ", " + day.format(s.at()) + (s.note() == null ? "" : ": " + s.note());
    }
    return s.note() != null ? s.note() : s.state().wireId().replace('_', ' ');
  }

  @Override
  public void close() {
    web.close();
  }

  // ---- the calls

  private Posted post(String key, StoredBrief stored, BlockKitBrief.Message message) {
    ChatPostMessageResponse r = web.call("chat.postMessage", m -> m.chatPostMessage(q -> q.channel(config.channel())
        .text(message.text()).blocksAsString(message.blocksJson()).metadataAsString(metadata(key, stored))
        .unfurlLinks(false).unfurlMedia(false)));
    if (r.getTs() == null || r.getChannel() == null) {
      throw new org.handoffbrief.MalformedResponseException("slack", "Slack's chat.postMessage answer has no ts or"
          + " channel; the message may exist: deliver again to find it by its metadata", null);
    }
    channelId = channelId == null ? r.getChannel() : channelId;
    store.saveDelivery(new Delivery(key, r.getChannel(), r.getTs(), stored.briefId(), clock.instant()));
    audit(stored, Action.POSTED, r.getChannel(), r.getTs());
    return new Posted(key, r.getChannel(), r.getTs(), Action.POSTED, null);
  }

  /** The ts of our message with this delivery key posted since {@code oldest}, or null. */
  private String findPosted(String channel, String key, Instant oldest) {
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String c = cursor;
      ConversationsHistoryResponse r = web.call("conversations.history", m -> m.conversationsHistory(q -> q
          .channel(channel).oldest(ts(oldest)).includeAllMetadata(true).limit(200).cursor(c)));
      for (Message msg : r.getMessages() == null ? List.<Message>of() : r.getMessages()) {
        Message.Metadata md = msg.getMetadata();
        if (md != null && EVENT_TYPE.equals(md.getEventType()) && md.getEventPayload() != null
            && key.equals(String.valueOf(md.getEventPayload().get("delivery_key")))) {
          return msg.getTs();
        }
      }
      cursor = r.getResponseMetadata() == null ? null : r.getResponseMetadata().getNextCursor();
      if (cursor == null || cursor.isEmpty()) {
        return null;
      }
    }
    throw new SlackDeliveryException("too_many_pages", false, "Slack: the channel's history since the"
        + " reservation runs past " + MAX_PAGES + " pages; lower slackdelivery.recoveryMargin", null);
  }

  /** The channel's id: as configured, as recorded, or looked up by name (channels:read). */
  private String channelId(String recorded) {
    if (CHANNEL_ID.matcher(recorded).matches()) {
      return recorded;
    }
    if (channelId != null) {
      return channelId;
    }
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String c = cursor;
      ConversationsListResponse r = web.call("conversations.list", m -> m.conversationsList(q -> q
          .types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL)).excludeArchived(true)
          .limit(200).cursor(c)));
      for (Conversation ch : r.getChannels() == null ? List.<Conversation>of() : r.getChannels()) {
        if (recorded.equalsIgnoreCase(ch.getName())) {
          channelId = ch.getId();
          return channelId;
        }
      }
      cursor = r.getResponseMetadata() == null ? null : r.getResponseMetadata().getNextCursor();
      if (cursor == null || cursor.isEmpty()) {
        break;
      }
    }
    throw new SlackDeliveryException("channel_not_found", false, "Slack: no channel named #" + recorded
        + " is visible to the bot; configure slackdelivery.channel by id", null);
  }

  private static String metadata(String key, StoredBrief stored) {
    ObjectNode md = BlockKitBrief.json().createObjectNode().put("event_type", EVENT_TYPE);
    md.putObject("event_payload").put("delivery_key", key).put("brief_id", stored.briefId());
    return md.toString();
  }

  /** The thread reply of a new version: what changed, in a few cited lines. */
  private String whatChanged(StoredBrief stored, HandoffBrief shown) {
    StringBuilder out = new StringBuilder("Updated to version ").append(stored.version()).append(". ");
    BriefChanges changes = shown.changes();
    if (changes == null || changes.isEmpty()) {
      return out.append("Nothing listed as changed since the previous version.").toString();
    }
    out.append("What changed since ").append(changes.since().kind().wireId()).append(" v")
        .append(changes.since().version()).append(':');
    BlockKitBrief.Cites cites = new BlockKitBrief.Cites();
    List<String> lines = new ArrayList<>();
    changes.items().stream().limit(MAX_CHANGES_IN_REPLY)
        .forEach(i -> lines.add(BlockKitBrief.line(i.text(), i.citations(), cites)));
    lines.forEach(l -> out.append('\n').append(l));
    if (changes.items().size() > MAX_CHANGES_IN_REPLY) {
      out.append("\n_").append(changes.items().size() - MAX_CHANGES_IN_REPLY).append(" more in the full brief_");
    }
    return out.toString();
  }

  private void audit(StoredBrief stored, Action action, String channel, String ts) {
    store.audit(new AuditEntry(clock.instant(), ACTOR, "slack." + action.name().toLowerCase(Locale.ROOT),
        stored.briefId(), "slack:" + channel, ts, "ok", null));
  }

  /** An instant as a Slack ts (seconds and microseconds). */
  static String ts(Instant t) {
    return t.getEpochSecond() + "." + String.format(Locale.ROOT, "%06d", t.getNano() / 1000);
  }
}
