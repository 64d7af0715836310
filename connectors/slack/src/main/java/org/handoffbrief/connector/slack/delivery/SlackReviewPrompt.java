package org.handoffbrief.connector.slack.delivery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.QualityReport;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.store.StoredBrief;

/**
 * Asks the reviewer (the AE, or whoever the host names) to confirm a brief in a Slack DM before it
 * reaches customer success: the stakeholder map, the commitments, the open items and the quality
 * result, each line with its citation links, and two buttons, <b>Confirm</b> ({@value
 * #CONFIRM_ACTION}) and <b>Flag a problem</b> ({@value #FLAG_ACTION}), whose {@code value} is the
 * brief id. {@link SlackInteractions} handles the clicks.
 *
 * <p>The reviewer is found by email ({@code users.lookupByEmail}, scope {@code users:read.email})
 * or given as a Slack user id; the DM is opened with {@code conversations.open} ({@code im:write})
 * and posted with {@code chat.postMessage} ({@code chat:write}). {@link BriefReview#start} runs
 * first: a brief that needs no review gets no DM.
 */
public final class SlackReviewPrompt implements AutoCloseable {

  /** The Confirm button's {@code action_id}. */
  public static final String CONFIRM_ACTION = "handoff_review_confirm";
  /** The Flag a problem button's {@code action_id}. */
  public static final String FLAG_ACTION = "handoff_review_flag";

  /**
   * A DM sent, or not needed.
   *
   * @param briefId the brief
   * @param state the review's state after {@link BriefReview#start}
   * @param userId the reviewer's Slack user id; null when no DM was sent
   * @param channel the DM channel; null when no DM was sent
   * @param ts the DM's ts; null when no DM was sent
   */
  public record Sent(String briefId, ReviewState state, String userId, String channel, String ts) {
    /** Whether a DM went out. */
    public boolean sent() {
      return ts != null;
    }
  }

  private final BriefReview review;
  private final SlackWeb web;

  private SlackReviewPrompt(SlackDeliveryConfig config, BriefReview review) {
    this.review = review;
    this.web = new SlackWeb(config);
  }

  /** A prompt that posts with {@code config}'s token and starts reviews with {@code review}. */
  public static SlackReviewPrompt create(SlackDeliveryConfig config, BriefReview review) {
    return new SlackReviewPrompt(Objects.requireNonNull(config, "config == null"),
        Objects.requireNonNull(review, "review == null"));
  }

  /**
   * Starts the review of {@code stored} and, when it needs one, DMs the Slack user with this email.
   * A brief already waiting for review gets no second DM (a rerun, a second worker): at most one
   * prompt, and {@link #remind} is the time-out's way to ask again.
   */
  public Sent send(StoredBrief stored, String reviewerEmail) {
    Objects.requireNonNull(reviewerEmail, "reviewerEmail == null");
    ReviewState before = review.state(stored.briefId());
    ReviewState state = review.start(stored, reviewerEmail);
    if (state != ReviewState.IN_REVIEW || before == ReviewState.IN_REVIEW) {
      return new Sent(stored.briefId(), state, null, null, null);
    }
    return dm(stored, state, userByEmail(reviewerEmail), false);
  }

  /** Starts the review and, when it needs one, DMs the Slack user {@code userId} ({@code reviewer} names them). */
  public Sent sendToUser(StoredBrief stored, String userId, String reviewer) {
    Objects.requireNonNull(userId, "userId == null");
    ReviewState before = review.state(stored.briefId());
    ReviewState state = review.start(stored, Objects.requireNonNull(reviewer, "reviewer == null"));
    if (state != ReviewState.IN_REVIEW || before == ReviewState.IN_REVIEW) {
      return new Sent(stored.briefId(), state, null, null, null);
    }
    return dm(stored, state, userId, false);
  }

  /**
   * The reminder of {@link BriefReview.TimeoutAction#REMIND_ONCE}: the same DM again, marked as a
   * reminder, to the reviewer with this email. Moves nothing.
   */
  public Sent remind(StoredBrief stored, String reviewerEmail) {
    return dm(stored, review.state(stored.briefId()), userByEmail(reviewerEmail), true);
  }

