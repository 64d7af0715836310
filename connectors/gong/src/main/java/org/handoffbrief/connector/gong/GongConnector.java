package org.handoffbrief.connector.gong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.HandoffException;
import org.handoffbrief.PermissionException;
import org.handoffbrief.UsageLimitExceededException;
import org.handoffbrief.model.Channel;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Participant;
import org.handoffbrief.spi.ApiCalls;
import org.handoffbrief.spi.RateLimiter;
import org.handoffbrief.spi.CallBudgetExhaustedException;
import org.handoffbrief.spi.FollowUp;
import org.handoffbrief.spi.HttpCalls;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.spi.kit.JsonHttp;

/**
 * Reads the deal's recorded calls from Gong's API v2: every call in the sales-cycle window (its start
 * moved earlier by {@link GongConfig#leadTime()}, its end later by {@link GongConfig#processingLag()})
 * with a customer-side party, matched by the deal's customer addresses and domains, never by name.
 *
 * <p>Evidence, system {@value #SYSTEM}:
 * <ul>
 *   <li>{@code call} (native id: Gong's call id): {@code Title:}, {@code Date:} (with its UTC
 *       offset), {@code Duration:}, {@code Participants:}, a blank line, then Gong's call brief when
 *       there is one;</li>
 *   <li>{@code transcript} (native id: {@code <callId>-<startMs>}), one per monologue:
 *       {@code Call:}, {@code Speaker: Name <email>}, {@code At: mm:ss}, a blank line, then the
 *       spoken text. Its timestamp is the moment it was said; its permalink is the call's page
 *       (Gong documents no link to a moment of a call), with the offset in {@code startMs}.</li>
 * </ul>
 *
 * <p>Requests: {@code POST /v2/calls/extensive} (scope {@code api:calls:read:extensive}), paged by
 * cursor; {@code POST /v2/calls/transcript} (scope {@code api:calls:read:transcript}) for the kept
 * calls, up to {@value #TRANSCRIPT_BATCH} a request. Requests are paced client-side
 * ({@link GongConfig#maxRequestsPerSecond()}), a 429's {@code Retry-After} is honoured, 5xx and
 * resets are retried by the {@link GongConfig#retryPolicy()}; 401 and 403 fail at once. A budget cut
 * keeps what was read with a note; an expired or repeated cursor, an unreadable later page or
 * transcript batch keeps what was read and names what was not (the source is then partial). Each
 * call is bounded as a whole by {@link GongConfig#timeout()} cut to the deadline.
 *
 * <p>Thread-safe: one instance serves parallel briefs and paces them together (Gong's limit is per
 * company).
 */
public final class GongConnector implements SourceConnector {

  /** The system id of every evidence this connector makes. */
  public static final String SYSTEM = "gong";
  /** Call ids per transcript request. */
  static final int TRANSCRIPT_BATCH = 50;
  /** {@code POST /v2/calls/extensive}: calls with parties and content. */
  static final String EXTENSIVE = "/v2/calls/extensive";
  /** {@code POST /v2/calls/transcript}: transcripts of calls by id. */
  static final String TRANSCRIPT = "/v2/calls/transcript";

  private final GongConfig config;
  /** Paces calls across every brief this connector makes; a vendor's pause holds them all. */
  private final RateLimiter limiter;
  private final JsonHttp client;
  private final ObjectMapper json = new ObjectMapper();

  private GongConnector(GongConfig config) {
    this.config = config;
    this.limiter = RateLimiter.perSecond(config.maxRequestsPerSecond());
    this.client = GongErrors.open(config);
  }

  /** A connector for {@code config}. */
  public static GongConnector create(GongConfig config) {
    return new GongConnector(Objects.requireNonNull(config, "config == null"));
  }

