package org.handoffbrief.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * {@link FakeSlack}'s workspace: an in-memory Slack workspace that answers, in the Web API's own
 * wire format, what a reading connector asks ({@code auth.test}, {@code conversations.list},
 * {@code conversations.history}, {@code conversations.replies}, {@code users.info}) from the data
 * it was seeded with, and what a delivery and a review do ({@code chat.postMessage},
 * {@code chat.update}, {@code conversations.open}, {@code views.open}, {@code users.lookupByEmail})
 * on its own state. It checks what Slack checks first: the token ({@code not_authed},
 * {@code invalid_auth}) and its scopes ({@code missing_scope} with {@code needed} and
 * {@code provided}, as Slack answers).
 *
 * <p>Arguments come as a form (Block Kit, metadata and views as JSON strings, as slack-api-client
 * sends them) or as a JSON body; the token as {@code Authorization: Bearer} or a {@code token}
 * argument. Every answer is HTTP 200 with {@code {"ok":true,...}} or {@code {"ok":false,"error":...}}.
 * Lists page with {@code limit} and {@code cursor}, the next one in {@code response_metadata.next_cursor}.
 *
 * <p>It also keeps Slack's message limits (https://api.slack.com/reference/block-kit/blocks): at
 * most 50 blocks, 150 characters in a header, 3,000 in a section's text, 40,000 in a message's
 * text; a message over one is refused with {@code invalid_blocks} or {@code msg_too_long}, so a
 * delivery that does not cut its brief fails here as it would in Slack.
 *
 * <p>Served as a WireMock response transformer. Seeded messages are the workspace's past; messages
 * posted (and the DMs opened) live until the server stops, or, with a state file, across runs, so
 * a second run can update the message a first run posted.
 */
final class SlackWorkspace {


  /** Slack's limits on one message (Block Kit reference, "Blocks"; chat.postMessage, "Truncating content"). */
  static final int MAX_BLOCKS = 50;
  static final int MAX_HEADER_TEXT = 150;
  static final int MAX_SECTION_TEXT = 3000;
  static final int MAX_MESSAGE_TEXT = 40_000;
  /** A modal's limits (reference "View objects"): 100 blocks, a title of 24 characters. */
  static final int MAX_VIEW_BLOCKS = 100;
  static final int MAX_VIEW_TITLE = 24;

  /**
   * The scope each method needs (https://api.slack.com/methods). {@code conversations.history}
   * needs the history scope of the conversation's kind; {@code views.open} and {@code auth.test} need none.
   */
  private static final Map<String, String> NEEDED = Map.of(
      "chat.postMessage", "chat:write",
      "chat.update", "chat:write",
      "conversations.open", "im:write",
      "users.lookupByEmail", "users:read.email",
      "users.info", "users:read",
      "conversations.list", "channels:read",
      "conversations.replies", "channels:history");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A conversation of the workspace: a channel it was seeded with (as {@code conversations.list} lists it), or a DM the bot opened. */
  record Channel(String id, @Nullable String name, boolean isPrivate, boolean member, @Nullable String user,
      @Nullable JsonNode listed) {
    boolean im() {
      return user != null;
    }

    String historyScope() {
      return im() ? "im:history" : isPrivate ? "groups:history" : "channels:history";
    }
  }

  /** What Slack answers instead of {@code ok:true}: the error code and any fields beside it. */
  private static final class SlackError extends RuntimeException {
    final ObjectNode body;

    SlackError(String error) {
      super(error, null, false, false);
      this.body = JSON.createObjectNode().put("ok", false).put("error", error);
    }
  }

  private final Map<String, Set<String>> scopesByToken = new LinkedHashMap<>();
  private final Map<String, JsonNode> users = new LinkedHashMap<>();
  private ObjectNode auth;
  private String teamId;
  private String botUser;
  private String botId;
  private String appId;
  private final Clock clock;
  private final @Nullable Path stateFile;
  private final Map<String, Channel> channels = new LinkedHashMap<>();
  /** The workspace's past, as seeded: every message, top-level and replies, per conversation. Never saved. */
  private final Map<String, List<ObjectNode>> seeded = new LinkedHashMap<>();
  /** Every message posted, top-level and replies, per conversation, in the order posted. */
  private final Map<String, List<ObjectNode>> messages = new LinkedHashMap<>();
  private final Map<String, String> imsByUser = new LinkedHashMap<>();
  private final Set<String> triggers = new HashSet<>();
  private final Set<String> exchanged = new HashSet<>();
  private final Map<String, ObjectNode> views = new LinkedHashMap<>();
  private final List<JsonNode> responses = new ArrayList<>();
  private final Map<String, Integer> calls = new TreeMap<>();
  private int updates;
  private long sequence;
  private int pageCap = Integer.MAX_VALUE;