  /**
   * The DM's message: header, what to check, the stakeholder map, the commitments, the open items,
   * the quality result, each line with its citation links, and the two buttons.
   */
  public BlockKitBrief.Message prompt(HandoffBrief brief, String briefId, boolean reminder) {
    BlockKitBrief.Cites cites = new BlockKitBrief.Cites();
    ArrayNode blocks = BlockKitBrief.json().createArrayNode();
    String title = (reminder ? "Reminder: review " : "Review ") + "the handoff brief: " + brief.accountName();
    BlockKitBrief.header(blocks, title);
    BlockKitBrief.section(blocks, "Two minutes before it goes to customer success: is the stakeholder map right,"
        + " are the commitments right? *Confirm*, or *Flag a problem* and add anything the systems of record do not"
        + " hold.");
    for (SectionId id : List.of(SectionId.STAKEHOLDERS, SectionId.COMMITMENTS, SectionId.OPEN_THREADS)) {
      Section s = brief.section(id);
      List<String> lines = new ArrayList<>();
      for (Claim c : s.shownClaims()) {
        lines.add(BlockKitBrief.line(c.text(), c.citations(), cites));
      }
      String heading = "*" + (id == SectionId.OPEN_THREADS ? "Open items" : id.title()) + "*";
      BlockKitBrief.section(blocks, BlockKitBrief.fit(heading, s.isEmpty() ? List.of("_Nothing found._") : lines,
          BlockKitBrief.gapLines(s), s.moreClaims().size()));
    }
    QualityReport q = brief.quality();
    if (q != null) {
      List<String> lines = new ArrayList<>();
      q.failed().forEach(c -> lines.add(BlockKitBrief.line("Failed " + c.id() + ": " + c.reason(), c.citations(),
          cites)));
      q.triggers().forEach(t -> lines.add(BlockKitBrief.line("Review trigger " + t.id() + ": " + t.reason(),
          t.citations(), cites)));
      BlockKitBrief.section(blocks, BlockKitBrief.fit("*Quality:* " + (q.checks().size() - q.failed().size())
          + " of " + q.checks().size() + " checks passed · *Review:* " + BlockKitBrief.route(q.route()), lines,
          List.of(), 0));
    }
    ObjectNode actions = blocks.addObject().put("type", "actions").put("block_id", "handoff_review");
    ArrayNode elements = actions.putArray("elements");
    button(elements, CONFIRM_ACTION, "Confirm", "primary", briefId);
    button(elements, FLAG_ACTION, "Flag a problem", "danger", briefId);
    return new BlockKitBrief.Message(BlockKitBrief.escape(BlockKitBrief.cut(title, BlockKitBrief.MAX_HEADER)),
        blocks.toString(), blocks.size());
  }

  @Override
  public void close() {
    web.close();
  }

  private Sent dm(StoredBrief stored, ReviewState state, String userId, boolean reminder) {
    BlockKitBrief.Message message = prompt(stored.brief(), stored.briefId(), reminder);
    String channel = web.call("conversations.open", m -> m.conversationsOpen(r -> r.users(List.of(userId))))
        .getChannel().getId();
    String ts = web.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(channel).text(message.text())
        .blocksAsString(message.blocksJson()).unfurlLinks(false).unfurlMedia(false))).getTs();
    return new Sent(stored.briefId(), state, userId, channel, ts);
  }

  private String userByEmail(String email) {
    UsersLookupByEmailResponse r = web.call("users.lookupByEmail", m -> m.usersLookupByEmail(q -> q.email(email)));
    User u = r.getUser();
    if (u == null || u.getId() == null) {
      throw new SlackDeliveryException("users_not_found", false, "Slack: users.lookupByEmail answered without a"
          + " user; give the reviewer's Slack user id instead", null);
    }
    return u.getId();
  }

  private static void button(ArrayNode elements, String actionId, String text, String style, String value) {
    ObjectNode b = elements.addObject().put("type", "button").put("action_id", actionId).put("style", style)
        .put("value", value);
    b.putObject("text").put("type", "plain_text").put("text", text);
  }
}
