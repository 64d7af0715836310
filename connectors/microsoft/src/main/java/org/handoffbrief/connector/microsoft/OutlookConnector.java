package org.handoffbrief.connector.microsoft;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.models.Attendee;
import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.EventCollectionResponse;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.MessageCollectionResponse;
import com.microsoft.graph.models.Recipient;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.kiota.http.middleware.RetryHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.handoffbrief.HandoffException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.PermissionException;
import org.handoffbrief.model.Channel;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.TeamMember;
import org.handoffbrief.model.TimeWindow;
import org.handoffbrief.spi.ApiCalls;
import org.handoffbrief.spi.RateLimiter;
import org.handoffbrief.spi.CallBudgetExhaustedException;
import org.handoffbrief.spi.FollowUp;
import org.handoffbrief.spi.HttpCalls;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.spi.kit.EmailText;
import org.handoffbrief.spi.kit.ForwardedMessage;
import org.handoffbrief.spi.kit.HtmlText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Reads the deal team's Outlook mail and calendars through Microsoft Graph (microsoft-graph 6.x)
 * with an app-only token (OAuth 2.0 client credentials). Thread-safe: one instance serves many
 * briefs at once and shares their token.
 *
 * <h2>Permissions (least privilege)</h2>
 * Application permissions, admin-consented: {@code Mail.Read} (mail) and {@code Calendars.Read}
 * (calendars); nothing that writes. App-only {@code Mail.Read} reaches every mailbox in the tenant,
 * so restrict the app with an Exchange Online <em>application access policy</em>
 * ({@code New-ApplicationAccessPolicy -AccessRight RestrictAccess -PolicyScopeGroupId
 * deal-team@contoso.com}) to the AEs' and SEs' mailboxes. At start the token's {@code roles} claim
 * is checked: a missing permission is a {@link PermissionException} naming it, before any mailbox
 * is read. A mailbox the policy excludes (403) or that does not exist (404) is unread (the source
 * is reported partial, naming it) and the others are read; mail and calendars are read apart, so
 * one failing never costs the other. Only when no mailbox could be read at all does the source fail.
 *
 * <h2>What is read</h2>
 * For each mailbox ({@link OutlookConfig#mailboxes()}, by default the opportunity owner's and the
 * deal team's): {@code GET /users/{id}/messages} with a KQL {@code $search} for the customer's
 * domains and contact addresses ({@code participants:}) and the window's dates (the sales cycle with its
 * start moved back by {@link OutlookConfig#lookback()}, 30 days by default) ({@code received>=},
 * {@code received<=}, one day of slack each side), because Graph does not allow {@code $filter}
 * together with {@code $search} on messages and {@code $filter} cannot match a recipient's domain.
 * Search is a coarse first cut (it matches loosely and returns at most 1,000 results, noted when
 * reached); every message is then checked exactly here: a customer address or domain among
 * sender and recipients, sent within the window, not a draft, not from an automated sender. Then
 * {@code GET /users/{id}/calendarView} over the window with {@code Prefer: outlook.timezone="UTC"},
 * kept when the organizer or an attendee is the customer's. Every {@code @odata.nextLink} is
 * followed, up to {@value #MAX_PAGES} pages per mailbox and kind (noted when reached). A message
 * seen in several mailboxes is one item (by {@code internetMessageId}); so is a meeting (by
 * {@code iCalUId}).
 *
 * <h2>Calls, retries and failures</h2>
 * Every request, the token request included, is one call through {@link ApiCalls}: counted against
 * the budget, retried by {@link OutlookConfig#retryPolicy()} when transient (429 with
 * {@code Retry-After}, 5xx, resets). Graph's own retry handler is removed from the HTTP pipeline
 * so that no request escapes the count or sleeps past the deadline. 401 is an
 * {@link org.handoffbrief.AuthenticationException} at once; an answer that is not Graph JSON is a
 * {@link org.handoffbrief.MalformedResponseException} (so is an empty 200 or a page without
 * {@code value}: never read as "no mail"); when the budget runs out what was read is kept and a
 * note says so. Each call, the token's included, is bounded as a whole (headers and body) by
 * {@link OutlookConfig#timeout()} cut to what is left of the source's deadline; a call that outlasts
 * it is a retriable timeout. The token goes only to the configured Graph URL's scheme, host and
 * port: a next link or redirect elsewhere is refused unsent and its page is unread.
 * {@link #close()} releases the HTTP clients.
 *
 * <h2>Evidence</h2>
 * System {@code outlook}. Kind {@code message}: native id the {@code internetMessageId} without
 * angle brackets, permalink the message's Outlook on the web link, author the sender; text
 * <pre>
 * Subject: ...
 * From: Name &lt;address&gt;
 * To: Name &lt;address&gt;, ...
 * Cc: ...            (when any)
 * Date: 2026-03-08 15:02 UTC
 *
 * the message's own words
 * </pre>
 * The body is {@code uniqueBody} when Graph gives it (the part not quoted from earlier messages),
 * else {@code body}; HTML becomes text, and quoted replies, forwarded history, signatures and
 * disclaimers are cut. Attributes {@code threadId} (conversation id), {@code internetMessageId},
 * {@code mailbox}, {@code subject}, {@code fromEmail}. Kind {@code event}: native id the
 * {@code iCalUId}, author the organizer, participants the attendees; text {@code Subject, Start,
 * End, Organizer, Attendees} (each with its response), {@code Location}, {@code Status}, then the
 * description without the Teams join block. Attributes {@code status} ({@code scheduled} or
 * {@code cancelled}), {@code start}, {@code end}, {@code organizerEmail}, {@code responses}
 * ({@code address=response;...}), {@code mailbox}.
 *
 * <p>An earlier message a kept message carries in its {@code body} under a forward's or reply's
 * header block ({@link EmailText#forwarded}) that was not kept as a message of its own (same
 * sender, subject and first words) is one more {@code message}: native id
 * {@code <internetMessageId>/fwd<N>}, author the original's sender, time the original's date when
 * readable (Outlook writes it without a zone: read as UTC), text {@code Subject}, {@code From},
 * {@code Forwarded by} and the original's own words, permalink and participants the carrying
 * message's, attribute {@code forwardedIn} the carrying message's native id.
 */
public final class OutlookConnector implements SourceConnector {
  private static final Logger LOG = LoggerFactory.getLogger(OutlookConnector.class);

  /** The system id of every item this connector produces. */
  public static final String SYSTEM = "outlook";
  /** Evidence kind of a mail message. */
  public static final String MESSAGE = "message";
  /** Evidence kind of a calendar event. */
  public static final String EVENT = "event";
  /** The application permission mail needs. */
  public static final String MAIL_PERMISSION = "Mail.Read";
  /** The application permission calendars need. */
  public static final String CALENDAR_PERMISSION = "Calendars.Read";

  /** Pages read per mailbox and kind at most. */
  static final int MAX_PAGES = 40;
  /** What Graph's $search returns at most. */
  static final int SEARCH_CAP = 1000;

  private static final String[] MESSAGE_FIELDS = {"id", "subject", "from", "toRecipients", "ccRecipients",
      "sentDateTime", "receivedDateTime", "internetMessageId", "conversationId", "webLink", "isDraft", "body",
      "uniqueBody"};
  private static final String[] EVENT_FIELDS = {"id", "iCalUId", "subject", "start", "end", "organizer", "attendees",
      "location", "isCancelled", "webLink", "body"};
  private static final String PREFER_UTC = "outlook.timezone=\"UTC\"";
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);
  private static final java.util.regex.Pattern AUTOMATED = java.util.regex.Pattern.compile(
      "(?:no-?reply|do-?not-?reply|mailer-daemon|postmaster|notifications?|bounce)[^@]*@.*");

  private final OutlookConfig config;
  /** Paces calls across every brief this connector makes; a vendor's pause holds them all. */
  private final RateLimiter limiter;
  private final GraphToken tokens;
  private final AzureIdentityAuthenticationProvider auth;
  private final OkHttpClient http;
  private final GraphServiceClient graph;
  private volatile boolean closed;

  private OutlookConnector(OutlookConfig config, Clock clock) {
    this.config = config;
    this.limiter = RateLimiter.perMinute(config.requestsPerMinute());
    this.tokens = new GraphToken(config, HttpClient.newBuilder().connectTimeout(config.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build(), clock);
    // A static credential: the token is fetched (and counted) by GraphToken before each call.
    TokenCredential credential = request -> {
      GraphToken.Token t = tokens.cached();
      return t == null ? Mono.error(new IllegalStateException("no Graph token yet"))
          : Mono.just(new AccessToken(t.value(), t.expiresAt().atOffset(ZoneOffset.UTC)));
    };
    // Graph attaches the token only to hosts on this list: the configured Graph host must be on it.
    this.auth = new AzureIdentityAuthenticationProvider(credential, new String[] {config.graphUrl().getHost()},
        config.graphUrl() + "/.default");
    var interceptors = new ArrayList<Interceptor>(Arrays.asList(
        GraphClientFactory.createDefaultGraphInterceptors(GraphServiceClient.getGraphClientOptions())));
    // Retries are ApiCalls' job: counted, capped, and never past the deadline.
    interceptors.removeIf(i -> i instanceof RetryHandler);
    interceptors.add(new GraphErrors.LastAnswer());
    // Last, so that it also sees every request a redirect handler makes: Graph allows the token
    // per host only, so the port and scheme are checked here.
    interceptors.add(new GraphErrors.OnlyToGraph(config.graphUrl()));
    // OkHttp's call timeout spans the whole exchange, the body included.
    this.http = GraphClientFactory.create(interceptors).connectTimeout(config.timeout())
        .readTimeout(config.timeout()).callTimeout(config.timeout()).build();
    this.graph = graph(http);
  }

  private GraphServiceClient graph(OkHttpClient client) {
    var g = new GraphServiceClient(auth, client);
    g.getRequestAdapter().setBaseUrl(config.graphUrl() + "/v1.0");
    return g;
  }

  /**
   * The Graph client for one call: the shared one, or near the source's deadline one whose call
   * timeout is what is left (it shares the shared client's connections and threads).
   */
  private GraphServiceClient graphWithin(SourceContext context) {
    Duration timeout = HttpCalls.timeout(config.timeout(), context);
    if (timeout.compareTo(config.timeout()) >= 0) {
      return graph;
    }
    return graph(http.newBuilder().callTimeout(Duration.ofMillis(Math.max(1, timeout.toMillis()))).build());
  }

  /**
   * Releases the HTTP clients: idle Graph connections are closed and the token client is dropped
   * (the JDK client of Java 17 has no close; its selector thread ends once it is unreachable).
   * Idempotent; a closed connector reads nothing more.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    tokens.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** A connector for this tenant. Fetches its token lazily, on the first brief. */
  public static OutlookConnector create(OutlookConfig config) {
    return new OutlookConnector(Objects.requireNonNull(config, "config == null"), Clock.systemUTC());
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public Set<Channel> channels() {
    return EnumSet.of(Channel.EMAIL, Channel.CALENDAR);
  }

  /** The configuration this connector was made with. */
  public OutlookConfig config() {
    return config;
  }

  @Override
  public SourceResult fetch(DealContext deal, SourceContext context) {
    Objects.requireNonNull(deal, "deal == null");
    Objects.requireNonNull(context, "context == null");
    requireOpen();
    var run = new Run(deal, context);
    Set<String> domains = deal.customerDomains();
    Set<String> emails = deal.customerEmails();
    try {
      run.start();
      if (config.readMail()) {
        run.readMail(searchTerms(domains, emails), p -> isCustomer(p, domains, emails));
      }
      if (config.readCalendar()) {
        run.readCalendars(p -> isCustomer(p, domains, emails));
      }
    } catch (CallBudgetExhaustedException e) {
      run.notes.add(e.getMessage() + "; what was read before is kept.");
    }
    return run.result();
  }

  /**
   * Mail with the customer-side people the first round found who are neither at a customer domain
   * nor a known contact (an outside consultant, a personal address). Calendars were read whole in
   * the first round, so only mail is searched again.
   */
  @Override
  public SourceResult followUp(DealContext deal, FollowUp followUp, SourceContext context) {
    Set<String> domains = deal.customerDomains();
    Set<String> known = deal.customerEmails();
    Set<String> fresh = followUp.newPeople().stream().map(Participant::email).filter(Objects::nonNull)
        .filter(e -> !deal.isInternal(e) && !known.contains(e) && !inDomains(e, domains))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
    if (fresh.isEmpty() || !config.readMail()) {
      return SourceResult.of(List.of());
    }
    requireOpen();
    var run = new Run(deal, context);
    try {
      run.start();
      run.readMail(searchTerms(Set.of(), fresh), p -> p.email() != null && fresh.contains(p.email()));
    } catch (CallBudgetExhaustedException e) {
      run.notes.add(e.getMessage() + "; what was read before is kept.");
    }
    return run.result();
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this OutlookConnector is closed");
    }
  }

  /** The KQL {@code participants:} terms for the customer's domains and the addresses outside them. */
  static List<String> searchTerms(Set<String> domains, Set<String> emails) {
    var terms = new LinkedHashSet<String>(domains);
    emails.stream().filter(e -> !inDomains(e, domains)).forEach(terms::add);
    // KQL reads a quote or a parenthesis as syntax; an address with one cannot be searched safely.
    return terms.stream().filter(t -> t.matches("[a-z0-9@._+'-]+") && !t.contains("'")).toList();
  }

  /** The {@code $search} value: customer terms and the window's dates, quoted as Graph requires. */
  static String search(List<String> terms, Instant start, Instant end) {
    String who = terms.stream().map(t -> "participants:" + t).collect(Collectors.joining(" OR "));
    String from = start.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1).toString();
    String to = end.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).toString();
    return "\"(" + who + ") AND received>=" + from + " AND received<=" + to + "\"";
  }

  private static boolean isCustomer(Participant p, Set<String> domains, Set<String> emails) {
    return p.email() != null && (emails.contains(p.email()) || inDomains(p.email(), domains));
  }

  private static boolean inDomains(String email, Set<String> domains) {
    String d = email.substring(email.lastIndexOf('@') + 1);
    return domains.stream().anyMatch(c -> d.equals(c) || d.endsWith("." + c));
  }

  /** One brief's read: its calls, the items kept (de-duplicated) and the notes. */
  private final class Run {
    final DealContext deal;
    /** The sales cycle moved back by the look-back: the first inbound mail often predates the opportunity. */
    final TimeWindow window;
    final ApiCalls calls;
    final Map<String, Evidence> messages = new LinkedHashMap<>();
    final Map<String, Evidence> events = new LinkedHashMap<>();
    /** The full body of each message kept, by native id: the history a forward carries is in it. */
    final Map<String, ItemBody> bodies = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    /** What should have been read and was not: a mailbox refused, a page that failed. */
    final List<String> unread = new ArrayList<>();
    /** The first mailbox failure, thrown when no mailbox could be read at all. */
    HandoffException firstFailure;
    /** Mailboxes (mail or calendar) read to the end or to a limit. */
    int mailboxesRead;

    Run(DealContext deal, SourceContext context) {
      this.deal = deal;
      this.window = deal.window().startingEarlier(config.lookback());
      this.calls = ApiCalls.of(context, config.retryPolicy(), e -> GraphErrors.map(e, GraphToken.OPERATION, "none"));
    }

    /** Fetches the token and checks its permissions before any mailbox is read. */
    void start() {
      GraphToken.Token token = tokens.token(calls);
      token.roles().ifPresent(roles -> {
        var missing = new ArrayList<String>();
        if (config.readMail() && !roles.contains(MAIL_PERMISSION) && !roles.contains("Mail.ReadWrite")) {
          missing.add(MAIL_PERMISSION);
        }
        if (config.readCalendar() && !roles.contains(CALENDAR_PERMISSION) && !roles.contains("Calendars.ReadWrite")) {
          missing.add(CALENDAR_PERMISSION);
        }
        if (!missing.isEmpty()) {
          throw new PermissionException(SYSTEM, "The app registration " + config.clientId() + " lacks the application"
              + " permission " + String.join(" and ", missing) + " (its token grants " + new java.util.TreeSet<>(roles)
              + "). Add it under API permissions > Microsoft Graph > Application permissions and grant admin"
              + " consent, or turn off " + (missing.contains(MAIL_PERMISSION) ? "outlook.mail" : "outlook.calendar") + ".", null);
        }
      });
    }

    List<String> mailboxes() {
      if (!config.mailboxes().isEmpty()) {
        return config.mailboxes();
      }
      var out = new LinkedHashSet<String>();
      if (deal.owner().email() != null) {
        out.add(deal.owner().email());
      }
      for (TeamMember m : deal.team()) {
        if (m.person().email() != null && deal.isInternal(m.person().email())) {
          out.add(m.person().email());
        }
      }
      return List.copyOf(out);
    }

    void readMail(List<String> terms, Predicate<Participant> wanted) {
      if (terms.isEmpty()) {
        notes.add("Outlook mail was not searched: the deal has no customer domain or contact address.");
        return;
      }
      String query = search(terms, window.start(), window.end());
      perMailbox("mail", MAIL_PERMISSION, mailbox -> {
        String op = "GET /users/{id}/messages";
        MessageCollectionResponse page = call(op, MAIL_PERMISSION, g -> page(op, g.users().byUserId(mailbox)
            .messages().get(rc -> {
              rc.queryParameters.search = query;
              rc.queryParameters.select = MESSAGE_FIELDS;
              rc.queryParameters.top = config.pageSize();
            }), MessageCollectionResponse::getValue));
        int pages = 1;
        int seen = 0;
        while (true) {
          for (Message m : page.getValue()) {
            if (m != null) {
              seen++;
              keepMessage(m, mailbox, wanted);
            }
          }
          String next = page.getOdataNextLink();
          if (next == null) {
            break;
          }
          if (pages >= MAX_PAGES) {
            notes.add("Mailbox " + mailbox + ": stopped after " + pages + " pages of mail (the page limit); later"
                + " messages are not in the brief.");
            break;
          }
          page = laterPage("Mailbox " + mailbox, pages + 1, "messages", () -> call(op, MAIL_PERMISSION,
              g -> page(op, g.users().byUserId(mailbox).messages().withUrl(next).get(),
                  MessageCollectionResponse::getValue)));
          if (page == null) {
            break;
          }
          pages++;
        }
        if (seen >= SEARCH_CAP) {
          notes.add("Mailbox " + mailbox + ": Graph search returns at most " + SEARCH_CAP + " messages and reached"
              + " that; some of the deal's mail may be missing.");
        }
      });
    }

    void readCalendars(Predicate<Participant> wanted) {
      String start = window.start().toString();
      String end = window.end().toString();
      perMailbox("calendar", CALENDAR_PERMISSION, mailbox -> {
        String op = "GET /users/{id}/calendarView";
        EventCollectionResponse page = call(op, CALENDAR_PERMISSION, g -> page(op, g.users().byUserId(mailbox)
            .calendarView().get(rc -> {
              rc.queryParameters.startDateTime = start;
              rc.queryParameters.endDateTime = end;
              rc.queryParameters.select = EVENT_FIELDS;
              rc.queryParameters.top = config.pageSize();
              rc.headers.add("Prefer", PREFER_UTC);
            }), EventCollectionResponse::getValue));
        int pages = 1;
        while (true) {
          for (Event e : page.getValue()) {
            if (e != null) {
              keepEvent(e, mailbox, wanted);
            }
          }
          String next = page.getOdataNextLink();
          if (next == null) {
            break;
          }
          if (pages >= MAX_PAGES) {
            notes.add("Calendar " + mailbox + ": stopped after " + pages + " pages (the page limit); later meetings"
                + " are not in the brief.");
            break;
          }
          // The Prefer header is not part of the next link: send it again or times come back in the mailbox's zone.
          page = laterPage("Calendar " + mailbox, pages + 1, "meetings", () -> call(op, CALENDAR_PERMISSION,
              g -> page(op, g.users().byUserId(mailbox).calendarView().withUrl(next)
                  .get(rc -> rc.headers.add("Prefer", PREFER_UTC)), EventCollectionResponse::getValue)));
          if (page == null) {
            break;
          }
          pages++;
        }
      });
    }

    /**
     * Reads each mailbox. A mailbox refused (403), unknown (404), timed out or answering with
     * something that is not a Graph page is unread (the source is then partial) and the others are
     * read on; refused credentials and a spent budget end the source at once.
     */
    private void perMailbox(String what, String permission, java.util.function.Consumer<String> read) {
      List<String> mailboxes = mailboxes();
      if (mailboxes.isEmpty()) {
        notes.add("Outlook " + what + " was not read: the deal has no owner or team member with an email address;"
            + " set outlook.mailboxes.");
        return;
      }
      for (String mailbox : mailboxes) {
        try {
          read.accept(mailbox);
          mailboxesRead++;
        } catch (HandoffException e) {
          // A 403 on one mailbox is the access policy or one kind's permission, not the whole source's.
          boolean endsTheSource = ApiCalls.endsTheSource(e) && !(e instanceof GraphErrors.MailboxAccessException);
          if (endsTheSource || Thread.currentThread().isInterrupted()) {
            throw e;
          }
          unreadMailbox(what, mailbox, permission, e);
        } catch (RuntimeException e) {
          // Whatever Graph documents reads without failing; a page that makes the SDK or this reader fail is malformed.
          unreadMailbox(what, mailbox, permission, new MalformedResponseException(SYSTEM, "Microsoft Graph answered"
              + " the " + what + " of " + mailbox + " with a page that could not be read (" + e.getClass().getSimpleName()
              + ").", e));
        }
      }
    }

    private void unreadMailbox(String what, String mailbox, String permission, HandoffException e) {
      firstFailure = firstFailure == null ? e : firstFailure;
      LOG.warn("Outlook {} of {}: {}", what, mailbox, e.getMessage());
      LOG.debug("Outlook {} of {} failed", what, mailbox, e);
      unread.add("Outlook " + what + " of " + mailbox + (e instanceof GraphErrors.MailboxAccessException
          ? " was not read: access denied (an application access policy may exclude it, or " + permission
              + " is not granted)."
          : e instanceof GraphErrors.MailboxUnavailableException ? " was not read: Graph knows no such mailbox."
          : " was not read: " + e.getMessage()));
    }

    /**
     * A page after the first: when it keeps failing (an outage, a timeout, a link we will not
     * follow), the pages read are kept and the rest is unread; null then. Auth, permission and
     * budget failures still propagate.
     */
    private <T> T laterPage(String where, int page, String what, java.util.function.Supplier<T> read) {
      try {
        return read.get();
      } catch (HandoffException e) {
        if (ApiCalls.endsTheSource(e) || e instanceof GraphErrors.MailboxUnavailableException
            || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        LOG.debug("{}: page {} failed", where, page, e);
        unread.add(where + ": page " + page + " could not be read (" + e.kind().name().toLowerCase(Locale.ROOT)
            + "); later " + what + " are not in the brief.");
        return null;
      }
    }

    private <T> T call(String operation, String permission, GraphCall<T> attempt) {
      tokens.token(calls); // cached; renewed (one more counted call) only when it nears expiry
      return ApiCalls.of(calls.context(), config.retryPolicy(), limiter,
          e -> GraphErrors.map(e, operation, permission))
          .call(operation, () -> {
            GraphErrors.LastAnswer.reset();
            return attempt.run(graphWithin(calls.context()));
          });
    }

    private void keepMessage(Message m, String mailbox, Predicate<Participant> wanted) {
      if (Boolean.TRUE.equals(m.getIsDraft()) || m.getInternetMessageId() == null) {
        return;
      }
      OffsetDateTime sent = m.getSentDateTime() != null ? m.getSentDateTime() : m.getReceivedDateTime();
      if (sent == null || !window.contains(sent.toInstant())) {
        return;
      }
      Participant from = participant(m.getFrom());
      List<Participant> to = participants(m.getToRecipients());
      List<Participant> cc = participants(m.getCcRecipients());
      var everyone = new ArrayList<Participant>();
      if (from != null) {
        everyone.add(from);
      }
      everyone.addAll(to);
      everyone.addAll(cc);
      if (everyone.stream().noneMatch(wanted)
          || (from != null && from.email() != null && AUTOMATED.matcher(from.email()).matches())) {
        return;
      }
      String nativeId = m.getInternetMessageId().strip().replaceAll("^<|>$", "");
      if (messages.containsKey(nativeId)) {
        return;
      }
      ItemBody body = m.getUniqueBody() != null && m.getUniqueBody().getContent() != null
          && !m.getUniqueBody().getContent().isBlank() ? m.getUniqueBody() : m.getBody();
      var participants = new ArrayList<Participant>(to);
      participants.addAll(cc);
      if (m.getBody() != null && m.getBody().getContent() != null) {
        bodies.put(nativeId, m.getBody());
      }
      messages.put(nativeId, Evidence.builder(SYSTEM, MESSAGE, nativeId)
          .channel(Channel.EMAIL)
          .header("Subject", m.getSubject(), "subject")
          .line("From", from == null ? null : show(from))
          .line("To", to.stream().map(OutlookConnector::show).collect(Collectors.joining(", ")))
          .line("Cc", cc.stream().map(OutlookConnector::show).collect(Collectors.joining(", ")))
          .line("Date", SHOWN.format(sent.withOffsetSameInstant(ZoneOffset.UTC)))
          .body(body == null ? null : ownWords(body.getContent(), body.getContentType() != BodyType.Text), "body")
          .permalink(uri(m.getWebLink()))
          .timestamp(sent)
          .author(from)
          .participants(participants)
          .attribute("threadId", m.getConversationId())
          .attribute("internetMessageId", m.getInternetMessageId())
          .attribute("mailbox", mailbox)
          .attribute("subject", m.getSubject())
          .attribute("fromEmail", from == null ? null : from.email())
          .build());
    }

    /**
     * An evidence for each original a kept message carries under a forward's or reply's header
     * block that was not kept as a message of its own (same sender, subject and first words): the
     * original sender's words, cited inside the message that carries them.
     */
    private List<Evidence> forwarded() {
      var known = new java.util.HashSet<String>();
      for (Evidence e : messages.values()) {
        String body = e.sourceSpans().stream().filter(span -> "body".equals(span.field()))
            .map(span -> e.text().substring(span.start(), span.end())).findFirst().orElse("");
        if (e.author() != null && e.author().email() != null) {
          known.add(ForwardedMessage.matchKey(e.author().email(), e.attribute("subject"), body));
        }
        // A colleague in the same directory is named without an address in Outlook's header block.
        if (e.author() != null && e.author().name() != null) {
          known.add(ForwardedMessage.matchKey(e.author().name(), e.attribute("subject"), body));
        }
      }
      var out = new ArrayList<Evidence>();
      bodies.forEach((nativeId, body) -> {
        List<ForwardedMessage> originals = EmailText.forwarded(body.getContentType() != BodyType.Text
            ? HtmlText.withHistory(body.getContent(), true) : body.getContent());
        Evidence carrier = messages.get(nativeId);
        for (int i = 0; i < originals.size(); i++) {
          ForwardedMessage o = originals.get(i);
          if (o.text().isBlank() || !known.add(o.matchKey())) {
            continue;
          }
          OffsetDateTime at = o.sentAt(ZoneOffset.UTC);
          if (at == null || at.isAfter(carrier.timestamp())) {
            at = carrier.timestamp(); // an original cannot postdate its forward; a misread date must not move it
          }
          var sender = new Participant(o.senderName(), o.senderAddress(), null);
          out.add(Evidence.builder(SYSTEM, MESSAGE, nativeId + "/fwd" + (i + 1))
              .channel(Channel.EMAIL)
              .header("Subject", o.subject(), "subject")
              .line("From", show(sender))
              .line("Forwarded by", carrier.author() == null ? null : show(carrier.author()))
              .body(o.text(), "body")
              .permalink(carrier.permalink())
              .timestamp(at)
              .author(sender)
              .participants(carrier.participants())
              .attribute("forwardedIn", nativeId)
              .attribute("threadId", carrier.attribute("threadId"))
              .attribute("mailbox", carrier.attribute("mailbox"))
              .attribute("subject", o.subject())
              .attribute("fromEmail", o.senderAddress())
              .build());
        }
      });
      return out;
    }

    private void keepEvent(Event e, String mailbox, Predicate<Participant> wanted) {
      String nativeId = e.getICalUId() != null ? e.getICalUId() : e.getId();
      OffsetDateTime start = time(e.getStart());
      if (nativeId == null || start == null || !window.contains(start.toInstant()) || events.containsKey(nativeId)) {
        return;
      }
      Participant organizer = participant(e.getOrganizer());
      List<Attendee> attendees = nonNull(e.getAttendees());
      List<Participant> people = attendees.stream().map(OutlookConnector::participant).filter(Objects::nonNull).toList();
      if (people.stream().noneMatch(wanted) && (organizer == null || !wanted.test(organizer))) {
        return;
      }
      OffsetDateTime end = time(e.getEnd());
      boolean cancelled = Boolean.TRUE.equals(e.getIsCancelled());
      var responses = new LinkedHashMap<String, String>();
      var shown = new ArrayList<String>();
      for (Attendee a : attendees) {
        Participant p = participant(a);
        if (p == null) {
          continue;
        }
        String response = a.getStatus() != null && a.getStatus().getResponse() != null
            ? a.getStatus().getResponse().getValue() : "none";
        shown.add(show(p) + " (" + response + ")");
        if (p.email() != null) {
          responses.put(p.email(), response);
        }
      }
      String location = e.getLocation() == null ? null : e.getLocation().getDisplayName();
      events.put(nativeId, Evidence.builder(SYSTEM, EVENT, nativeId)
          .channel(Channel.CALENDAR)
          .header("Subject", e.getSubject(), "subject")
          .line("Start", SHOWN.format(start))
          .line("End", end == null ? null : SHOWN.format(end))
          .line("Organizer", organizer == null ? null : show(organizer))
          .line("Attendees", String.join(", ", shown))
          .header("Location", location, "location")
          .line("Status", cancelled ? "cancelled" : "scheduled")
          .body(e.getBody() == null ? null : ownWords(e.getBody().getContent(), e.getBody().getContentType() != BodyType.Text),
              "body")
          .permalink(uri(e.getWebLink()))
          .timestamp(start)
          .author(organizer)
          .participants(people)
          .attribute("status", cancelled ? "cancelled" : "scheduled")
          .attribute("start", start.toString())
          .attribute("end", end == null ? null : end.toString())
          .attribute("organizerEmail", organizer == null ? null : organizer.email())
          .attribute("responses", responses.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue())
              .collect(Collectors.joining(";")))
          .attribute("mailbox", mailbox)
          .build());
    }

    SourceResult result() {
      var all = new ArrayList<Evidence>(messages.values());
      all.addAll(forwarded());
      all.addAll(events.values());
      all.sort(java.util.Comparator.comparing(Evidence::timestamp).thenComparing(Evidence::id));
      if (firstFailure != null && mailboxesRead == 0 && messages.isEmpty() && events.isEmpty()) {
        throw firstFailure; // nothing the source should have read was read
      }
      return new SourceResult(all, Map.of(), notes, unread);
    }
  }

  /** One Graph request, made with the client {@link #graphWithin} chose. */
  @FunctionalInterface
  private interface GraphCall<T> {
    T run(GraphServiceClient graph) throws Exception;
  }

  /**
   * A collection page as Graph documents it: an object with a {@code value} list (empty when
   * nothing matched). An empty body or an object without {@code value} is not one, and reading it
   * as "no items" would lose mail silently.
   */
  private static <T> T page(String operation, T page, java.util.function.Function<T, List<?>> value) {
    if (page == null || value.apply(page) == null) {
      throw new MalformedResponseException(SYSTEM, "Microsoft Graph answered " + operation + " with no value list"
          + " (an empty body or another object), not a page of the collection.", null);
    }
    return page;
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static Participant participant(Recipient r) {
    if (r == null || r.getEmailAddress() == null) {
      return null;
    }
    String name = r.getEmailAddress().getName();
    String address = r.getEmailAddress().getAddress();
    if ((name == null || name.isBlank()) && (address == null || address.isBlank())) {
      return null;
    }
    // Outlook puts the address in the name when it knows no name; the address alone says it better.
    if (name != null && address != null && name.strip().equalsIgnoreCase(address.strip())) {
      name = null;
    }
    return new Participant(name, address, null);
  }

  private static List<Participant> participants(List<Recipient> recipients) {
    return nonNull(recipients).stream().map(OutlookConnector::participant).filter(Objects::nonNull).toList();
  }

  /**
   * The author's own words of a message or event body. A claim must cite the message where its
   * words were first written, so quoted history, signatures, disclaimers and Teams join blocks go.
   * Paragraphs are compact: Outlook writes each line as its own zero-margin paragraph.
   */
  private static String ownWords(String content, boolean html) {
    if (content == null || content.isBlank()) {
      return "";
    }
    return EmailText.ownWords(html ? HtmlText.toText(content, true).text() : content).text();
  }

  private static String show(Participant p) {
    if (p.name() != null && p.email() != null) {
      return p.name() + " <" + p.email() + ">";
    }
    return p.label();
  }

  private static String line(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }

  /** An event time: Graph gives a local date-time and a zone name (UTC when we asked for it). */
  static OffsetDateTime time(DateTimeTimeZone t) {
    if (t == null || t.getDateTime() == null) {
      return null;
    }
    LocalDateTime local = LocalDateTime.parse(t.getDateTime());
    ZoneId zone;
    try {
      zone = t.getTimeZone() == null ? ZoneOffset.UTC : ZoneId.of(t.getTimeZone());
    } catch (java.time.DateTimeException e) {
      zone = ZoneOffset.UTC; // a Windows zone name: only when the Prefer header was ignored
    }
    return local.atZone(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static URI uri(String link) {
    if (link == null || link.isBlank()) {
      return null;
    }
    try {
      return URI.create(link.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