  /**
   * An empty workspace: the team {@code auth}, no token, person, channel or message yet.
   *
   * @param auth the {@code auth.test} answer: the team and the bot it names
   * @param stateFile where posted messages are kept between runs (JSON), or null to start empty
   */
  SlackWorkspace(JsonNode auth, String appId, Clock clock, @Nullable Path stateFile) {
    team(auth);
    this.appId = appId;
    this.clock = clock;
    this.stateFile = stateFile;
    load();
  }

  // ---- what it is seeded with ----

  /** Makes {@code auth} the {@code auth.test} answer: the team and the bot user posts are made by. */
  synchronized void team(JsonNode auth) {
    this.auth = (ObjectNode) auth.deepCopy();
    this.teamId = auth.path("team_id").asText();
    this.botUser = auth.path("user_id").asText();
    this.botId = auth.path("bot_id").asText();
  }

  synchronized void appId(String appId) {
    this.appId = appId;
  }

  /** Answers at most {@code cap} items a page, whatever {@code limit} asks. */
  synchronized void pageCap(int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("a page holds at least one item, not " + cap);
    }
    this.pageCap = cap;
  }

  /** Accepts {@code token} with {@code scopes}. */
  synchronized void token(String token, Set<String> scopes) {
    scopesByToken.put(token, Set.copyOf(scopes));
  }

  /** A person, as {@code users.info} gives its {@code user}. */
  synchronized void user(JsonNode user) {
    users.put(user.path("id").asText(), user.deepCopy());
  }

  /** A conversation, as {@code conversations.list} lists it. */
  synchronized void channel(JsonNode listed) {
    String id = listed.path("id").asText();
    channels.put(id, new Channel(id, listed.path("name").asText(), listed.path("is_private").asBoolean(),
        listed.path("is_member").asBoolean(), null, listed.deepCopy()));
  }

  /** A message of {@code channel}'s past, as history or replies give it; a second one with the same ts is ignored. */
  synchronized void seed(String channel, JsonNode message) {
    var list = seeded.computeIfAbsent(channel, c -> new ArrayList<>());
    String ts = message.path("ts").asText();
    if (list.stream().noneMatch(m -> m.path("ts").asText().equals(ts))) {
      list.add((ObjectNode) message.deepCopy());
    }
  }

  /** Slack's answer to {@code request}: a Web API call under {@code /api/}, or a post to a response_url. */
  ResponseDefinition answer(Request request) {
    String path = request.getUrl().replaceFirst("\\?.*", "");
    if (path.startsWith("/actions/") || path.startsWith("/commands/")) {
      return respond(responseUrl(request), null);
    }
    if (!path.startsWith("/api/")) {
      return Answering.answer(404, "text/plain; charset=utf-8", "Not Found");
    }
    String method = path.substring(path.lastIndexOf('/') + 1);
    Set<String> scopes = null;
    try {
      Map<String, JsonNode> args = arguments(request);
      String token = token(request, args);
      scopes = scopes(token);
      if (scopes == null) {
        throw new SlackError("invalid_auth");
      }
      return respond(answer(method, args, scopes), scopes);
    } catch (SlackError e) {
      return respond(e.body, scopes);
    }
  }

  // ---- what tests read ----

  /** The top-level messages in a conversation (a channel id or a DM's D id), oldest first, as stored now. */
  synchronized List<JsonNode> messages(String channel) {
    return copies(messages.getOrDefault(channel, List.of()).stream().filter(m -> !isReply(m)).toList());
  }

  /** The replies in the thread of {@code ts}, oldest first. */
  synchronized List<JsonNode> replies(String channel, String ts) {
    return copies(messages.getOrDefault(channel, List.of()).stream()
        .filter(m -> isReply(m) && ts.equals(m.path("thread_ts").asText())).toList());
  }

  /** One message (top-level or reply) by its ts, or null. */
  synchronized @Nullable JsonNode message(String channel, String ts) {
    ObjectNode m = all(channel).stream().filter(x -> x.path("ts").asText().equals(ts)).findFirst().orElse(null);
    return m == null ? null : m.deepCopy();
  }

  /** The DM channel the bot opened with each user, user id to D id. */
  synchronized Map<String, String> directMessages() {
    return Map.copyOf(imsByUser);
  }

  /** How many {@code chat.update} calls changed a message in this run. */
  synchronized int updates() {
    return updates;
  }

  /** The views opened in this run, oldest first, as {@code views.open} answered them. */
  synchronized List<JsonNode> views() {
    return copies(List.copyOf(views.values()));
  }

  /** A view opened in this run, or null. */
  synchronized JsonNode view(String viewId) {
    ObjectNode v = views.get(viewId);
    return v == null ? null : v.deepCopy();
  }

  /** What was posted to {@code response_url}s in this run, oldest first. */
  synchronized List<JsonNode> responseUrlPosts() {
    return List.copyOf(responses);
  }

  /** How many times {@code method} (e.g. {@code chat.postMessage}) reached the workspace in this run, answered or refused. */
  synchronized int calls(String method) {
    return calls.getOrDefault(method, 0);
  }

  private synchronized @Nullable Set<String> scopes(String token) {
    return scopesByToken.get(token);
  }

  /** A person's {@code users.info} object, or null. */
  synchronized @Nullable JsonNode user(String userId) {
    JsonNode u = users.get(userId);
    return u == null ? null : u.deepCopy();
  }

  /** The conversation with this id, or null. */
  synchronized Channel channel(String id) {
    return channels.get(id);
  }

  synchronized String teamId() {
    return teamId;
  }

  synchronized String appId() {
    return appId;
  }

  /** The bot user the tokens belong to, as {@code auth.test} names it. */
  synchronized String botUser() {
    return botUser;
  }

  /** The workspace's domain: the host name's first label of {@code auth.test}'s {@code url}. */
  synchronized String domain() {
    String host = java.net.URI.create(auth.path("url").asText("https://workspace.slack.com/")).getHost();
    return host == null ? "" : host.split("\\.")[0];
  }

  /** A new trigger id, as Slack puts in an interaction payload: exchangeable once by {@code views.open}. */
  synchronized String issueTrigger() {
    // Slack's shape: "seconds.number.hex"; only this workspace's own triggers are exchangeable.
    String trigger = clock.instant().getEpochSecond() + "." + (++sequence) + "."
        + Integer.toHexString(Objects.hash(teamId, sequence));
    triggers.add(trigger);
    return trigger;
  }

  /** A new Slack-style ts ({@code seconds.micro}), unique in this workspace and later than every earlier one. */
  synchronized String nextTs() {
    sequence++;
    return clock.instant().getEpochSecond() + "." + String.format(Locale.ROOT, "%06d", sequence % 1_000_000);
  }

  // ---- the methods ----

  private synchronized ObjectNode answer(String method, Map<String, JsonNode> args, Set<String> scopes) {
    calls.merge(method, 1, Integer::sum);
    return switch (method) {
      case "auth.test" -> auth.deepCopy();
      case "chat.postMessage" -> postMessage(args, scopes);
      case "chat.update" -> update(args, scopes);
      case "conversations.open" -> open(args, scopes);
      case "conversations.history" -> history(args, scopes);
      case "views.open" -> openView(args);
      case "users.lookupByEmail" -> lookupByEmail(args, scopes);
      case "users.info" -> userInfo(args, scopes);
      case "conversations.list" -> list(args, scopes);
      case "conversations.replies" -> replies(args, scopes);
      default -> throw new SlackError("unknown_method");
    };
  }

  private ObjectNode postMessage(Map<String, JsonNode> args, Set<String> scopes) {
    need(scopes, "chat:write");
    Channel channel = postable(text(args, "channel"));
    ObjectNode message = JSON.createObjectNode().put("user", botUser).put("type", "message");
    message.put("ts", nextTs()).put("bot_id", botId).put("app_id", appId).put("team", teamId);
    content(message, args, true);
    String thread = text(args, "thread_ts");
    if (thread != null) {
      message.put("thread_ts", thread).put("parent_user_id", botUser);
      ObjectNode parent = find(channel.id(), thread);
      if (parent != null && !isReply(parent)) {
        parent.put("thread_ts", thread).put("reply_count", parent.path("reply_count").asInt() + 1)
            .put("latest_reply", message.path("ts").asText());
      }
    }
    messages.computeIfAbsent(channel.id(), c -> new ArrayList<>()).add(message);
    save();
    ObjectNode out = ok().put("channel", channel.id()).put("ts", message.path("ts").asText());
    out.set("message", message.deepCopy());
    return out;
  }

  private ObjectNode update(Map<String, JsonNode> args, Set<String> scopes) {
    need(scopes, "chat:write");
    String channelId = required(args, "channel", "channel_not_found");
    if (!channels.containsKey(channelId)) {
      throw new SlackError("channel_not_found");
    }
    ObjectNode message = find(channelId, required(args, "ts", "message_not_found"));
    if (message == null) {
      throw new SlackError("message_not_found");
    }
    ObjectNode changed = message.deepCopy();
    content(changed, args, false);
    changed.set("edited", JSON.createObjectNode().put("user", botUser).put("ts", nextTs()));
    message.setAll(changed);
    updates++;
    save();
    ObjectNode out = ok().put("channel", channelId).put("ts", message.path("ts").asText())
        .put("text", message.path("text").asText());
    out.set("message", message.deepCopy());
    return out;
  }

  private ObjectNode open(Map<String, JsonNode> args, Set<String> scopes) {
    need(scopes, "im:write");
    String users = text(args, "users");
    if (users == null || users.isBlank()) {
      throw new SlackError("users_list_not_supplied");
    }
    if (users.contains(",")) {
      // Only one-to-one DMs: a group DM is beyond what the fake keeps.
      throw new SlackError("invalid_arguments");
    }
    String user = users.trim();
    if (!this.users.containsKey(user)) {
      throw new SlackError("user_not_found");
    }
    boolean already = imsByUser.containsKey(user);
    String id = im(user);
    ObjectNode out = ok();
    if (already) {
      out.put("no_op", true).put("already_open", true);
    }
    ObjectNode channel = out.putObject("channel").put("id", id);
    if ("true".equals(text(args, "return_im")) || "1".equals(text(args, "return_im"))) {
      channel.put("is_im", true).put("user", user).put("is_open", true);
    }
    return out;
  }

  /** The conversations of the asked {@code types} (public channels by default), in the order seeded, a page at a time. */
  private ObjectNode list(Map<String, JsonNode> args, Set<String> scopes) {
    need(scopes, NEEDED.get("conversations.list"));
    Set<String> types = Set.of(String.valueOf(text(args, "types") == null ? "public_channel" : text(args, "types"))
        .split(","));
    boolean archived = !flag(text(args, "exclude_archived"));
    List<ObjectNode> listed = new ArrayList<>();
    for (Channel c : channels.values()) {
      if (c.listed() != null && types.contains(c.isPrivate() ? "private_channel" : "public_channel")
          && (archived || !c.listed().path("is_archived").asBoolean())) {
        listed.add((ObjectNode) c.listed());
      }
    }
    return page(listed, "channels", args, 100, 1000);
  }

  /**
   * A conversation's top-level messages (and broadcast replies), newest first, between
   * {@code oldest} and {@code latest} ({@code inclusive} to keep the bounds), a page at a time.
   */
  private ObjectNode history(Map<String, JsonNode> args, Set<String> scopes) {
    Channel channel = readable(args, scopes);
    boolean metadata = flag(text(args, "include_all_metadata"));
    List<ObjectNode> newestFirst = new ArrayList<>(between(all(channel.id()), args).stream()
        .filter(m -> !isReply(m) || "thread_broadcast".equals(m.path("subtype").asText())).toList());
    java.util.Collections.reverse(newestFirst);
    // page() copies the messages it shows; only one that would lose its metadata is copied here.
    List<ObjectNode> shown = metadata ? newestFirst : newestFirst.stream()
        .map(m -> m.has("metadata") ? withoutMetadata(m) : m).toList();
    return page(shown, "messages", args, 100, 999).put("pin_count", 0);
  }

  private static ObjectNode withoutMetadata(ObjectNode m) {
    ObjectNode copy = m.deepCopy();
    copy.remove("metadata");
    return copy;
  }

  /**
   * A thread, oldest first: its parent on every page, as Slack answers, then the replies between
   * {@code oldest} and {@code latest}, a page at a time.
   */
  private ObjectNode replies(Map<String, JsonNode> args, Set<String> scopes) {
    Channel channel = readable(args, scopes);
    String ts = required(args, "ts", "thread_not_found");
    ObjectNode parent = null;
    List<ObjectNode> thread = new ArrayList<>();
    for (ObjectNode m : all(channel.id())) {
      if (m.path("ts").asText().equals(ts)) {
        parent = m;
      } else if (ts.equals(m.path("thread_ts").asText())) {
        thread.add(m);
      }
    }
    if (parent == null) {
      throw new SlackError("thread_not_found");
    }
    ObjectNode out = page(between(thread, args), "messages", args, 1000, 1000);
    ((ArrayNode) out.get("messages")).insert(0, parent.deepCopy());
    return out;
  }

  /** The conversation a read names, when the token may read it and the bot is in it. */
  private Channel readable(Map<String, JsonNode> args, Set<String> scopes) {
    String id = required(args, "channel", "channel_not_found");
    Channel channel = channels.get(id);
    need(scopes, channel == null ? "channels:history" : channel.historyScope());
    if (channel == null) {
      throw new SlackError("channel_not_found");
    }
    if (!channel.member()) {
      throw new SlackError("not_in_channel");
    }
    return channel;
  }

  /** A conversation's past and what was posted to it since, oldest first. */
  private List<ObjectNode> all(String channel) {
    List<ObjectNode> out = new ArrayList<>(seeded.getOrDefault(channel, List.of()));
    out.addAll(messages.getOrDefault(channel, List.of()));
    // Each ts is parsed once, not at every comparison: a benchmark's channel holds tens of thousands.
    var byTs = new java.util.IdentityHashMap<ObjectNode, java.math.BigDecimal>();
    out.forEach(m -> byTs.put(m, new java.math.BigDecimal(m.path("ts").asText("0"))));
    out.sort(java.util.Comparator.comparing(byTs::get));
    return out;
  }

  /** The messages within {@code oldest} and {@code latest}: bounds left out unless {@code inclusive}, as Slack does. */
  private static List<ObjectNode> between(List<ObjectNode> messages, Map<String, JsonNode> args) {
    String oldest = text(args, "oldest");
    String latest = text(args, "latest");
    boolean inclusive = flag(text(args, "inclusive"));
    return messages.stream().filter(m -> {
      var ts = new java.math.BigDecimal(m.path("ts").asText("0"));
      return (oldest == null || oldest.isBlank() || after(ts, oldest, "oldest", inclusive))
          && (latest == null || latest.isBlank() || after(bound(latest, "latest"), ts.toPlainString(), "latest", inclusive));
    }).toList();
  }

  /** Whether {@code ts} comes after {@code bound}, or is it when {@code inclusive}. */
  private static boolean after(java.math.BigDecimal ts, String bound, String name, boolean inclusive) {
    int c = ts.compareTo(bound(bound, name));
    return c > 0 || inclusive && c == 0;
  }

  private static java.math.BigDecimal bound(String value, String name) {
    try {
      return new java.math.BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw new SlackError("invalid_ts_" + name);
    }
  }

  /** One page of {@code items} under {@code field}, with Slack's {@code has_more} and {@code next_cursor}. */
  private ObjectNode page(List<? extends JsonNode> items, String field, Map<String, JsonNode> args,
      int defaultLimit, int maxLimit) {
    int limit = Math.max(1, Math.min(Math.min(maxLimit, pageCap), integer(text(args, "limit"), defaultLimit)));
    int offset = cursorOffset(text(args, "cursor"));
    ArrayNode page = JSON.createArrayNode();
    for (int i = offset; i < Math.min(items.size(), offset + limit); i++) {
      page.add(items.get(i).deepCopy());
    }
    boolean more = offset + limit < items.size();
    ObjectNode out = ok();
    out.set(field, page);
    out.put("has_more", more);
    out.putObject("response_metadata").put("next_cursor", more ? cursor(offset + limit) : "");
    return out;
  }

  private ObjectNode openView(Map<String, JsonNode> args) {
    String trigger = text(args, "trigger_id");
    if (trigger == null) {
      throw new SlackError("invalid_arguments");
    }
    if (exchanged.contains(trigger)) {
      throw new SlackError("exchanged_trigger_id");
    }
    if (!triggers.remove(trigger)) {
      throw new SlackError("expired_trigger_id");
    }
    exchanged.add(trigger);
    JsonNode given = json(args, "view", "invalid_arguments");
    if (!(given instanceof ObjectNode view) || !"modal".equals(view.path("type").asText())) {
      throw new SlackError("invalid_arguments");
    }
    List<String> problems = new ArrayList<>();
    int title = view.path("title").path("text").asText("").length();
    if (title == 0 || title > MAX_VIEW_TITLE) {
      problems.add("must be between 1 and " + MAX_VIEW_TITLE + " characters [json-pointer:/view/title/text]");
    }
    ArrayNode blocks = view.path("blocks") instanceof ArrayNode a ? a : JSON.createArrayNode();
    if (blocks.size() > MAX_VIEW_BLOCKS) {
      problems.add("must be less than " + (MAX_VIEW_BLOCKS + 1) + " items [json-pointer:/view/blocks]");
    }
    boolean inputs = false;
    for (JsonNode b : blocks) {
      inputs |= "input".equals(b.path("type").asText());
    }
    if (inputs && view.path("submit").isMissingNode()) {
      problems.add("submit is required when the view has input blocks [json-pointer:/view/submit]");
    }
    if (!problems.isEmpty()) {
      throw invalid("invalid_arguments", problems);
    }
    identify(blocks);
    String id = String.format(Locale.ROOT, "V0%08d", views.size() + 1);
    ObjectNode opened = JSON.createObjectNode().put("id", id).put("team_id", teamId).put("type", "modal");
    opened.setAll(view);
    opened.put("private_metadata", view.path("private_metadata").asText(""))
        .put("callback_id", view.path("callback_id").asText("")).put("external_id", "")
        .put("hash", clock.instant().getEpochSecond() + "." + Integer.toHexString(id.hashCode()))
        .put("clear_on_close", false).put("notify_on_close", false).put("root_view_id", id)
        .put("app_id", appId).put("bot_id", botId);
    opened.putObject("state").putObject("values");
    opened.putNull("previous_view_id");
    views.put(id, opened);
    ObjectNode out = ok();
    out.set("view", opened.deepCopy());
    return out;
  }

  private ObjectNode lookupByEmail(Map<String, JsonNode> args, Set<String> scopes) {
    need(scopes, "users:read.email");
    String email = text(args, "email");
    for (JsonNode u : users.values()) {
      // Only the workspace's own people: a Slack Connect guest belongs to another team.
      if (email != null && teamId.equals(u.path("team_id").asText())
          && email.equalsIgnoreCase(u.path("profile").path("email").asText())) {
        ObjectNode out = ok();
        out.set("user", u.deepCopy());
        return out;
      }
    }
    throw new SlackError("users_not_found");
  }

  private ObjectNode userInfo(Map<String, JsonNode> args, Set<String> scopes) {
    need(scopes, "users:read");
    JsonNode u = users.get(text(args, "user"));
    if (u == null) {
      throw new SlackError("user_not_found");
    }
    ObjectNode out = ok();
    out.set("user", u.deepCopy());
    return out;
  }

  private synchronized ObjectNode responseUrl(Request request) {
    try {
      responses.add(JSON.readTree(request.getBodyAsString()));
    } catch (JsonProcessingException e) {
      return JSON.createObjectNode().put("ok", false).put("error", "invalid_json");
    }
    return ok();
  }

  // ---- the rules a message follows ----

  /** Sets text, blocks and metadata from the call; a post needs one of text or blocks, an update keeps what it omits. */
  private void content(ObjectNode message, Map<String, JsonNode> args, boolean post) {
    String text = text(args, "text");
    JsonNode blocks = args.containsKey("blocks") ? json(args, "blocks", "invalid_blocks_format") : null;
    if (blocks != null && !blocks.isArray()) {
      throw new SlackError("invalid_blocks_format");
    }
    if (post && (text == null || text.isEmpty()) && (blocks == null || blocks.isEmpty())
        && !args.containsKey("attachments")) {
      throw new SlackError("no_text");
    }
    if (text != null && text.length() > MAX_MESSAGE_TEXT) {
      throw new SlackError("msg_too_long");
    }
    if (blocks != null) {
      List<String> problems = blockProblems((ArrayNode) blocks);
      if (!problems.isEmpty()) {
        throw invalid("invalid_blocks", problems);
      }
      identify(blocks);
      message.set("blocks", blocks);
    }
    if (text != null) {
      message.put("text", text);
    } else if (post) {
      message.put("text", "");
    }
    if (args.containsKey("metadata")) {
      JsonNode metadata = json(args, "metadata", "invalid_metadata_format");
      if (!metadata.path("event_type").isTextual() || !metadata.path("event_payload").isObject()) {
        throw new SlackError("invalid_metadata_format");
      }
      message.set("metadata", metadata);
    }
  }

  /** Slack's own wording for a block over a limit, with the JSON pointer it names. */
  private static List<String> blockProblems(ArrayNode blocks) {
    List<String> problems = new ArrayList<>();
    if (blocks.size() > MAX_BLOCKS) {
      problems.add("must be less than " + (MAX_BLOCKS + 1) + " items [json-pointer:/blocks]");
    }
    for (int i = 0; i < blocks.size(); i++) {
      JsonNode block = blocks.get(i);
      String type = block.path("type").asText();
      int text = block.path("text").path("text").asText("").length();
      if (type.equals("header") && text > MAX_HEADER_TEXT) {
        problems.add("must be less than " + (MAX_HEADER_TEXT + 1) + " characters [json-pointer:/blocks/" + i
            + "/text/text]");
      }
      if (type.equals("section") && text > MAX_SECTION_TEXT) {
        problems.add("must be less than " + (MAX_SECTION_TEXT + 1) + " characters [json-pointer:/blocks/" + i
            + "/text/text]");
      }
      if (type.isEmpty()) {
        problems.add("missing required field: type [json-pointer:/blocks/" + i + "]");
      }
    }
    return problems;
  }

  /** Gives each block and interactive element without an id one, as Slack does when it stores them. */
  private static void identify(JsonNode blocks) {
    int i = 0;
    for (JsonNode b : blocks) {
      i++;
      if (b instanceof ObjectNode block && !block.hasNonNull("block_id")) {
        block.put("block_id", "b" + i);
      }
      int j = 0;
      for (JsonNode e : b.path("elements")) {
        j++;
        if (e instanceof ObjectNode element && element.has("type") && !element.hasNonNull("action_id")
            && !e.path("type").asText().endsWith("text") && !e.path("type").asText().equals("image")) {
          element.put("action_id", "a" + i + "." + j);
        }
      }
      if (b.path("element") instanceof ObjectNode element && !element.hasNonNull("action_id")) {
        element.put("action_id", "a" + i);
      }
    }
  }

  /** Where a post goes: a channel id, a channel's name (with or without {@code #}), a DM's D id, or a user id (their DM with the app). */
  private Channel postable(String target) {
    if (target == null || target.isBlank()) {
      throw new SlackError("channel_not_found");
    }
    if (users.containsKey(target)) {
      return channels.get(im(target));
    }
    String name = target.startsWith("#") ? target.substring(1) : target;
    Channel channel = channels.get(target);
    if (channel == null) {
      channel = channels.values().stream().filter(c -> name.equals(c.name())).findFirst()
          .orElseThrow(() -> new SlackError("channel_not_found"));
    }
    if (!channel.member()) {
      throw new SlackError("not_in_channel");
    }
    return channel;
  }

  private String im(String user) {
    String id = imsByUser.computeIfAbsent(user, u -> "D" + u.substring(1));
    channels.putIfAbsent(id, new Channel(id, null, true, true, user, null));
    return id;
  }

  /** A message posted, or seeded as the past (the bot may update what it posted before the fake started). */
  private ObjectNode find(String channel, String ts) {
    for (ObjectNode m : all(channel)) {
      if (m.path("ts").asText().equals(ts)) {
        return m;
      }
    }
    return null;
  }

  private static boolean isReply(JsonNode m) {
    return m.hasNonNull("thread_ts") && !m.path("thread_ts").asText().equals(m.path("ts").asText());
  }

  private static void need(Set<String> scopes, String scope) {
    if (!scopes.contains(scope)) {
      SlackError e = new SlackError("missing_scope");
      e.body.put("needed", scope).put("provided", String.join(",", new java.util.TreeSet<>(scopes)));
      throw e;
    }
  }

  private static SlackError invalid(String error, List<String> problems) {
    SlackError e = new SlackError(error);
    ArrayNode errors = e.body.putArray("errors");
    ArrayNode messages = e.body.putObject("response_metadata").putArray("messages");
    problems.forEach(p -> {
      errors.add(p);
      messages.add("[ERROR] " + p);
    });
    return e;
  }

  // ---- the wire ----

  /** A call's arguments, from a form or a JSON body, each as a JSON value (form values as strings). */
  static Map<String, JsonNode> arguments(Request request) {
    String body = request.getBodyAsString();
    var out = new LinkedHashMap<String, JsonNode>();
    String type = String.valueOf(request.getHeader("Content-Type")).toLowerCase(Locale.ROOT);
    if (type.startsWith("application/json")) {
      try {
        JsonNode node = JSON.readTree(body);
        node.properties().forEach(f -> out.put(f.getKey(), f.getValue()));
      } catch (JsonProcessingException e) {
        throw new SlackError("invalid_json");
      }
      return out;
    }
    String query = request.getUrl().contains("?") ? request.getUrl().substring(request.getUrl().indexOf('?') + 1) : "";
    for (String source : new String[] {query, body}) {
      for (String pair : source.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              TextNode.valueOf(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
        }
      }
    }
    return out;
  }

  private static String token(Request request, Map<String, JsonNode> args) {
    String header = request.getHeader("Authorization");
    if (header != null && header.startsWith("Bearer ")) {
      return header.substring("Bearer ".length()).trim();
    }
    String token = text(args, "token");
    if (token == null || token.isBlank()) {
      throw new SlackError("not_authed");
    }
    return token;
  }

  private static String text(Map<String, JsonNode> args, String name) {
    JsonNode v = args.get(name);
    return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
  }

  private static String required(Map<String, JsonNode> args, String name, String error) {
    String v = text(args, name);
    if (v == null || v.isBlank()) {
      throw new SlackError(error);
    }
    return v;
  }

  /** A JSON argument: a string holding JSON (a form) or the JSON itself (a JSON body). */
  private static JsonNode json(Map<String, JsonNode> args, String name, String error) {
    JsonNode v = args.get(name);
    if (v == null || v.isNull()) {
      throw new SlackError(error);
    }
    if (!v.isTextual()) {
      return v.deepCopy();
    }
    try {
      return JSON.readTree(v.asText());
    } catch (JsonProcessingException e) {
      throw new SlackError(error);
    }
  }

  private static boolean flag(String v) {
    return "true".equalsIgnoreCase(v) || "1".equals(v);
  }

  private static int integer(String v, int otherwise) {
    try {
      return v == null ? otherwise : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private static String cursor(int offset) {
    return Base64.getEncoder().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int cursorOffset(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      String plain = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (plain.startsWith("offset:")) {
        return Integer.parseInt(plain.substring("offset:".length()));
      }
    } catch (IllegalArgumentException e) {
      // falls through to Slack's answer for a cursor it did not issue
    }
    throw new SlackError("invalid_cursor");
  }

  private static ObjectNode ok() {
    return JSON.createObjectNode().put("ok", true);
  }

  private static ResponseDefinition respond(ObjectNode body, Set<String> scopes) {
    var response = aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body.toString());
    if (scopes != null) {
      response.withHeader("X-OAuth-Scopes", String.join(",", new java.util.TreeSet<>(scopes)));
    }
    return response.build();
  }

  private static List<JsonNode> copies(List<? extends JsonNode> nodes) {
    return nodes.stream().map(n -> n.<JsonNode>deepCopy()).toList();
  }

  // ---- between runs ----

  private void load() {
    if (stateFile == null || !Files.isRegularFile(stateFile)) {
      return;
    }
    try {
      JsonNode state = JSON.readTree(stateFile.toFile());
      sequence = state.path("sequence").asLong();
      state.path("directMessages").properties().forEach(f -> im(f.getKey()));
      state.path("messages").properties().forEach(f -> {
        var list = messages.computeIfAbsent(f.getKey(), c -> new ArrayList<>());
        f.getValue().forEach(m -> list.add((ObjectNode) m));
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the fake Slack workspace's state " + stateFile, e);
    }
  }

  private void save() {
    if (stateFile == null) {
      return;
    }
    ObjectNode state = JSON.createObjectNode().put("sequence", sequence);
    state.set("directMessages", JSON.valueToTree(imsByUser));
    state.set("messages", JSON.valueToTree(messages));
    try {
      Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
      Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the fake Slack workspace's state in " + stateFile, e);
    }
  }

  @Override
  public String toString() {
    return "SlackWorkspace[team=" + teamId + ", channels=" + channels.size() + "]";
  }
}