  /** The configuration this connector was made with. */
  public GongConfig config() {
    return config;
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public Set<Channel> channels() {
    return EnumSet.of(Channel.CALLS);
  }

  /** Reads the deal's calls and their transcript excerpts. */
  @Override
  public SourceResult fetch(DealContext deal, SourceContext context) {
    Objects.requireNonNull(deal, "deal == null");
    Objects.requireNonNull(context, "context == null");
    return read(deal, context, belongsTo(deal), config.maxCalls(), "gong.maxCalls");
  }

  /**
   * Reads the calls of the follow-up's people whom the first round could not match: those whose
   * address is neither a customer contact's nor in a customer domain (a partner, a personal
   * address). People in a customer domain were matched already, so the round then makes no request.
   */
  @Override
  public SourceResult followUp(DealContext deal, FollowUp followUp, SourceContext context) {
    Objects.requireNonNull(deal, "deal == null");
    Objects.requireNonNull(followUp, "followUp == null");
    Objects.requireNonNull(context, "context == null");
    var candidates = new ArrayList<String>();
    followUp.newPeople().stream().map(Participant::email).forEach(candidates::add);
    if (followUp.champion() != null) {
      candidates.add(followUp.champion().email());
    }
    Set<String> emails = new LinkedHashSet<>();
    Predicate<String> covered = customerAddress(deal);
    for (String e : candidates) {
      if (e != null && !deal.isInternal(e) && !covered.test(e)) {
        emails.add(e.toLowerCase(Locale.ROOT));
      }
    }
    if (emails.isEmpty() || config.followUpMaxCalls() == 0) {
      return SourceResult.of(List.of());
    }
    Predicate<GongEvidence.Call> withThem = call -> call.parties().stream()
        .anyMatch(p -> p.email() != null && emails.contains(p.email()));
    return read(deal, context, withThem, config.followUpMaxCalls(), "gong.followUpMaxCalls");
  }

  private SourceResult read(DealContext deal, SourceContext context, Predicate<GongEvidence.Call> belongs,
      int maxCalls, String maxCallsKey) {
    ApiCalls calls = ApiCalls.of(context, config.retryPolicy(), limiter);
    Instant from = deal.window().start().minus(config.leadTime());
    Instant to = deal.window().end().plus(config.processingLag());
    client.requireOpen();
    var notes = new ArrayList<String>();
    var unread = new ArrayList<String>();
    var usage = new LinkedHashMap<String, String>();
    Map<String, GongEvidence.Call> kept = new LinkedHashMap<>();
    int skipped = 0;
    String cursor = null;
    for (int page = 1; ; page++) {
      ObjectNode body = extensiveBody(from, to, cursor);
      JsonNode answer;
      try {
        answer = calls.call("POST " + EXTENSIVE, () -> post(EXTENSIVE, body, context));
      } catch (CallBudgetExhaustedException e) {
        notes.add("Gong: " + e.getMessage() + "; calls after page " + (page - 1) + " of the window were not read.");
        break;
      } catch (HandoffException e) {
        if (page == 1 || fatal(e) || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        unread.add("Gong: calls after page " + (page - 1) + " of the window were not read: " + e.getMessage());
        break;
      }
      if (page == 1 && answer.path("records").has("totalRecords")) {
        usage.put("callsInWindow", answer.path("records").path("totalRecords").asText());
      }
      JsonNode list = answer.path("calls");
      if (!list.isMissingNode() && !list.isArray()) {
        HandoffException e = GongErrors.malformed("POST " + EXTENSIVE, "calls is not a list", null);
        if (page == 1) {
          throw e;
        }
        unread.add("Gong: calls after page " + (page - 1) + " of the window were not read: " + e.getMessage());
        break;
      }
      boolean full = false;
      for (JsonNode node : list) {
        GongEvidence.Call call = GongEvidence.call(node);
        if (call == null) {
          skipped++;
          continue;
        }
        // The filter applies to the scheduled time of web conferences: check the actual start too.
        Instant started = call.started().toInstant();
        if (started.isBefore(from) || !started.isBefore(to) || !belongs.test(call)) {
          continue;
        }
        if (kept.size() >= maxCalls) {
          full = true;
          break;
        }
        kept.put(call.id(), call);
      }
      if (full) {
        notes.add("Gong: read the first " + maxCalls + " of the deal's calls (" + maxCallsKey + "); later calls"
            + " were not read.");
        break;
      }
      String next = text(answer.path("records").path("cursor"));
      if (next != null && next.equals(cursor)) {
        // The same cursor again would page forever and read nothing new.
        unread.add("Gong: calls after page " + page + " of the window were not read: Gong gave the same cursor"
            + " again.");
        break;
      }
      cursor = next;
      if (cursor == null) {
        break;
      }
    }
    if (skipped > 0) {
      // Not unread: a record without an id or a start cannot be placed in the window, so it is not known to be the deal's.
      notes.add("Gong: " + skipped + " call record(s) without an id or a start time were skipped.");
    }
    var evidence = new ArrayList<Evidence>();
    kept.values().forEach(c -> evidence.add(GongEvidence.callEvidence(c)));
    if (config.transcripts() && !kept.isEmpty()) {
      evidence.addAll(transcripts(calls, context, kept, notes, unread));
    }
    return new SourceResult(evidence, usage, notes, unread);
  }

  private List<Evidence> transcripts(ApiCalls calls, SourceContext context, Map<String, GongEvidence.Call> kept,
      List<String> notes, List<String> unread) {
    var out = new ArrayList<Evidence>();
    List<String> ids = List.copyOf(kept.keySet());
    var read = new LinkedHashSet<String>();
    batches:
    for (int i = 0; i < ids.size(); i += TRANSCRIPT_BATCH) {
      List<String> batch = ids.subList(i, Math.min(ids.size(), i + TRANSCRIPT_BATCH));
      String cursor = null;
      do {
        ObjectNode body = json.createObjectNode();
        var filter = body.putObject("filter");
        batch.forEach(filter.putArray("callIds")::add);
        if (cursor != null) {
          body.put("cursor", cursor);
        }
        JsonNode answer;
        try {
          answer = calls.call("POST " + TRANSCRIPT, () -> post(TRANSCRIPT, body, context));
        } catch (CallBudgetExhaustedException e) {
          notes.add("Gong: " + e.getMessage() + "; transcripts of " + (ids.size() - read.size()) + " call(s) were"
              + " not read.");
          break batches;
        } catch (HandoffException e) {
          if (fatal(e) || Thread.currentThread().isInterrupted()) {
            throw e;
          }
          unread.add("Gong: transcripts of " + batch.stream().filter(id -> !read.contains(id)).count()
              + " call(s) were not read: " + e.getMessage());
          continue batches;
        }
        for (JsonNode t : answer.path("callTranscripts")) {
          GongEvidence.Call call = kept.get(text(t.path("callId")));
          if (call != null) {
            read.add(call.id());
            out.addAll(GongEvidence.transcriptEvidence(call, t.path("transcript")));
          }
        }
        String next = text(answer.path("records").path("cursor"));
        if (next != null && next.equals(cursor)) {
          unread.add("Gong: transcripts of " + batch.stream().filter(id -> !read.contains(id)).count() + " call(s)"
              + " were not read: Gong gave the same cursor again.");
          continue batches;
        }
        cursor = next;
      } while (cursor != null);
    }
    return out;
  }

  /** Drops the connector's one HTTP client. Idempotent; a closed connector reads nothing more. */
  @Override
  public void close() {
    client.close();
  }

  /** One attempt; a 403 names the scope the path needs. */
  private JsonNode post(String path, ObjectNode body, SourceContext context) throws InterruptedException {
    String scope = path.equals(TRANSCRIPT) ? "api:calls:read:transcript" : "api:calls:read:extensive";
    return client.post(path, body, "POST " + path, scope, HttpCalls.timeout(config.timeout(), context));
  }

  /** Failures a later page cannot work around: the whole source must report them. */
  private static boolean fatal(HandoffException e) {
    return e instanceof AuthenticationException || e instanceof PermissionException
        || e instanceof UsageLimitExceededException;
  }

  private ObjectNode extensiveBody(Instant from, Instant to, String cursor) {
    ObjectNode body = json.createObjectNode();
    ObjectNode filter = body.putObject("filter");
    filter.put("fromDateTime", from.atOffset(ZoneOffset.UTC).toString());
    filter.put("toDateTime", to.atOffset(ZoneOffset.UTC).toString());
    if (config.workspaceId() != null) {
      filter.put("workspaceId", config.workspaceId());
    }
    if (!config.primaryUserIds().isEmpty()) {
      config.primaryUserIds().forEach(filter.putArray("primaryUserIds")::add);
    }
    ObjectNode exposed = body.putObject("contentSelector").putObject("exposedFields");
    exposed.put("parties", true);
    if (config.briefs()) {
      exposed.putObject("content").put("brief", true);
    }
    if (cursor != null) {
      body.put("cursor", cursor);
    }
    return body;
  }

  /** A call belongs to the deal when a party's address is a customer contact's or in a customer domain. */
  static Predicate<GongEvidence.Call> belongsTo(DealContext deal) {
    Predicate<String> customer = customerAddress(deal);
    return call -> call.parties().stream().anyMatch(p -> p.email() != null && customer.test(p.email()));
  }

  private static Predicate<String> customerAddress(DealContext deal) {
    Set<String> emails = deal.customerEmails();
    Set<String> domains = deal.customerDomains();
    return email -> {
      String e = email.toLowerCase(Locale.ROOT);
      if (deal.isInternal(e)) {
        return false;
      }
      if (emails.contains(e)) {
        return true;
      }
      String domain = e.substring(e.lastIndexOf('@') + 1);
      return domains.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
    };
  }

  private static String text(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() || node.asText().isBlank() ? null : node.asText();
  }
}
