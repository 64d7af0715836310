package org.handoffbrief.testing;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Zendesk account on loopback, answering the REST API v2 from the records it is seeded with:
 * organization search by name, the Search API for tickets ({@code type:ticket},
 * {@code organization:}, {@code requester:}, {@code created}/{@code updated} dates, {@code sort_by},
 * {@code per_page} and {@code page} with {@code next_page}), {@code users/show_many}, and ticket
 * comments with cursor pagination ({@code page[size]}, {@code page[after]}) and side-loaded users
 * ({@code include=users}). Every call must carry the agent's API token ({@code email/token:token},
 * Basic); anything else gets Zendesk's 401. An endpoint it does not serve gets Zendesk's 404.
 *
 * <pre>{@code
 * try (var zendesk = FakeZendesk.start()) {
 *   zendesk.organization(org).user(requester).ticket(ticket).comment(ticketId, comment);
 *   // point your connector or route at zendesk.baseUrl() with zendesk.agentEmail() and zendesk.apiToken()
 * }
 * }</pre>
 *
 * <p>Records are the JSON objects Zendesk returns (a ticket as in {@code GET /api/v2/tickets/{id}},
 * with {@code requester_id}, {@code organization_id}, {@code created_at}, {@code updated_at}); they
 * are served as given. Thread-safe.
 */
public final class FakeZendesk extends FakeVendor {
  /** The agent address {@link #start()} accepts. */
  public static final String AGENT_EMAIL = "test-agent@example.com";
  /** The API token {@link #start()} accepts; obviously not a secret. */
  public static final String API_TOKEN = "test-token-not-a-secret";

  private static final String JSON = "application/json; charset=utf-8";
  /** The most Zendesk returns on one page, whatever {@code per_page} or {@code page[size]} asks. */
  private static final int ZENDESK_MAX_PAGE = 100;
  private static final Pattern TERM = Pattern.compile("(\\w+)(>=|<=|:|>|<)(.+)");

  private final ObjectMapper json = new ObjectMapper();
  private final String agentEmail;
  private final String apiToken;
  private final Map<Long, ObjectNode> organizations = new LinkedHashMap<>();
  private final Map<Long, ObjectNode> users = new LinkedHashMap<>();
  private final Map<Long, ObjectNode> tickets = new LinkedHashMap<>();
  private final Map<Long, List<ObjectNode>> comments = new LinkedHashMap<>();
  private volatile int pageSize = ZENDESK_MAX_PAGE;

  private FakeZendesk(WireMockServer server, String agentEmail, String apiToken) {
    super(server);
    this.agentEmail = agentEmail;
    this.apiToken = apiToken;
  }

  /** Starts an empty account on 127.0.0.1 on a free port that accepts {@link #AGENT_EMAIL}'s {@link #API_TOKEN}. */
  public static FakeZendesk start() {
    return start(AGENT_EMAIL, API_TOKEN);
  }

  /** Starts an empty account on 127.0.0.1 on a free port that accepts only this agent's API token. */
  public static FakeZendesk start(String agentEmail, String apiToken) {
    Objects.requireNonNull(agentEmail, "agentEmail == null");
    Objects.requireNonNull(apiToken, "apiToken == null");
    var self = new java.util.concurrent.atomic.AtomicReference<FakeZendesk>();
    var server = Answering.start(request -> self.get().answer(request));
    var zendesk = new FakeZendesk(server, agentEmail, apiToken);
    self.set(zendesk);
    return zendesk;
  }

  /** Where the API is served; stands in for {@code https://{subdomain}.zendesk.com}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The agent whose API token the account accepts. */
  public String agentEmail() {
    return agentEmail;
  }

  /** The API token the account accepts. */
  public String apiToken() {
    return apiToken;
  }

