package org.handoffbrief.testing;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Gong on loopback, answering API v2 from the records it is seeded with:
 * {@code POST /v2/calls/extensive} (the {@code filter}'s {@code fromDateTime}/{@code toDateTime}
 * on a call's scheduled time, else its start, {@code callIds}, {@code workspaceId},
 * {@code primaryUserIds}; pages joined by {@code records.cursor}; no call found is Gong's 404) and
 * {@code POST /v2/calls/transcript} (the transcripts of {@code filter.callIds}). Every request must
 * carry the access key's Basic credentials or the bearer token; anything else gets Gong's 401.
 *
 * <pre>{@code
 * try (var gong = FakeGong.start()) {
 *   gong.call(call).transcript(transcript);
 *   // point your connector or route at gong.baseUrl() with gong.accessKey() and gong.accessKeySecret()
 * }
 * }</pre>
 *
 * <p>Records are the JSON objects Gong returns: a call as in {@code calls/extensive}'s
 * {@code calls} ({@code metaData}, {@code parties}, {@code content}), a transcript as in
 * {@code callTranscripts} ({@code callId}, {@code transcript}). They are served as given, whatever
 * {@code contentSelector} asks. Thread-safe.
 */
public final class FakeGong extends FakeVendor {
  /** The access key {@link #start()} accepts; its secret is made at start. */
  public static final String ACCESS_KEY = "TEST-GONG-ACCESS-KEY";
  /** The OAuth bearer token every fake Gong also accepts; obviously not a secret. */
  public static final String BEARER_TOKEN = "test-token-not-a-secret";

  private static final String JSON = "application/json; charset=utf-8";
  /** Gong's page of calls. */
  private static final int GONG_PAGE = 100;

  private final ObjectMapper json = new ObjectMapper();
  private final String accessKey;
  private final String secret;
  private final List<ObjectNode> calls = new ArrayList<>();
  private final List<ObjectNode> transcripts = new ArrayList<>();
  private volatile int pageSize = GONG_PAGE;

  private FakeGong(WireMockServer server, String accessKey, String secret) {
    super(server);
    this.accessKey = accessKey;
    this.secret = secret;
  }

  /** Starts an empty Gong on 127.0.0.1 on a free port, accepting {@link #ACCESS_KEY} with a secret made now. */
  public static FakeGong start() {
    return start(ACCESS_KEY);
  }

  /** Starts an empty Gong on 127.0.0.1 on a free port, accepting {@code accessKey} with a secret made now. */
  public static FakeGong start(String accessKey) {
    Objects.requireNonNull(accessKey, "accessKey == null");
    var self = new java.util.concurrent.atomic.AtomicReference<FakeGong>();
    var server = Answering.start(request -> self.get().answer(request));
    var gong = new FakeGong(server, accessKey, "test-secret-" + UUID.randomUUID());
    self.set(gong);
    return gong;
  }

  /** Stands in for {@code https://api.gong.io}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The access key Gong accepts. */
  public String accessKey() {
    return accessKey;
  }

  /** The access key's secret, made at start and never written anywhere by the fake. */
  public String accessKeySecret() {
    return secret;
  }

  @Override
  protected String rateLimitedBody() {
    return "{\"requestId\":\"fake-rate-limited\",\"errors\":[\"Too many requests\"]}";
  }

  /** Serves at most {@code size} calls a page (Gong's own page is 100), so a test sees the cursor. */
  public FakeGong pageSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("size < 1: " + size);
    }
    this.pageSize = Math.min(size, GONG_PAGE);
    return this;
  }

  /** Adds a call record, after the earlier ones. */
  public synchronized FakeGong call(ObjectNode call) {
    calls.add(call.deepCopy());
    return this;
  }

  /** Adds a call's transcript ({@code callId}, {@code transcript}). */
  public synchronized FakeGong transcript(ObjectNode transcript) {
    transcripts.add(transcript.deepCopy());
    return this;
  }

  /**
   * Adds every record in one of Gong's answers, as recorded: its {@code calls} and
   * {@code callTranscripts}.
   *
   * @throws IllegalArgumentException when {@code answer} is not a JSON object
   */
  public FakeGong load(String answer) {
    JsonNode root;
    try {
      root = json.readTree(Objects.requireNonNull(answer, "answer == null"));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a Gong answer: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a Gong answer is a JSON object");
    }
    root.path("calls").forEach(c -> call((ObjectNode) c));
    root.path("callTranscripts").forEach(t -> transcript((ObjectNode) t));
    return this;
  }

  // ---- the answers ----

  private boolean authorized(String header) {
    String basic = "Basic " + Base64.getEncoder().encodeToString((accessKey + ":" + secret)
        .getBytes(StandardCharsets.UTF_8));
    return basic.equals(header) || ("Bearer " + BEARER_TOKEN).equals(header);
  }

  private synchronized ResponseDefinition answer(Request request) {
    if (!authorized(request.getHeader("Authorization"))) {
      return Answering.json(401, WireFixtures.read("gong/error-401.json"));
    }
    String path = URI.create(request.getUrl()).getRawPath();
    JsonNode body;
    try {
      body = request.getBodyAsString().isBlank() ? json.createObjectNode() : json.readTree(request.getBodyAsString());
    } catch (JsonProcessingException e) {
      return error(400, "Request body is not valid JSON");
    }
    if (!request.getMethod().getName().equals("POST")) {
      return error(404, "Not found");
    }
    return switch (path) {
      case "/v2/calls/extensive" -> extensive(body);
      case "/v2/calls/transcript" -> transcripts(body);
      default -> error(404, "Not found");
    };
  }

  private ResponseDefinition extensive(JsonNode body) {
    JsonNode filter = body.path("filter");
    OffsetDateTime from = time(filter.path("fromDateTime").asText(null));
    OffsetDateTime to = time(filter.path("toDateTime").asText(null));
    Set<String> ids = texts(filter.path("callIds"));
    Set<String> primary = texts(filter.path("primaryUserIds"));
    String workspace = filter.path("workspaceId").asText(null);
    var found = new ArrayList<ObjectNode>();
    for (ObjectNode call : calls) {
      JsonNode meta = call.path("metaData");
      OffsetDateTime at = time(meta.path("scheduled").asText(meta.path("started").asText(null)));
      boolean inRange = at == null || (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
      if (inRange && (ids.isEmpty() || ids.contains(meta.path("id").asText()))
          && (primary.isEmpty() || primary.contains(meta.path("primaryUserId").asText()))
          && (workspace == null || workspace.equals(meta.path("workspaceId").asText()))) {
        found.add(call);
      }
    }
    if (found.isEmpty()) {
      return Answering.json(404, WireFixtures.read("gong/error-404-no-calls.json"));
    }
    int start = cursorIndex(body.path("cursor").asText(null));
    if (start < 0 || start >= found.size()) {
      return error(400, "cursor is invalid or expired");
    }
    int end = Math.min(found.size(), start + pageSize);
    ObjectNode page = json.createObjectNode();
    page.put("requestId", "fake" + Integer.toHexString(start));
    ObjectNode records = page.putObject("records");
    records.put("totalRecords", found.size()).put("currentPageSize", end - start)
        .put("currentPageNumber", start / pageSize);
    if (end < found.size()) {
      records.put("cursor", cursor(end));
    }
    ArrayNode list = page.putArray("calls");
    found.subList(start, end).forEach(list::add);
    return Answering.json(200, page);
  }

  private ResponseDefinition transcripts(JsonNode body) {
    Set<String> ids = texts(body.path("filter").path("callIds"));
    ObjectNode page = json.createObjectNode();
    page.put("requestId", "fake-transcripts");
    ObjectNode records = page.putObject("records");
    ArrayNode list = page.putArray("callTranscripts");
    transcripts.stream().filter(t -> ids.isEmpty() || ids.contains(t.path("callId").asText())).forEach(list::add);
    records.put("totalRecords", list.size()).put("currentPageSize", list.size()).put("currentPageNumber", 0);
    return Answering.json(200, page);
  }

  /** Opaque to a client, as Gong's are: where the next page starts. */
  private static String cursor(int index) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("fake-gong-page-" + index)
        .getBytes(StandardCharsets.UTF_8));
  }

  private static int cursorIndex(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      return decoded.startsWith("fake-gong-page-") ? Integer.parseInt(decoded.substring(15)) : -1;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> out = new HashSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static OffsetDateTime time(String text) {
    try {
      return text == null ? null : OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private ResponseDefinition error(int status, String message) {
    ObjectNode body = json.createObjectNode();
    body.put("requestId", "fake-error");
    body.putArray("errors").add(message);
    return Answering.json(status, body);
  }
}
