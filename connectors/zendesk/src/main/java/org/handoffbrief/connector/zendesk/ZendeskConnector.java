package org.handoffbrief.connector.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.handoffbrief.HandoffException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.PermissionException;
import org.handoffbrief.model.Channel;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.Person;
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
 * Reads the deal's support tickets from Zendesk (REST API v2, JDK HTTP client): tickets requested
 * by the account's people or its organization during the sales cycle, with their comments, public
 * replies and internal notes alike. Thread-safe and stateless between reads.
 *
 * <h2>What is read</h2>
 * <ol>
 *   <li>the account's organization: {@code GET /api/v2/organizations/search.json?name=} with the CRM
 *       account name, kept only when its {@code domain_names} share one of the deal's customer
 *       domains (a name alone never joins); a 403 here is not fatal, the read goes on by person;
 *   <li>tickets, with the Search API ({@code GET /api/v2/search.json}): one query per organization
 *       ({@code type:ticket organization:<id>}) and one per customer contact
 *       ({@code type:ticket requester:<email>}), each with {@code updated>=<window start>} and
 *       {@code created<<day after the window>}, every {@code next_page} followed up to
 *       {@link ZendeskConfig#maxPages()} (search itself stops at 1,000 results; a cut is noted);
 *   <li>the requesters, {@code GET /api/v2/users/show_many.json?ids=} (100 a call);
 *   <li>each kept ticket's comments, {@code GET /api/v2/tickets/{id}/comments.json} with cursor
 *       pagination ({@code page[size]}, {@code meta.has_more}, {@code links.next}) and the authors
 *       side-loaded ({@code include=users}); authors not side-loaded are looked up by {@code show_many}.
 * </ol>
 * {@link #followUp} runs step 2 to 4 for the second round's new people and the champion, when the
 * first round did not already read them as CRM contacts.
 *
 * <h2>What belongs to the deal</h2>
 * A ticket is kept when its organization is the verified organization, or its requester's address
 * is one of the deal's customer addresses (or the follow-up's) or on a customer domain. So a ticket
 * of another customer's "Dana Okonkwo" stays out even if a search returns it. In time, a ticket
 * is kept when it was created in the window, or created before it and still unsolved
 * ({@code new, open, pending, hold}) with an update since the window opened. Comments are kept
 * when written in the window; comments by Answer Bot or by business rules are dropped.
 *
 * <h2>Evidence</h2>
 * System {@code zendesk}. Kind {@code ticket} (native id the ticket id): {@code Subject, Status,
 * Priority, Requester, Created, Updated} lines, a blank line, then the description (the first
 * comment). Kind {@code comment} (native id the comment id), one per later comment:
 * {@code Ticket: #<id> <subject>, From, Date} and, for an internal note, {@code Visibility: internal
 * note}; a blank line; the body. Bodies are {@code plain_body} (else {@code body}) with quoted email
 * history and signatures cut. Internal notes are citable in a CSM brief, so they are not
 * {@code internalOnly}; attribute {@code visibility} is {@code internal} and {@code public} is
 * {@code false}. Permalinks: {@code https://{subdomain}.zendesk.com/agent/tickets/{id}}. Times are
 * UTC, as Zendesk writes them.
 *
 * <h2>Failures and least privilege</h2>
 * 401: {@link org.handoffbrief.AuthenticationException} at once, never retried. 403 on tickets,
 * users or comments: {@link PermissionException} naming what is missing (an agent role that can see
 * the customers' tickets for an API token; the OAuth scope {@code read}, or {@code tickets:read} and
 * {@code users:read}). 429: retried after {@code Retry-After}; 5xx and connection failures: retried
 * with capped back-off ({@link ZendeskConfig#retryPolicy()}). A body that is not complete JSON:
 * that list is cut where it broke, the rest is still read and a note says what is missing; when
 * nothing could be read at all, the {@link MalformedResponseException} is thrown. The call budget:
 * reading stops, what was read is kept, a note says so. Nothing needs write access.
 */
public final class ZendeskConnector implements SourceConnector {

  /** The system id of this connector's evidence. */
  public static final String SYSTEM = "zendesk";
  /** Evidence kind of a ticket (its header and description). */
  public static final String KIND_TICKET = "ticket";
  /** Evidence kind of a later comment on a ticket. */
  public static final String KIND_COMMENT = "comment";

  /** People a follow-up round searches at most; the rest are named in a note. */
  static final int MAX_FOLLOW_UP_PEOPLE = 10;

  private static final Set<String> UNSOLVED = Set.of("new", "open", "pending", "hold");
  private static final String NEEDS_TICKETS = "read access to the customers' tickets: for an API token an agent"
      + " role that can view them, for OAuth the scope read (or tickets:read)";
  private static final String NEEDS_USERS = "read access to users: for OAuth the scope read (or users:read)";
  private static final String NEEDS_ORGANIZATIONS = "an admin or an agent whose role may manage organizations,"
      + " and for OAuth the scope read (or organizations:read)";

  private final ZendeskConfig config;
  /** Paces calls across every brief this connector makes; a vendor's pause holds them all. */
  private final RateLimiter limiter;
  private final JsonHttp http;

  private ZendeskConnector(ZendeskConfig config) {
    this.config = config;
    this.limiter = RateLimiter.perMinute(config.requestsPerMinute());
    this.http = ZendeskHttp.open(config, limiter);
  }

  /** A connector for this Zendesk account. Makes no call until {@link #fetch}. */
  public static ZendeskConnector create(ZendeskConfig config) {
    return new ZendeskConnector(Objects.requireNonNull(config, "config == null"));
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public Set<Channel> channels() {
    return EnumSet.of(Channel.SUPPORT);
  }

  /** The configuration this connector was made with. */
  public ZendeskConfig config() {
    return config;
  }

  /** Drops the connector's one HTTP client. Idempotent; a closed connector reads nothing more. */
  @Override
  public void close() {
    http.close();
  }

  @Override
  public SourceResult fetch(DealContext deal, SourceContext context) {
    Objects.requireNonNull(deal, "deal == null");
    Objects.requireNonNull(context, "context == null");
    http.requireOpen();
    var run = new Run(deal, context, deal.customerEmails());
    try {
      run.findOrganizations();
      for (Long org : run.orgIds) {
        run.searchTickets("organization:" + org, "organization " + org);
      }
      for (String email : deal.customerEmails()) {
        run.searchTickets("requester:" + email, email);
      }
      run.readKeptTickets();
    } catch (CallBudgetExhaustedException e) {
      run.budgetCut();
    }
    return run.result();
  }

  /**
   * Reads the tickets of the follow-up's new customer-side people and of the champion, skipping
   * anyone the first round already read as a CRM contact and internal people; at most
   * {@value #MAX_FOLLOW_UP_PEOPLE} people, within what is left of the budget.
   */
  @Override
  public SourceResult followUp(DealContext deal, FollowUp followUp, SourceContext context) {
    Objects.requireNonNull(deal, "deal == null");
    Objects.requireNonNull(followUp, "followUp == null");
    Objects.requireNonNull(context, "context == null");
    var emails = new LinkedHashSet<String>();
    followUp.newPeople().forEach(p -> addFollowUp(emails, deal, p.email()));
    Person champion = followUp.champion();
    if (champion != null) {
      addFollowUp(emails, deal, champion.email());
    }
    if (emails.isEmpty()) {
      return SourceResult.of(List.of());
    }
    http.requireOpen();
    var allowed = new TreeSet<>(deal.customerEmails());
    allowed.addAll(emails);
    var run = new Run(deal, context, allowed);
    var people = new ArrayList<>(emails);
    if (people.size() > MAX_FOLLOW_UP_PEOPLE) {
      run.notes.add("Zendesk follow-up read the tickets of " + MAX_FOLLOW_UP_PEOPLE + " of " + people.size()
          + " people; not read: " + String.join(", ", people.subList(MAX_FOLLOW_UP_PEOPLE, people.size())) + ".");
      people = new ArrayList<>(people.subList(0, MAX_FOLLOW_UP_PEOPLE));
    }
    try {
      for (String email : people) {
        run.searchTickets("requester:" + email, email);
      }
      run.readKeptTickets();
    } catch (CallBudgetExhaustedException e) {
      run.budgetCut();
    }
    return run.result();
  }

  private static void addFollowUp(Set<String> into, DealContext deal, String email) {
    if (email == null || !email.contains("@") || deal.isInternal(email)) {
      return;
    }
    String e = email.strip().toLowerCase(Locale.ROOT);
    if (!deal.customerEmails().contains(e)) {
      into.add(e);
    }
  }

  /** One read: what was found so far, kept in order, and what a reader should know. */
  private final class Run {
    final DealContext deal;
    final SourceContext context;
    final ApiCalls calls;
    final Set<String> allowedEmails;
    final Set<String> customerDomains;
    final Instant start;
    final Instant end;
    final Set<Long> orgIds = new LinkedHashSet<>();
    final Map<Long, JsonNode> tickets = new LinkedHashMap<>();
    final Map<Long, List<JsonNode>> comments = new HashMap<>();
    final Map<Long, JsonNode> users = new HashMap<>();
    final List<Long> kept = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** What should have been read and was not; the source is then partial. */
    final List<String> unread = new ArrayList<>();
    final List<MalformedResponseException> malformed = new ArrayList<>();

    Run(DealContext deal, SourceContext context, Set<String> allowedEmails) {
      this.deal = deal;
      this.context = context;
      this.allowedEmails = Set.copyOf(allowedEmails);
      this.customerDomains = deal.customerDomains();
      this.start = deal.window().start();
      this.end = deal.window().end();
      this.calls = ApiCalls.of(context, config.retryPolicy(), limiter, ZendeskConnector::mapFailure);
    }

    JsonNode get(String operation, String path, String needs) {
      return calls.call(operation, () -> http.get(path, operation, needs,
          HttpCalls.timeout(config.timeout(), context)));
    }

    /** The account's organization by name, kept only when it shares a customer domain. */
    void findOrganizations() {
      String name = deal.account().name();
      JsonNode page;
      try {
        page = get("GET /api/v2/organizations/search.json",
            "/api/v2/organizations/search.json?name=" + enc(name), NEEDS_ORGANIZATIONS);
      } catch (PermissionException e) {
        notes.add("Zendesk organizations were not searched (" + e.getMessage() + "); tickets were read by the"
            + " account's people only.");
        return;
      } catch (MalformedResponseException e) {
        malformed.add(e);
        unread.add("Zendesk organization search was unreadable (" + e.getMessage() + "); tickets were read by the"
            + " account's people only.");
        return;
      }
      for (JsonNode org : page.path("organizations")) {
        var domains = new TreeSet<String>();
        org.path("domain_names").forEach(d -> domains.add(d.asText("").toLowerCase(Locale.ROOT)));
        boolean shared = domains.stream().anyMatch(customerDomains::contains);
        if (shared && org.hasNonNull("id")) {
          orgIds.add(org.path("id").asLong());
        } else {
          notes.add("Zendesk organization '" + org.path("name").asText(name) + "' (" + org.path("id").asText() + ")"
              + " has the account's name but none of its email domains " + customerDomains + "; its tickets were"
              + " read only through the account's people.");
        }
      }
    }

    /** One Search API query, every page up to the page limit. */
    void searchTickets(String term, String who) {
      String query = "type:ticket " + term + " updated>=" + day(start) + " created<" + day(end.plus(Duration.ofDays(1)));
      String path = "/api/v2/search.json?query=" + enc(query) + "&sort_by=updated_at&sort_order=desc&per_page="
          + config.pageSize();
      int pages = 0;
      while (path != null) {
        if (pages >= config.maxPages()) {
          notes.add("Zendesk search for " + who + " stopped after " + pages + " pages (zendesk.maxPages); less"
              + " recently updated tickets are not in the brief.");
          return;
        }
        JsonNode page;
        try {
          page = get("GET /api/v2/search.json", path, NEEDS_TICKETS);
        } catch (MalformedResponseException e) {
          malformed.add(e);
          unread.add("Zendesk search for " + who + ": page " + (pages + 1) + " was unreadable (" + e.getMessage()
              + "); tickets on it and later pages are not in the brief.");
          return;
        } catch (HandoffException e) {
          if (pages == 0 || ApiCalls.endsTheSource(e) || Thread.currentThread().isInterrupted()) {
            throw e;
          }
          // A later page that keeps failing (an outage, a timeout) costs only the tickets from it on.
          unread.add("Zendesk search for " + who + ": page " + (pages + 1) + " could not be read ("
              + e.kind().name().toLowerCase(Locale.ROOT) + "); tickets on it and later pages are not in the brief.");
          return;
        }
        pages++;
        if (pages == 1 && page.path("count").asLong() > 1000) {
          notes.add("Zendesk search for " + who + " matched " + page.path("count").asLong() + " tickets; the Search"
              + " API returns the 1,000 most recently updated at most.");
        }
        for (JsonNode r : page.path("results")) {
          if (r.path("result_type").asText("ticket").equals("ticket") && r.hasNonNull("id")) {
            tickets.putIfAbsent(r.path("id").asLong(), r);
          }
        }
        path = page.hasNonNull("next_page") ? ZendeskHttp.pathOf(page.path("next_page").asText()) : null;
      }
    }

    /** Looks up the requesters, keeps the deal's tickets in the window, reads their comments. */
    void readKeptTickets() {
      var requesters = new LinkedHashSet<Long>();
      tickets.values().forEach(t -> {
        if (t.hasNonNull("requester_id")) {
          requesters.add(t.path("requester_id").asLong());
        }
      });
      lookUpUsers(requesters);
      keepDealTickets();
      for (Long id : kept) {
        readComments(id);
      }
      var authors = new LinkedHashSet<Long>();
      comments.values().forEach(list -> list.forEach(c -> {
        if (c.hasNonNull("author_id")) {
          authors.add(c.path("author_id").asLong());
        }
      }));
      lookUpUsers(authors);
    }

    /** Chooses the tickets of this deal among those found; idempotent, so a budget cut can run it again. */
    void keepDealTickets() {
      kept.clear();
      for (var e : tickets.entrySet()) {
        if (inWindow(e.getValue()) && belongs(e.getValue())) {
          kept.add(e.getKey());
        }
      }
    }

    void lookUpUsers(Set<Long> ids) {
      var missing = ids.stream().filter(id -> !users.containsKey(id)).toList();
      for (int i = 0; i < missing.size(); i += 100) {
        String batch = missing.subList(i, Math.min(i + 100, missing.size())).stream().map(String::valueOf)
            .collect(Collectors.joining(","));
        try {
          JsonNode page = get("GET /api/v2/users/show_many.json", "/api/v2/users/show_many.json?ids=" + batch, NEEDS_USERS);
          page.path("users").forEach(this::remember);
        } catch (MalformedResponseException e) {
          malformed.add(e);
          unread.add("Zendesk users " + batch + " could not be read (" + e.getMessage() + "); their tickets are left"
              + " out and their comments show no name.");
        }
      }
    }

    private void remember(JsonNode user) {
      if (user.hasNonNull("id")) {
        users.put(user.path("id").asLong(), user);
      }
    }

    void readComments(long ticketId) {
      var list = new ArrayList<JsonNode>();
      comments.put(ticketId, list);
      String path = "/api/v2/tickets/" + ticketId + "/comments.json?page%5Bsize%5D=" + config.pageSize() + "&include=users";
      int pages = 0;
      while (path != null) {
        if (pages >= config.maxPages()) {
          notes.add("Zendesk ticket #" + ticketId + ": comments stopped after " + pages + " pages (zendesk.maxPages);"
              + " later comments are not in the brief.");
          return;
        }
        JsonNode page;
        try {
          page = get("GET /api/v2/tickets/{id}/comments.json", path, NEEDS_TICKETS);
        } catch (MalformedResponseException e) {
          malformed.add(e);
          unread.add("Zendesk ticket #" + ticketId + ": comments page " + (pages + 1) + " was unreadable ("
              + e.getMessage() + "); " + (list.isEmpty() ? "the ticket is shown from its search result without"
              + " comments." : "later comments are not in the brief."));
          return;
        } catch (HandoffException e) {
          if (ApiCalls.endsTheSource(e) || Thread.currentThread().isInterrupted()) {
            throw e;
          }
          // One ticket's comments that keep failing (an outage, a timeout) cost only that ticket's comments.
          unread.add("Zendesk ticket #" + ticketId + ": comments page " + (pages + 1) + " could not be read ("
              + e.kind().name().toLowerCase(java.util.Locale.ROOT) + "); " + (list.isEmpty()
              ? "the ticket is shown from its search result without comments." : "later comments are not in the brief."));
          return;
        }
        pages++;
        page.path("comments").forEach(list::add);
        page.path("users").forEach(this::remember);
        boolean more = page.path("meta").path("has_more").asBoolean(false);
        String next = page.path("links").path("next").asText(null);
        path = more && next != null && !next.isBlank() ? ZendeskHttp.pathOf(next) : null;
      }
    }

    void budgetCut() {
      // Tickets found before the cut still count when their organization or a known requester ties them here.
      keepDealTickets();
      var unread = kept.stream().filter(id -> !comments.containsKey(id)).map(id -> "#" + id).toList();
      notes.add("Zendesk reading stopped at the call budget for zendesk (" + context.callBudget() + " calls); "
          + (unread.isEmpty() ? "tickets not yet searched are not in the brief."
              : "comments of " + String.join(", ", unread) + " and tickets not yet searched are not in the brief."));
    }

    boolean inWindow(JsonNode t) {
      OffsetDateTime created = time(t, "created_at");
      OffsetDateTime updated = time(t, "updated_at");
      if (created == null) {
        return false;
      }
      Instant c = created.toInstant();
      if (deal.window().contains(c)) {
        return true;
      }
      return c.isBefore(start) && UNSOLVED.contains(t.path("status").asText("")) && updated != null
          && !updated.toInstant().isBefore(start);
    }

    /** The organization or the requester's address ties the ticket to this customer; a name never does. */
    boolean belongs(JsonNode t) {
      if (t.hasNonNull("organization_id") && orgIds.contains(t.path("organization_id").asLong())) {
        return true;
      }
      String email = email(users.get(t.path("requester_id").asLong(-1)));
      if (email == null) {
        return false;
      }
      return allowedEmails.contains(email) || customerDomains.contains(email.substring(email.lastIndexOf('@') + 1));
    }

    SourceResult result() {
      if (kept.isEmpty() && !malformed.isEmpty()) {
        throw malformed.get(0);
      }
      var evidence = new ArrayList<Evidence>();
      for (Long id : kept) {
        evidence.addAll(toEvidence(tickets.get(id), comments.getOrDefault(id, List.of())));
      }
      evidence.sort(Comparator.comparing(Evidence::timestamp).thenComparing(Evidence::id));
      return new SourceResult(evidence, Map.of(), notes, unread);
    }

    private List<Evidence> toEvidence(JsonNode t, List<JsonNode> all) {
      long id = t.path("id").asLong();
      String subject = TicketText.oneLine(t.path("subject").asText(t.path("raw_subject").asText("")));
      URI link = URI.create(config.agentUrl() + "/agent/tickets/" + id);
      JsonNode requesterUser = users.get(t.path("requester_id").asLong(-1));
      Participant requester = participant(requesterUser, t.path("requester_id"));
      OffsetDateTime created = time(t, "created_at");
      OffsetDateTime updated = time(t, "updated_at");
      String status = t.path("status").asText("");
      String priority = t.path("priority").asText("");

      String description = all.isEmpty() ? TicketText.normalise(t.path("description").asText(""))
          : TicketText.normalise(body(all.get(0)));
      var later = new ArrayList<JsonNode>();
      for (int i = 1; i < all.size(); i++) {
        JsonNode c = all.get(i);
        OffsetDateTime at = time(c, "created_at");
        if (at != null && deal.window().contains(at.toInstant()) && !isBot(c)) {
          later.add(c);
        }
      }
      var participants = new LinkedHashMap<String, Participant>();
      for (JsonNode c : later) {
        Participant p = participant(users.get(c.path("author_id").asLong(-1)), c.path("author_id"));
        if (p != null && !same(p, requester)) {
          participants.putIfAbsent(p.systemUserId() != null ? p.systemUserId() : p.label(), p);
        }
      }
      var tags = new ArrayList<String>();
      t.path("tags").forEach(x -> tags.add(x.asText()));
      var out = new ArrayList<Evidence>();
      out.add(Evidence.builder(SYSTEM, KIND_TICKET, String.valueOf(id))
          .channel(Channel.SUPPORT)
          .permalink(link)
          .timestamp(created)
          .author(requester)
          .participants(List.copyOf(participants.values()))
          // Status and priority show as the agent sets them, but only subject and comments are
          // the ticket's words.
          .header("Subject", subject, "subject")
          .line("Status", status)
          .line("Priority", priority)
          .line("Requester", label(requester))
          .line("Created", TicketText.time(created))
          .line("Updated", updated == null ? null : TicketText.time(updated))
          .body(description, "description")
          .attribute("ticketId", String.valueOf(id))
          .attribute("subject", subject)
          .attribute("status", status)
          .attribute("priority", priority)
          .attribute("type", t.path("type").asText(null))
          .attribute("requesterEmail", requester == null ? null : requester.email())
          .attribute("requesterId", t.path("requester_id").asText(null))
          .attribute("organizationId", t.path("organization_id").asText(null))
          .attribute("channel", t.path("via").path("channel").asText(null))
          .attribute("tags", String.join(",", tags))
          .attribute("createdAt", created.toString())
          .attribute("updatedAt", updated == null ? null : updated.toString())
          .attribute("commentsInWindow", String.valueOf(later.size()))
          .build());
      for (JsonNode c : later) {
        boolean isPublic = c.path("public").asBoolean(true);
        JsonNode authorUser = users.get(c.path("author_id").asLong(-1));
        Participant author = participant(authorUser, c.path("author_id"));
        OffsetDateTime at = time(c, "created_at");
        out.add(Evidence.builder(SYSTEM, KIND_COMMENT, c.path("id").asText())
            .channel(Channel.SUPPORT)
            .permalink(link)
            .timestamp(at)
            .author(author)
            .participants(requester == null || same(requester, author) ? List.of() : List.of(requester))
            .line("Ticket", "#" + id + " " + subject)
            .line("From", label(author))
            .line("Date", TicketText.time(at))
            .line("Visibility", isPublic ? null : "internal note")
            .body(TicketText.normalise(body(c)), "body")
            .attribute("ticketId", String.valueOf(id))
            .attribute("commentId", c.path("id").asText())
            .attribute("ticketSubject", subject)
            .attribute("ticketStatus", status)
            .attribute("public", String.valueOf(isPublic))
            .attribute("visibility", isPublic ? "public" : "internal")
            .attribute("authorEmail", author == null ? null : author.email())
            .attribute("authorRole", authorUser == null ? null : authorUser.path("role").asText(null))
            .attribute("channel", c.path("via").path("channel").asText(null))
            .build());
      }
      return out;
    }
  }

  private static boolean same(Participant a, Participant b) {
    return a != null && b != null && Objects.equals(a.systemUserId(), b.systemUserId());
  }

  /** Answer Bot and business-rule comments are machine-written; they are no one's words to cite. */
  private static boolean isBot(JsonNode comment) {
    String channel = comment.path("via").path("channel").asText("");
    return channel.startsWith("answer_bot") || channel.equals("rule") || channel.equals("ai_agent");
  }

  private static String body(JsonNode comment) {
    String plain = comment.path("plain_body").asText("");
    return plain.isBlank() ? comment.path("body").asText("") : plain;
  }

  private static Participant participant(JsonNode user, JsonNode idNode) {
    String id = idNode == null || idNode.isNull() || idNode.isMissingNode() ? null : idNode.asText();
    if (user == null) {
      return id == null ? null : new Participant(null, null, id);
    }
    return new Participant(user.path("name").asText(null), email(user), id);
  }

  private static String email(JsonNode user) {
    if (user == null) {
      return null;
    }
    String e = user.path("email").asText("").strip().toLowerCase(Locale.ROOT);
    return e.contains("@") ? e : null;
  }

  private static String label(Participant p) {
    if (p == null) {
      return "(unknown)";
    }
    if (p.name() != null && p.email() != null) {
      return p.name() + " <" + p.email() + ">";
    }
    return p.email() != null ? p.email() : p.name() != null ? p.name() : "Zendesk user " + p.systemUserId();
  }

  private static OffsetDateTime time(JsonNode node, String field) {
    String v = node.path(field).asText(null);
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String day(Instant t) {
    return t.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** An untyped failure is a bug, not an outage: the kit already typed every I/O failure. */
  private static HandoffException mapFailure(Exception e) {
    return HandoffException.of(SYSTEM, "Zendesk call failed (" + e.getClass().getName() + ")", e);
  }
}
