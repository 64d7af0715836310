package org.handoffbrief.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What Slack sends the app's interactivity Request URL when a person of the demo workspace clicks
 * a button in a message or submits a modal: a POST with {@code Content-Type:
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
 * Each payload's {@code trigger_id} is new and exchangeable once by {@code views.open} in the demo
 * workspace. The deprecated verification {@code token} field is left out: verify the signature.
 *
 * <p>The signing secret never appears in {@link #toString()}, in a {@link SignedRequest} or in an
 * exception.
 */
final class DemoSlackInteraction {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final DemoSlackWorkspace workspace;
  private final URI baseUrl;
  private final String signingSecret;
  private final Clock clock;

  DemoSlackInteraction(DemoSlackWorkspace workspace, URI baseUrl, String signingSecret, Clock clock) {
    this.workspace = Objects.requireNonNull(workspace, "workspace == null");
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
    this.signingSecret = Objects.requireNonNull(signingSecret, "signingSecret == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** The same interactions signed at {@code at}: how a test makes a stale or replayed request. */
  DemoSlackInteraction at(Instant at) {
    return new DemoSlackInteraction(workspace, baseUrl, signingSecret, Clock.fixed(at, ZoneOffset.UTC));
  }

  /** The same interactions signed with another secret: how a test forges one. */
  DemoSlackInteraction signedWith(String otherSecret) {
    return new DemoSlackInteraction(workspace, baseUrl, otherSecret, clock);
  }

  /**
   * {@code user} clicks the button {@code actionId} in the message {@code ts} of {@code channel}
   * (a DM's D id or a channel id), as the app posted it.
   *
   * @throws IllegalArgumentException when there is no such message, person or button: a person
   *     cannot click what is not there
   */
  SignedRequest click(String user, String channel, String ts, String actionId) {
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
    DemoSlackWorkspace.Channel where = workspace.channel(channel);
    payload.putObject("channel").put("id", channel)
        .put("name", where == null || where.im() ? "directmessage" : where.name());
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
  SignedRequest submit(String user, String viewId, Map<String, String> values) {
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
   * {@code user} types the slash command {@code /handoff <text>} in {@code channel}: the form Slack
   * posts to the command's Request URL.
   */
  SignedRequest command(String user, String channel, String text) {
    JsonNode person = person(user);
    String trigger = workspace.issueTrigger();
    var form = new LinkedHashMap<String, String>();
    form.put("token", "FAKE-deprecated-verification-token");
    form.put("team_id", workspace.teamId());
    form.put("team_domain", "northwind-analytics");
    form.put("channel_id", channel);
    form.put("channel_name", "cs-handoffs");
    form.put("user_id", user);
    form.put("user_name", person.path("name").asText());
    form.put("command", "/handoff");
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
    return sign(payload, body, FORM);
  }

  /**
   * {@code user} mentions the app in {@code channel} ({@code <@bot> <text>}): the {@code app_mention}
   * event Slack posts to the Event Subscriptions Request URL; {@code event.ts} is the mention's ts.
   */
  SignedRequest mention(String user, String channel, String text) {
    person(user);
    String ts = workspace.nextTs();
    ObjectNode payload = JSON.createObjectNode().put("token", "FAKE-deprecated-verification-token")
        .put("team_id", workspace.teamId()).put("api_app_id", workspace.appId());
    payload.putObject("event").put("type", "app_mention").put("user", user)
        .put("text", "<@U0HANDOFFB> " + text).put("ts", ts).put("channel", channel).put("event_ts", ts);
    payload.put("type", "event_callback").put("event_id", "Ev" + ts.replace(".", ""))
        .put("event_time", clock.instant().getEpochSecond());
    return sign(payload, payload.toString(), "application/json");
  }

  private JsonNode person(String userId) {
    JsonNode person = workspace.user(userId);
    if (person == null) {
      throw new IllegalArgumentException("no person " + userId + " in the demo workspace");
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
      throw new IllegalArgumentException("no person " + userId + " in the demo workspace");
    }
    ObjectNode payload = JSON.createObjectNode().put("type", type);
    payload.putObject("user").put("id", userId).put("username", person.path("name").asText())
        .put("name", person.path("name").asText()).put("team_id", person.path("team_id").asText());
    payload.put("api_app_id", workspace.appId());
    payload.putObject("team").put("id", workspace.teamId()).put("domain", "northwind-analytics");
    payload.putNull("enterprise");
    payload.put("is_enterprise_install", false);
    return payload;
  }

  private String actionTs() {
    Instant now = clock.instant();
    return now.getEpochSecond() + "." + String.format(Locale.ROOT, "%06d", now.getNano() / 1000);
  }

  private SignedRequest sign(ObjectNode payload) {
    return sign(payload, "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8), FORM);
  }

  private SignedRequest sign(JsonNode payload, String body, String contentType) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    return new SignedRequest(payload, body, timestamp, signature(signingSecret, timestamp, body), contentType);
  }

  /** Slack's v0 signature: {@code v0=} and the hex HMAC-SHA256 of {@code v0:<timestamp>:<body>}. */
  static String signature(String secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "v0=" + HexFormat.of().formatHex(
          mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot compute HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "DemoSlackInteraction[workspace=" + workspace.teamId() + "]";
  }

  /**
   * One signed interaction request, as Slack sends it: the form body and its headers. Holds no
   * secret: the signature cannot be turned back into one.
   *
   * @param payload the payload, for a test to read
   * @param body the exact bytes signed ({@code payload=...}), to be sent unchanged
   * @param timestamp {@code X-Slack-Request-Timestamp}
   * @param signature {@code X-Slack-Signature}
   * @param contentType a form's, or JSON's for an event
   */
  record SignedRequest(JsonNode payload, String body, String timestamp, String signature, String contentType) {

    /** The headers Slack sends with it. */
    Map<String, String> headers() {
      return Map.of("Content-Type", contentType, "X-Slack-Request-Timestamp", timestamp,
          "X-Slack-Signature", signature, "User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)");
    }

    /** The same request with {@code header} left out: how a test sends one Slack would never send. */
    Map<String, String> headersWithout(String header) {
      var out = new LinkedHashMap<>(headers());
      out.remove(header);
      return out;
    }

    /**
     * POSTs it to the app's interactivity Request URL, as Slack does.
     *
     * @return the app's answer (Slack wants a 200 within three seconds)
     */
    HttpResponse<String> postTo(URI requestUrl) throws IOException, InterruptedException {
      var request = HttpRequest.newBuilder(requestUrl).POST(HttpRequest.BodyPublishers.ofString(body));
      headers().forEach(request::header);
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public String toString() {
      return "SignedRequest[" + payload.path("type").asText() + ", timestamp=" + timestamp + "]";
    }
  }
}
