package org.handoffbrief.connector.slack.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.handoffbrief.HandoffException;
import org.handoffbrief.audit.AuditAnswer;
import org.handoffbrief.audit.AuditQuestion;
import org.handoffbrief.audit.SpotCheck;
import org.handoffbrief.audit.Verdict;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.store.BriefStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly citation spot-check in Slack: each citation question of a week's sample goes to the CS
 * manager as a DM (the claim, the cited words as a quote, the link, and the buttons <b>Supports</b>,
 * <b>Does not support</b> and <b>Unsure</b>); each "what would you have missed without this
 * brief?" question goes to the brief's CSM with an <b>Answer</b> button that opens a modal.
 *
 * <p>The clicks and the modal arrive at the app's one Interactivity Request URL: build the host's
 * {@link SlackInteractions} with {@link SlackInteractions.Builder#spotCheck(SlackSpotCheck)} and it
 * verifies them and hands them here. Each answer is recorded through {@link SpotCheck#answer} or
 * {@link SpotCheck#answerMissed} (the first answer is final) and the DM is updated to show the
 * recorded answer and who gave it, in place of the buttons.
 *
 * <p><b>Once per question.</b> Each question is claimed in the store before it is posted
 * ({@link BriefStore#markOnce}, scope {@value #SENT_SCOPE}), so a rerun or a second worker sends only
 * what is unsent. A post that fails stays claimed (it is reported in {@link Sent#failed()}); {@link
 * #remind} asks again about every unanswered question, once per question, so a lost DM is asked again
 * there. Needs the scopes {@code chat:write} and {@code im:write}; the modal needs none more
 * ({@code views.open} takes the click's trigger).
 */
public final class SlackSpotCheck implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SlackSpotCheck.class);

  /** Every spot-check {@code action_id} starts with this: how {@link SlackInteractions} tells them apart. */
  public static final String ACTION_PREFIX = "handoff_audit_";
  /** The "what would you have missed?" button's {@code action_id}. */
  public static final String MISSED_ACTION = ACTION_PREFIX + "missed";
  /** The "what would you have missed?" modal's {@code callback_id}. */
  public static final String MISSED_CALLBACK = "handoff_audit_missed";
  /** The store's once-scope of sent questions. */
  public static final String SENT_SCOPE = "slack.audit.sent";
  /** The store's once-scope of reminded questions. */
  public static final String REMINDED_SCOPE = "slack.audit.reminded";

  /**
   * What a send or a reminder did.
   *
   * @param sent the questions posted now, each with its DM
   * @param skipped question ids not posted: sent before (or, for a reminder, answered or reminded before)
   * @param failed question ids whose post failed, with why (never a token)
   */
  public record Sent(List<Posted> sent, List<String> skipped, List<String> failed) {
    public Sent {
      sent = List.copyOf(sent);
      skipped = List.copyOf(skipped);
      failed = List.copyOf(failed);
    }
  }

  /**
   * One question's DM.
   *
   * @param questionId the question
   * @param userId whom it was sent to
   * @param channel the DM channel
   * @param ts the message's ts
   */
  public record Posted(String questionId, String userId, String channel, String ts) {}

  private final SpotCheck spotCheck;
  private final BriefStore store;
  private final Clock clock;
  private final SlackWeb web;

  private SlackSpotCheck(SlackDeliveryConfig config, SpotCheck spotCheck, BriefStore store, Clock clock) {
    this.spotCheck = spotCheck;
    this.store = store;
    this.clock = clock;
    this.web = new SlackWeb(config);
  }

  /** A spot-check flow that posts with {@code config}'s bot token and records through {@code spotCheck}. */
  public static SlackSpotCheck create(SlackDeliveryConfig config, SpotCheck spotCheck, BriefStore store,
      Clock clock) {
    return new SlackSpotCheck(Objects.requireNonNull(config, "config == null"),
        Objects.requireNonNull(spotCheck, "spotCheck == null"), Objects.requireNonNull(store, "store == null"),
        Objects.requireNonNull(clock, "clock == null"));
  }

  /**
   * Sends the week's questions that were not sent yet: citation questions to {@code managerUserId},
   * "missed" questions to the Slack user {@code csmUserId} names for the question's brief (null: to
   * the manager, who passes it on).
   */
  public Sent send(String week, String managerUserId, Function<AuditQuestion, String> csmUserId) {
    return post(spotCheck.sample(week), SENT_SCOPE, managerUserId, csmUserId, false);
  }

  /** Asks once more about each of the week's unanswered questions, at most once per question. */
  public Sent remind(String week, String managerUserId, Function<AuditQuestion, String> csmUserId) {
    var all = spotCheck.sample(week);
    var unanswered = spotCheck.unanswered(week);
    Sent s = post(unanswered, REMINDED_SCOPE, managerUserId, csmUserId, true);
    var skipped = new ArrayList<>(s.skipped());
    all.stream().filter(q -> !unanswered.contains(q)).forEach(q -> skipped.add(q.questionId()));
    return new Sent(s.sent(), skipped, s.failed());
  }

  private Sent post(List<AuditQuestion> questions, String scope, String managerUserId,
      Function<AuditQuestion, String> csmUserId, boolean reminder) {
    Objects.requireNonNull(managerUserId, "managerUserId == null");
    Objects.requireNonNull(csmUserId, "csmUserId == null");
    var sent = new ArrayList<Posted>();
    var skipped = new ArrayList<String>();
    var failed = new ArrayList<String>();
    for (AuditQuestion q : questions) {
      if (!store.markOnce(scope, q.questionId(), clock.instant())) {
        skipped.add(q.questionId());
        continue;
      }
      String user = q.kind() == AuditQuestion.Kind.CITATION ? managerUserId
          : Objects.requireNonNullElse(csmUserId.apply(q), managerUserId);
      try {
        String channel = web.call("conversations.open", m -> m.conversationsOpen(r -> r.users(List.of(user))))
            .getChannel().getId();
        String blocks = blocks(q, null, reminder);
        String ts = web.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(channel).text(text(q, reminder))
            .blocksAsString(blocks).unfurlLinks(false).unfurlMedia(false))).getTs();
        sent.add(new Posted(q.questionId(), user, channel, ts));
      } catch (HandoffException e) {
        LOG.warn("Slack: spot-check question {} was not sent: {}", q.questionId(), e.getMessage());
        failed.add(q.questionId() + ": " + e.getMessage());
      }
    }
    return new Sent(sent, skipped, failed);
  }

  @Override
  public void close() {
    web.close();
  }

  // ---- what the interactions handler hands over (on the host's executor, after the acknowledgement)

  /** A verdict button was clicked: record it (first answer wins) and show the recorded answer in the DM. */
  void verdict(String actionId, String questionId, String who, JsonNode container) {
    Verdict verdict = Verdict.ofWireId(actionId.substring(ACTION_PREFIX.length()));
    SpotCheck.AnswerOutcome outcome = spotCheck.answer(questionId, verdict, who, null);
    show(outcome, container.path("channel_id").asText(""), container.path("message_ts").asText(""));
  }

  /** The Answer button was clicked: open the modal, the first thing (the trigger lasts three seconds). */
  void openMissedModal(String trigger, String questionId, JsonNode container) {
    ObjectNode meta = BlockKitBrief.json().createObjectNode().put("q", questionId)
        .put("channel", container.path("channel_id").asText("")).put("ts", container.path("message_ts").asText(""));
    ObjectNode view = BlockKitBrief.json().createObjectNode().put("type", "modal").put("callback_id", MISSED_CALLBACK)
        .put("private_metadata", meta.toString());
    view.putObject("title").put("type", "plain_text").put("text", "Spot-check");
    view.putObject("submit").put("type", "plain_text").put("text", "Send");
    view.putObject("close").put("type", "plain_text").put("text", "Cancel");
    ObjectNode input = view.putArray("blocks").addObject().put("type", "input").put("block_id", "missed");
    input.putObject("label").put("type", "plain_text").put("text", "What would you have missed without this brief?");
    input.putObject("element").put("type", "plain_text_input").put("action_id", "missed").put("multiline", true)
        .put("max_length", 2000);
    web.call("views.open", m -> m.viewsOpen(r -> r.triggerId(trigger).viewAsString(view.toString())));
  }

  /** The question id a submitted modal answers, or null when its metadata is not ours. */
  static JsonNode metadata(JsonNode view) {
    try {
      JsonNode meta = BlockKitBrief.json().readTree(view.path("private_metadata").asText(""));
      return meta != null && meta.path("q").isTextual() ? meta : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The modal was submitted with {@code text}: record it (first answer wins) and show it was taken. */
  void missed(JsonNode meta, String who, String text) {
    SpotCheck.AnswerOutcome outcome = spotCheck.answerMissed(meta.path("q").asText(), who, text);
    show(outcome, meta.path("channel").asText(""), meta.path("ts").asText(""));
  }

  /** Replaces the DM's buttons with the recorded answer; a failure is logged, the answer stands. */
  private void show(SpotCheck.AnswerOutcome outcome, String channel, String ts) {
    if (channel.isBlank() || ts.isBlank()) {
      return;
    }
    AuditQuestion q = outcome.question();
    String line = answered(outcome.answer(), outcome.recorded());
    String blocks = blocks(q, line, false);
    try {
      web.call("chat.update", m -> m.chatUpdate(r -> r.channel(channel).ts(ts).text(line).blocksAsString(blocks)));
    } catch (HandoffException e) {
      LOG.warn("Slack: could not show the answer to spot-check question {} ({})", q.questionId(), e.getMessage());
    }
  }

  static String answered(AuditAnswer a, boolean now) {
    String what = a.verdict() == null ? "Answered" : label(a.verdict());
    return (now ? "Recorded: " : "Already answered: ") + what + ", by " + a.answeredBy() + ", "
        + a.answeredAt().atZone(ZoneOffset.UTC).toLocalDate() + ".";
  }

  // ---- the messages

  private static String text(AuditQuestion q, boolean reminder) {
    String ask = q.kind() == AuditQuestion.Kind.CITATION ? "does this citation support the claim?"
        : "what would you have missed without this brief?";
    return (reminder ? "Reminder: spot-check " : "Spot-check ") + q.week() + ": " + ask;
  }

  /**
   * The question's blocks: a citation question shows the claim, the quote as a quote block and the
   * link; a "missed" one asks the CSM. Then the buttons, or, once answered, {@code answeredLine}.
   */
  static String blocks(AuditQuestion q, String answeredLine, boolean reminder) {
    ArrayNode blocks = BlockKitBrief.json().createArrayNode();
    BlockKitBrief.header(blocks, text(q, reminder));
    if (q.kind() == AuditQuestion.Kind.CITATION) {
      BlockKitBrief.section(blocks, "*Claim* (" + sectionTitle(q.sectionId()) + "): "
          + BlockKitBrief.escape(BlockKitBrief.cut(q.claimText(), BlockKitBrief.MAX_LINE)));
      BlockKitBrief.section(blocks, "> " + BlockKitBrief.escape(BlockKitBrief.cut(q.quote(),
          BlockKitBrief.MAX_TEXT - 10)));
      String link = q.link() == null ? null : BlockKitBrief.link(uri(q.link()), "Open in " + q.system());
      BlockKitBrief.context(blocks, (link == null ? "Cited from " + BlockKitBrief.escape(q.system()) + " (no link)"
          : link) + " · " + BlockKitBrief.escape(q.evidenceId()));
    } else {
      BlockKitBrief.section(blocks, "You received the handoff brief " + BlockKitBrief.escape(q.briefId())
          + ". In a sentence or two: what would you have missed without it?");
    }
    if (answeredLine != null) {
      BlockKitBrief.section(blocks, ":white_check_mark: " + BlockKitBrief.escape(answeredLine));
      return blocks.toString();
    }
    ArrayNode elements = blocks.addObject().put("type", "actions").put("block_id", "handoff_audit")
        .putArray("elements");
    if (q.kind() == AuditQuestion.Kind.CITATION) {
      for (Verdict v : Verdict.values()) {
        button(elements, ACTION_PREFIX + v.wireId(), label(v), v == Verdict.SUPPORTS ? "primary"
            : v == Verdict.DOES_NOT_SUPPORT ? "danger" : null, q.questionId());
      }
    } else {
      button(elements, MISSED_ACTION, "Answer", "primary", q.questionId());
    }
    return blocks.toString();
  }

  static String label(Verdict v) {
    return switch (v) {
      case SUPPORTS -> "Supports";
      case DOES_NOT_SUPPORT -> "Does not support";
      case UNSURE -> "Unsure";
    };
  }

  private static String sectionTitle(String wireId) {
    for (SectionId id : SectionId.values()) {
      if (id.wireId().equals(wireId)) {
        return id.title();
      }
    }
    return wireId;
  }

  private static URI uri(String link) {
    try {
      return URI.create(link);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void button(ArrayNode elements, String actionId, String text, String style, String value) {
    ObjectNode b = elements.addObject().put("type", "button").put("action_id", actionId).put("value", value);
    if (style != null) {
      b.put("style", style);
    }
    b.putObject("text").put("type", "plain_text").put("text", text);
  }
}
