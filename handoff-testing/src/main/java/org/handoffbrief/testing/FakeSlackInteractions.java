package org.handoffbrief.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What Slack sends an app when a person of a {@link FakeSlack} workspace clicks a button in a
 * message the app posted, submits a modal it opened, types a slash command or mentions it; get one
 * from {@link FakeSlack#interactions(String)}. An interaction is a POST with {@code Content-Type:
 * application/x-www-form-urlencoded}, the body {@code payload=<url-encoded JSON>}, and the two
 * headers Slack signs it with ("Verifying requests from Slack"): {@code X-Slack-Request-Timestamp}
 * (epoch seconds) and {@code X-Slack-Signature}, {@code v0=} and the hex HMAC-SHA256, keyed with
 * the app's signing secret, of {@code v0:<timestamp>:<body>}.
 *
 * <p>The payloads follow Slack's references, with the fields a handler reads:
 * <ul>
 *   <li><b>block_actions payload</b> (reference "block_actions payload"): {@code type},
 *       {@code user} ({@code id}, {@code username}, {@code name}, {@code team_id}), {@code api_app_id},
 *       {@code team} ({@code id}, {@code domain}), {@code container} ({@code type: message},
 *       {@code message_ts}, {@code channel_id}, {@code is_ephemeral}), {@code trigger_id},
 *       {@code channel} ({@code id}, {@code name}), {@code message} (the message as the channel
 *       shows it, without its metadata: carry ids in the button's {@code value}), {@code state},
 *       {@code response_url}, and {@code actions}: the clicked button's {@code action_id},
 *       {@code block_id}, {@code text}, {@code value}, {@code style}, {@code type: button} and
 *       {@code action_ts}. The button is looked up in the message the app posted, so its value is
 *       the one the app wrote;</li>
 *   <li><b>view_submission payload</b> (reference "View interaction payloads"): {@code type},
 *       {@code team}, {@code user}, {@code api_app_id}, {@code trigger_id}, {@code view} (the view as
 *       {@code views.open} answered it: {@code id}, {@code callback_id}, {@code private_metadata},
 *       {@code hash}, {@code blocks}) with {@code view.state.values} keyed by block id then action
 *       id: {@code {"type":"plain_text_input","value":...}} for a text input,
 *       {@code {"type":"static_select","selected_option":{...}}} for a select or radio buttons.</li>
 * </ul>
 * Each payload's {@code trigger_id} is new and exchangeable once by {@code views.open} in the fake
 * workspace. The deprecated verification {@code token} field is left out: verify the signature.
 *
 *
 * <pre>{@code
 * SignedSlackRequest click = slack.interactions(signingSecret).click(user, channel, ts, "approve");
 * HttpResponse<String> answer = click.postTo(URI.create("http://127.0.0.1:8080/slack/interactions"));
 * }</pre>
 *
 * <p>Signed by {@link SlackRequestSigner}; the signing secret never appears in {@link #toString()},
 * in a {@link SignedSlackRequest} or in an exception.
 */
public final class FakeSlackInteractions {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FORM = "application/x-www-form-urlencoded";

  private final SlackWorkspace workspace;
  private final URI baseUrl;
  private final SlackRequestSigner signer;

  FakeSlackInteractions(SlackWorkspace workspace, URI baseUrl, SlackRequestSigner signer) {
    this.workspace = Objects.requireNonNull(workspace, "workspace == null");
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
    this.signer = Objects.requireNonNull(signer, "signer == null");
  }

  /** The same interactions signed at {@code at}: how a test makes a stale or replayed request. */
  public FakeSlackInteractions at(Instant at) {
    return new FakeSlackInteractions(workspace, baseUrl, signer.at(at));
  }

  /** The same interactions signed with another secret: how a test forges one. */
  public FakeSlackInteractions signedWith(String otherSecret) {
    return new FakeSlackInteractions(workspace, baseUrl, signer.signedWith(otherSecret));
  }

  /**
   * {@code user} clicks the button {@code actionId} in the message {@code ts} of {@code channel}
   * (a DM's D id or a channel id), as the app posted it.
   *
   * @throws IllegalArgumentException when there is no such message, person or button: a person
   *     cannot click what is not there
   */
  public SignedSlackRequest click(String user, String channel, String ts, String actionId) {
    JsonNode message = workspace.message(channel, ts);
    if (message == null) {
      throw new IllegalArgumentException("no message " + ts + " in " + channel + " to click in");
    }
    ObjectNode button = null;
    String blockId = null;
    for (JsonNode block : message.path("blocks")) {
      for (JsonNode element : elements(block)) {
        if (actionId.equals(element.path("action_id").asText())) {
          button = (ObjectNode) element;
          blockId = block.path("block_id").asText();
        }
      }
    }
    if (button == null || !"button".equals(button.path("type").asText())) {
      throw new IllegalArgumentException("message " + ts + " has no button '" + actionId + "'");
    }
    ObjectNode payload = common("block_actions", user);
    ObjectNode container = payload.putObject("container").put("type", "message").put("message_ts", ts)
        .put("channel_id", channel).put("is_ephemeral", false);
    if (message.hasNonNull("thread_ts")) {
      container.put("thread_ts", message.path("thread_ts").asText());
    }
    payload.put("trigger_id", workspace.issueTrigger());
    payload.putObject("channel").put("id", channel).put("name", channelName(channel));
    ObjectNode shown = message.deepCopy();
    shown.remove("metadata");
    payload.set("message", shown);
    payload.putObject("state").putObject("values");
    payload.put("response_url", baseUrl + "/actions/" + workspace.teamId() + "/" + ts.replace(".", "")
        + "/" + HexFormat.of().toHexDigits(Objects.hash(channel, ts, actionId)));
    ObjectNode action = payload.putArray("actions").addObject().put("action_id", actionId).put("block_id", blockId);
    action.set("text", button.path("text"));
    if (button.has("value")) {
      action.put("value", button.path("value").asText());
    }
    if (button.has("style")) {
      action.put("style", button.path("style").asText());
    }
    action.put("type", "button").put("action_ts", actionTs());
    return sign(payload);
  }

  /**
   * {@code user} submits the modal {@code viewId} the app opened, having entered {@code values}:
   * action id to what was typed, or to the chosen option's value for a select or radio buttons.
   * Inputs not named are left empty.
   *
   * @throws IllegalArgumentException when the view was not opened, a value names no input or no
   *     option of it, or a required input is left empty: Slack would not let the person submit
   */
  public SignedSlackRequest submit(String user, String viewId, Map<String, String> values) {
    JsonNode opened = workspace.view(viewId);
    if (opened == null) {
      throw new IllegalArgumentException("no view " + viewId + " was opened");
    }
    var left = new LinkedHashMap<>(values);
    ObjectNode state = JSON.createObjectNode();
    for (JsonNode block : opened.path("blocks")) {
      JsonNode element = block.path("element");
      if (!"input".equals(block.path("type").asText()) || element.isMissingNode()) {
        continue;
      }
      String actionId = element.path("action_id").asText();
      String value = left.remove(actionId);
      if (value == null && !block.path("optional").asBoolean(false)) {
        throw new IllegalArgumentException("input '" + actionId + "' is required; Slack would not submit it empty");
      }
      state.putObject(block.path("block_id").asText()).set(actionId, stateValue(element, value));
    }
    if (!left.isEmpty()) {
      throw new IllegalArgumentException("view " + viewId + " has no input " + left.keySet());
    }
    ObjectNode payload = common("view_submission", user);
    payload.put("trigger_id", workspace.issueTrigger());
    ObjectNode view = (ObjectNode) opened;
    view.putObject("state").set("values", state);
    payload.set("view", view);
    payload.putArray("response_urls");
    return sign(payload);
  }

  /**
   * {@code user} types the slash command {@code <command> <text>} (e.g. {@code /handoff status}) in
   * {@code channel}: the form Slack posts to the command's Request URL.
   */
  public SignedSlackRequest command(String user, String channel, String command, String text) {
    JsonNode person = person(user);
    String trigger = workspace.issueTrigger();
    var form = new LinkedHashMap<String, String>();
    form.put("token", "FAKE-deprecated-verification-token");
    form.put("team_id", workspace.teamId());
    form.put("team_domain", workspace.domain());
    form.put("channel_id", channel);
    form.put("channel_name", channelName(channel));
    form.put("user_id", user);
    form.put("user_name", person.path("name").asText());
    form.put("command", command);
    form.put("text", text);
    form.put("api_app_id", workspace.appId());
    form.put("is_enterprise_install", "false");
    form.put("response_url", baseUrl + "/commands/" + workspace.teamId() + "/" + trigger.replace(".", ""));
    form.put("trigger_id", trigger);
    ObjectNode payload = JSON.createObjectNode().put("type", "slash_command");
    form.forEach(payload::put);
    String body = form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(java.util.stream.Collectors.joining("&"));
    return signer.sign(payload, body, FORM);
  }

  /**
   * {@code user} mentions the app in {@code channel} ({@code <@bot> <text>}): the {@code app_mention}
   * event Slack posts to the Event Subscriptions Request URL; {@code event.ts} is the mention's ts.
   */
  public SignedSlackRequest mention(String user, String channel, String text) {
    person(user);
    String ts = workspace.nextTs();
    ObjectNode payload = JSON.createObjectNode().put("token", "FAKE-deprecated-verification-token")
        .put("team_id", workspace.teamId()).put("api_app_id", workspace.appId());
    payload.putObject("event").put("type", "app_mention").put("user", user)
        .put("text", "<@" + workspace.botUser() + "> " + text).put("ts", ts).put("channel", channel).put("event_ts", ts);
    payload.put("type", "event_callback").put("event_id", "Ev" + ts.replace(".", ""))
        .put("event_time", signer.now().getEpochSecond());
    return signer.sign(payload, payload.toString(), "application/json");
  }

  private JsonNode person(String userId) {
    JsonNode person = workspace.user(userId);
    if (person == null) {
      throw new IllegalArgumentException("no person " + userId + " in the fake workspace");
    }
    return person;
  }

  private static ObjectNode stateValue(JsonNode element, String value) {
    String type = element.path("type").asText();
    ObjectNode out = JSON.createObjectNode().put("type", type);
    if (!type.equals("static_select") && !type.equals("radio_buttons")) {
      out.put("value", value);
      return out;
    }
    if (value == null) {
      out.putNull("selected_option");
      return out;
    }
    for (JsonNode option : options(element)) {
      if (value.equals(option.path("value").asText())) {
        out.set("selected_option", option);
        return out;
      }
    }
    throw new IllegalArgumentException("'" + element.path("action_id").asText() + "' has no option '" + value + "'");
  }

  private static ArrayNode options(JsonNode element) {
    ArrayNode all = JSON.createArrayNode();
    element.path("options").forEach(all::add);
    element.path("option_groups").forEach(g -> g.path("options").forEach(all::add));
    return all;
  }

  private static ArrayNode elements(JsonNode block) {
    ArrayNode all = JSON.createArrayNode();
    block.path("elements").forEach(all::add);
    if (block.has("accessory")) {
      all.add(block.path("accessory"));
    }
    return all;
  }

  private ObjectNode common(String type, String userId) {
    JsonNode person = workspace.user(userId);
    if (person == null) {
      throw new IllegalArgumentException("no person " + userId + " in the fake workspace");
    }
    ObjectNode payload = JSON.createObjectNode().put("type", type);
    payload.putObject("user").put("id", userId).put("username", person.path("name").asText())
        .put("name", person.path("name").asText()).put("team_id", person.path("team_id").asText());
    payload.put("api_app_id", workspace.appId());
    payload.putObject("team").put("id", workspace.teamId()).put("domain", workspace.domain());
    payload.putNull("enterprise");
    payload.put("is_enterprise_install", false);
    return payload;
  }

  /** A channel's name as Slack's payloads give it: {@code directmessage} for a DM. */
  private String channelName(String channel) {
    SlackWorkspace.Channel where = workspace.channel(channel);
    return where == null || where.im() || where.name() == null ? "directmessage" : where.name();
  }

  private String actionTs() {
    Instant now = signer.now();
    return now.getEpochSecond() + "." + String.format(Locale.ROOT, "%06d", now.getNano() / 1000);
  }

  private SignedSlackRequest sign(ObjectNode payload) {
    return signer.sign(payload, "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8), FORM);
  }

  @Override
  public String toString() {
    return "FakeSlackInteractions[workspace=" + workspace.teamId() + "]";
  }
}