  /**
   * Serves at most {@code size} records a page (Zendesk's own cap is 100), so a test can see
   * pagination with a few records.
   */
  public FakeZendesk pageSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("size < 1: " + size);
    }
    this.pageSize = Math.min(size, ZENDESK_MAX_PAGE);
    return this;
  }

  /**
   * Answers more than {@code requests} calls in one clock second with Zendesk's 429 and
   * {@code Retry-After: 1}, as an account's rate limit does; 0 turns the limit off (the default).
   */
  @Override
  public FakeZendesk rateLimitPerSecond(int requests) {
    super.rateLimitPerSecond(requests);
    return this;
  }

  @Override
  protected String rateLimitedBody() {
    return "{\"error\":\"APIRateLimitExceeded\",\"description\":\"Number of allowed API requests per minute exceeded\"}";
  }

  /** Adds an organization ({@code id}, {@code name}, {@code domain_names}), replacing one with its id. */
  public synchronized FakeZendesk organization(ObjectNode organization) {
    organizations.put(id(organization), organization.deepCopy());
    return this;
  }

  /** Adds a user ({@code id}, {@code name}, {@code email}, {@code role}), replacing one with its id. */
  public synchronized FakeZendesk user(ObjectNode user) {
    users.put(id(user), user.deepCopy());
    return this;
  }

  /** Adds a ticket, replacing one with its id; its comments are added with {@link #comment}. */
  public synchronized FakeZendesk ticket(ObjectNode ticket) {
    ObjectNode copy = ticket.deepCopy();
    copy.remove("result_type");
    tickets.put(id(ticket), copy);
    return this;
  }

  /** Adds a comment to ticket {@code ticketId}, after its earlier ones (the first is the description). */
  public synchronized FakeZendesk comment(long ticketId, ObjectNode comment) {
    comments.computeIfAbsent(ticketId, k -> new ArrayList<>()).add(comment.deepCopy());
    return this;
  }

  /**
   * Adds every record in one of Zendesk's answers, as recorded: its {@code organizations},
   * {@code users}, {@code tickets} and ticket {@code results} (a search page) or single
   * {@code ticket}, {@code user}, {@code organization}.
   *
   * @throws IllegalArgumentException when {@code answer} is not a JSON object
   */
  public FakeZendesk load(String answer) {
    JsonNode root = parse(answer);
    root.path("organizations").forEach(o -> organization((ObjectNode) o));
    root.path("users").forEach(u -> user((ObjectNode) u));
    root.path("tickets").forEach(t -> ticket((ObjectNode) t));
    root.path("results").forEach(r -> {
      if (r.path("result_type").asText("ticket").equals("ticket")) {
        ticket((ObjectNode) r);
      }
    });
    if (root.path("ticket").isObject()) {
      ticket((ObjectNode) root.path("ticket"));
    }
    if (root.path("user").isObject()) {
      user((ObjectNode) root.path("user"));
    }
    if (root.path("organization").isObject()) {
      organization((ObjectNode) root.path("organization"));
    }
    return this;
  }

  /**
   * Adds the comments of ticket {@code ticketId} from one recorded page of
   * {@code GET /api/v2/tickets/{id}/comments.json}, and its side-loaded {@code users}.
   */
  public FakeZendesk comments(long ticketId, String answer) {
    JsonNode root = parse(answer);
    root.path("comments").forEach(c -> comment(ticketId, (ObjectNode) c));
    root.path("users").forEach(u -> user((ObjectNode) u));
    return this;
  }

  private JsonNode parse(String answer) {
    try {
      JsonNode root = json.readTree(Objects.requireNonNull(answer, "answer == null"));
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("a Zendesk answer is a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a Zendesk answer: " + e.getOriginalMessage(), e);
    }
  }

  private static long id(JsonNode record) {
    if (!record.path("id").canConvertToLong()) {
      throw new IllegalArgumentException("a Zendesk record needs a numeric id");
    }
    return record.path("id").asLong();
  }

  private String authorization() {
    return "Basic " + Base64.getEncoder().encodeToString((agentEmail + "/token:" + apiToken)
        .getBytes(StandardCharsets.UTF_8));
  }

  // ---- the answers ----

  private synchronized ResponseDefinition answer(Request request) {
    if (!authorization().equals(request.getHeader("Authorization"))) {
      return Answering.json(401, WireFixtures.read("zendesk/error-401.json"));
    }
    String path = URI.create(request.getUrl()).getRawPath();
    if (!request.getMethod().getName().equals("GET")) {
      return notFound("InvalidEndpoint");
    }
    Matcher comments = Pattern.compile("/api/v2/tickets/(\\d+)/comments\\.json").matcher(path);
    return switch (path) {
      case "/api/v2/organizations/search.json" -> organizationsNamed(param(request, "name"));
      case "/api/v2/search.json" -> search(request);
      case "/api/v2/users/show_many.json" -> showMany(param(request, "ids"));
      default -> comments.matches() ? comments(request, Long.parseLong(comments.group(1))) : notFound("InvalidEndpoint");
    };
  }

  private ResponseDefinition organizationsNamed(String name) {
    ArrayNode found = json.createArrayNode();
    organizations.values().stream().filter(o -> name != null && o.path("name").asText().equalsIgnoreCase(name))
        .forEach(found::add);
    ObjectNode page = json.createObjectNode();
    page.set("organizations", found);
    page.putNull("next_page");
    page.putNull("previous_page");
    page.put("count", found.size());
    return Answering.json(200, page);
  }

  private ResponseDefinition search(Request request) {
    String query = param(request, "query");
    if (query == null || query.isBlank()) {
      return Answering.json(400, "{\"error\":\"invalid\",\"description\":\"Query must not be empty\"}");
    }
    Predicate<ObjectNode> matches = t -> true;
    boolean ticketsOnly = false;
    for (String term : query.strip().split("\\s+")) {
      Matcher m = TERM.matcher(term);
      if (!m.matches()) {
        String text = term.toLowerCase(Locale.ROOT);
        matches = matches.and(t -> (t.path("subject").asText() + " " + t.path("description").asText())
            .toLowerCase(Locale.ROOT).contains(text));
        continue;
      }
      String field = m.group(1);
      String op = m.group(2);
      String value = m.group(3);
      switch (field) {
        case "type" -> ticketsOnly = ticketsOnly || value.equals("ticket");
        case "organization" -> matches = matches.and(t -> t.path("organization_id").asText().equals(value));
        case "requester" -> matches = matches.and(t -> requesterIs(t, value));
        case "status" -> matches = matches.and(t -> t.path("status").asText().equalsIgnoreCase(value));
        case "created", "updated" -> matches = matches.and(t -> onDate(t.path(field + "_at").asText(), op, value));
        default -> {
          return Answering.json(400, "{\"error\":\"invalid\",\"description\":\"Unsupported search term " + field + "\"}");
        }
      }
    }
    if (!ticketsOnly) {
      return Answering.json(400, "{\"error\":\"invalid\",\"description\":\"This fake searches tickets only (type:ticket)\"}");
    }
    List<ObjectNode> found = new ArrayList<>(tickets.values().stream().filter(matches).toList());
    String sortBy = param(request, "sort_by");
    if (sortBy != null && (sortBy.equals("updated_at") || sortBy.equals("created_at"))) {
      Comparator<ObjectNode> byTime = Comparator.comparing(t -> t.path(sortBy).asText());
      found.sort("asc".equals(param(request, "sort_order")) ? byTime : byTime.reversed());
    }
    int perPage = Math.min(pageSize, number(param(request, "per_page"), ZENDESK_MAX_PAGE));
    int pageNumber = Math.max(1, number(param(request, "page"), 1));
    int from = Math.min(found.size(), (pageNumber - 1) * perPage);
    int to = Math.min(found.size(), from + perPage);
    ArrayNode results = json.createArrayNode();
    for (ObjectNode t : found.subList(from, to)) {
      results.add(t.deepCopy().put("result_type", "ticket"));
    }
    ObjectNode page = json.createObjectNode();
    page.set("results", results);
    page.putNull("facets");
    if (to < found.size()) {
      page.put("next_page", searchPage(request, pageNumber + 1));
    } else {
      page.putNull("next_page");
    }
    if (pageNumber > 1) {
      page.put("previous_page", searchPage(request, pageNumber - 1));
    } else {
      page.putNull("previous_page");
    }
    page.put("count", found.size());
    return Answering.json(200, page);
  }

  private boolean requesterIs(ObjectNode ticket, String who) {
    ObjectNode user = users.get(ticket.path("requester_id").asLong(-1));
    return who.equals(ticket.path("requester_id").asText())
        || user != null && user.path("email").asText().equalsIgnoreCase(who);
  }

  /** Zendesk compares dates by day; {@code created<2026-03-29} is before that day began. */
  private static boolean onDate(String at, String op, String day) {
    if (at.isEmpty()) {
      return false;
    }
    Instant time = OffsetDateTime.parse(at).toInstant();
    Instant start = LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant next = start.plusSeconds(86_400);
    return switch (op) {
      case ">=" -> !time.isBefore(start);
      case ">" -> !time.isBefore(next);
      case "<" -> time.isBefore(start);
      case "<=" -> time.isBefore(next);
      default -> !time.isBefore(start) && time.isBefore(next);
    };
  }

  /** The same search one page further on, as Zendesk links it: an absolute URL. */
  private String searchPage(Request request, int number) {
    String raw = URI.create(request.getUrl()).getRawQuery();
    var query = new StringBuilder();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      if (!pair.isEmpty() && !pair.startsWith("page=")) {
        query.append(pair).append('&');
      }
    }
    return baseUrl() + "/api/v2/search.json?" + query + "page=" + number;
  }

  private ResponseDefinition showMany(String ids) {
    Set<Long> wanted = new LinkedHashSet<>();
    if (ids != null) {
      for (String id : ids.split(",")) {
        if (id.strip().matches("\\d+")) {
          wanted.add(Long.parseLong(id.strip()));
        }
      }
    }
    ArrayNode found = json.createArrayNode();
    users.values().stream().filter(u -> wanted.contains(u.path("id").asLong())).forEach(found::add);
    ObjectNode page = json.createObjectNode();
    page.set("users", found);
    page.putNull("next_page");
    page.putNull("previous_page");
    page.put("count", found.size());
    return Answering.json(200, page);
  }

  private ResponseDefinition comments(Request request, long ticketId) {
    if (!tickets.containsKey(ticketId)) {
      return notFound("RecordNotFound");
    }
    List<ObjectNode> all = comments.getOrDefault(ticketId, List.of());
    int size = Math.min(pageSize, number(param(request, "page[size]"), ZENDESK_MAX_PAGE));
    int from = Math.min(all.size(), cursorIndex(param(request, "page[after]")));
    int to = Math.min(all.size(), from + size);
    List<ObjectNode> shown = all.subList(from, to);
    ObjectNode page = json.createObjectNode();
    ArrayNode list = page.putArray("comments");
    shown.forEach(list::add);
    if ("users".equals(param(request, "include"))) {
      ArrayNode authors = page.putArray("users");
      shown.stream().map(c -> users.get(c.path("author_id").asLong(-1))).filter(Objects::nonNull).distinct()
          .forEach(authors::add);
    }
    boolean more = to < all.size();
    ObjectNode meta = page.putObject("meta");
    meta.put("has_more", more);
    meta.put("after_cursor", more ? cursor(to) : null);
    meta.put("before_cursor", from > 0 ? cursor(from) : null);
    ObjectNode links = page.putObject("links");
    links.put("prev", (String) null);
    links.put("next", more ? baseUrl() + "/api/v2/tickets/" + ticketId + "/comments.json?page%5Bsize%5D=" + size
        + "&page%5Bafter%5D=" + cursor(to) + ("users".equals(param(request, "include")) ? "&include=users" : "") : null);
    return Answering.json(200, page);
  }

  /** Opaque to a client, as Zendesk's are: where the next page starts. */
  private static String cursor(int index) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"o\":" + index + "}")
        .getBytes(StandardCharsets.UTF_8));
  }

  private static int cursorIndex(String cursor) {
    if (cursor == null) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      return Integer.parseInt(decoded.replaceAll("\\D", ""));
    } catch (IllegalArgumentException e) {
      return Integer.MAX_VALUE;
    }
  }

  private static String param(Request request, String name) {
    QueryParameter p = request.queryParameter(name);
    return p.isPresent() ? p.firstValue() : null;
  }

  private static int number(String value, int otherwise) {
    return value != null && value.matches("\\d{1,6}") ? Integer.parseInt(value) : otherwise;
  }

  private ResponseDefinition notFound(String error) {
    return Answering.json(404, "{\"error\":\"" + error + "\",\"description\":\"Not found\"}");
  }
}
