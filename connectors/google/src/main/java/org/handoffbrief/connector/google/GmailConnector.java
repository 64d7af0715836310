package org.handoffbrief.connector.google;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.handoffbrief.HandoffException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.model.Channel;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.TimeWindow;
import org.handoffbrief.spi.ApiCalls;
import org.handoffbrief.spi.CallBudgetExhaustedException;
import org.handoffbrief.spi.FollowUp;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.spi.kit.EmailText;
import org.handoffbrief.spi.kit.ForwardedMessage;

/**
 * Reads the deal's mail from Gmail (google-api-services-gmail): for each internal mailbox (the
 * opportunity owner's, the deal team's, and any configured), the messages of the sales-cycle window
 * (its start moved back by {@link GoogleConfig#lookback()}, 30 days by default) to or from the customer's addresses and domains. Thread-safe; tokens are cached per mailbox.
 *
 * <h2>Calls</h2>
 * Per mailbox: a token (service account: JWT bearer grant with {@code sub} = the mailbox), then
 * {@code users.messages.list} with {@code q = {from:D to:D cc:D ...} after:S before:E} page by page
 * ({@code nextPageToken}, at most {@code maxPages}), then the messages in {@code format=full}
 * through batch requests of up to {@code batchSize} (never one call per message). The SDK's retry
 * stays off; {@link org.handoffbrief.spi.ApiCalls} retries 429 and 5xx with capped back-off,
 * honouring {@code Retry-After}, and re-batches only the parts that failed.
 *
 * <h2>Scope</h2>
 * {@value GoogleConfig#GMAIL_SCOPE} only. A token refused for that scope, or an API answer saying
 * the scope is missing, is a {@link org.handoffbrief.PermissionException} naming it; a refused or
 * expired credential an {@link org.handoffbrief.AuthenticationException} at once, never retried.
 *
 * <h2>What enters</h2>
 * A message enters when its From, To or Cc holds a customer contact's address or an address in a
 * customer domain ({@link DealContext#customerDomains()}), its {@code internalDate} is in the window,
 * it is not a draft, and it is not automated ({@code Auto-Submitted}, {@code Precedence: bulk},
 * no-reply senders). The same message in two mailboxes (same RFC 822 {@code Message-ID}) enters once.
 *
 * <h2>Evidence</h2>
 * System {@code gmail}, kind {@code message}, native id the Gmail message id (of the first mailbox
 * it was found in). Text: {@code From:}, {@code To:}, {@code Cc:} (when any), {@code Date:}
 * ({@code 2026-03-10 09:14 -05:00}, the sender's offset) and {@code Subject:} lines, a blank line,
 * then the body as the sender wrote it ({@link MailText}: quoted replies, forwarded history,
 * signatures and disclaimers cut; HTML-only mail converted to text; each part in its own charset).
 * Attributes: {@code threadId}, {@code rfc822MessageId}, {@code mailbox}, {@code mailboxes},
 * {@code inReplyTo}, {@code attachments}, {@code quotedTextRemoved}. Permalink: a Gmail search for
 * {@code rfc822msgid:}, which opens the message for anyone in the domain who has it.
 *
 * <p>An earlier message a message carries under a forward's or reply's header block
 * ({@link EmailText#forwarded}) that was not read as a message of its own (same sender, subject and
 * first words) is one more evidence: native id {@code <message id>/fwd<N>}, author the original's
 * sender, time the original's date when readable, text {@code From:}, {@code Forwarded by:},
 * {@code Subject:} and the original's own words, permalink and participants the carrying message's,
 * attribute {@code forwardedIn} the carrying message's id. A promise forwarded by the customer is
 * then cited as the words of the person who made it.
 */
public final class GmailConnector implements SourceConnector {

  /** The evidence kind. */
  public static final String KIND = "message";

  private static final Pattern AUTOMATED_SENDER = Pattern.compile(
      "^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|notifications?|calendar-notification|bounce[s]?)([+.-].*)?@.*");
  private static final DateTimeFormatter DATE_LINE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT);

  private final GoogleSession session;

  private GmailConnector(GoogleConfig config) {
    this.session = new GoogleSession(config);
  }

  /** A connector for this configuration (made with {@link GoogleConfig#gmail()}). */
  public static GmailConnector create(GoogleConfig config) {
    Objects.requireNonNull(config, "config == null");
    if (!config.system().equals(GoogleConfig.GMAIL)) {
      throw new IllegalArgumentException("GmailConnector needs a GoogleConfig.gmail() config, not " + config.system());
    }
    return new GmailConnector(config);
  }

  @Override
  public String system() {
    return GoogleConfig.GMAIL;
  }

  @Override
  public Set<Channel> channels() {
    return EnumSet.of(Channel.EMAIL);
  }

  /** The configuration this connector was made with. */
  public GoogleConfig config() {
    return session.config;
  }

  @Override
  public SourceResult fetch(DealContext deal, SourceContext context) {
    Objects.requireNonNull(deal, "deal == null");
    Objects.requireNonNull(context, "context == null");
    var audience = new DealAudience(deal, Set.of());
    var terms = new LinkedHashSet<>(audience.customerDomains);
    audience.customerEmails.stream().filter(e -> audience.customerDomains.stream()
        .noneMatch(d -> e.endsWith("@" + d) || e.endsWith("." + d))).forEach(terms::add);
    if (terms.isEmpty()) {
      return new SourceResult(List.of(), Map.of(), List.of("gmail: the deal names no customer email address or"
          + " domain, so no mail was read; add contacts with addresses or the account's website in the CRM."));
    }
    return read(deal, context, audience, terms);
  }

  /**
   * Reads the mail of customer-side people the first round found outside the customer's domains
   * (a consultant, a partner); people inside them were read already.
   */
  @Override
  public SourceResult followUp(DealContext deal, FollowUp followUp, SourceContext context) {
    var first = new DealAudience(deal, Set.of());
    var extra = followUp.newPeople().stream().map(Participant::email)
        .filter(e -> e != null && !deal.isInternal(e) && !first.isCustomer(e)).collect(Collectors.toCollection(LinkedHashSet::new));
    if (extra.isEmpty()) {
      return SourceResult.of(List.of());
    }
    return read(deal, context, new DealAudience(deal, extra), extra);
  }

  /** The Gmail search for these addresses or domains within the window. */
  static String query(Collection<String> terms, TimeWindow window) {
    var or = new StringBuilder("{");
    for (String t : terms) {
      for (String field : List.of("from:", "to:", "cc:")) {
        or.append(or.length() == 1 ? "" : " ").append(field).append(t);
      }
    }
    return or.append("} after:").append(window.start().getEpochSecond())
        .append(" before:").append(window.end().getEpochSecond()).toString();
  }

  private SourceResult read(DealContext deal, SourceContext context, DealAudience audience, Collection<String> terms) {
    GoogleConfig config = session.config;
    GoogleSession.Calls calls = session.calls(context);
    List<String> mailboxes = DealAudience.mailboxes(deal, config);
    var notes = new ArrayList<String>();
    var unread = new ArrayList<String>();
    if (mailboxes.isEmpty()) {
      return new SourceResult(List.of(), Map.of(), List.of("gmail: no internal mailbox to read (the deal owner and"
          + " team have no address in the vendor's domains, and gmail.mailboxes is empty)."));
    }
    String q = query(terms, window(deal));
    var found = new LinkedHashMap<String, Found>();
    HandoffException firstFailure = null;
    int unreadable = 0;
    int listed = 0;
    int fetched = 0;
    for (String mailbox : mailboxes) {
      Gmail gmail = new Gmail.Builder(session.transport, GsonFactory.getDefaultInstance(), session.initializer(mailbox, context))
          .setRootUrl(config.rootUrl().toString()).setApplicationName("handoff-brief").build();
      try {
        List<String> ids = list(gmail, mailbox, q, calls, notes, unread);
        listed += ids.size();
        for (int from = 0; from < ids.size(); from += config.batchSize()) {
          List<Message> messages = batch(gmail, mailbox, ids.subList(from, Math.min(ids.size(), from + config.batchSize())),
              calls, unread);
          fetched += messages.size();
          for (Message m : messages) {
            accept(m, mailbox, deal, audience, found);
          }
        }
      } catch (CallBudgetExhaustedException e) {
        int left = mailboxes.size() - mailboxes.indexOf(mailbox) - 1;
        unread.add("gmail: " + e.getMessage() + "; mail was read up to mailbox " + mailbox
            + (left > 0 ? " and " + left + " more mailbox(es) were not read" : "") + ".");
        break;
      } catch (HandoffException e) {
        if (ApiCalls.endsTheSource(e) && !(e instanceof GoogleErrors.MailboxUnreadable)) {
          throw e;
        }
        // One mailbox that cannot be read must not cost the others; reported, and thrown if all fail.
        unread.add("gmail: mailbox " + mailbox + " could not be read: " + e.getMessage());
        firstFailure = firstFailure == null ? e : firstFailure;
        unreadable++;
      }
    }
    if (unreadable == mailboxes.size() && firstFailure != null) {
      throw firstFailure;
    }
    var evidence = new ArrayList<Evidence>();
    var known = new java.util.HashSet<String>();
    for (Found f : found.values()) {
      Evidence e = f.evidence();
      evidence.add(e);
      known.addAll(originalKeys(e));
    }
    for (Found f : found.values()) {
      evidence.addAll(f.forwarded(known));
    }
    var usage = new LinkedHashMap<String, String>();
    usage.put("mailboxes", String.valueOf(mailboxes.size()));
    usage.put("messagesListed", String.valueOf(listed));
    usage.put("messagesFetched", String.valueOf(fetched));
    return new SourceResult(evidence, usage, notes, unread);
  }

  /** Closes the HTTP transport and forgets the cached tokens. Idempotent. */
  @Override
  public void close() {
    session.close();
  }

  private List<String> list(Gmail gmail, String mailbox, String q, GoogleSession.Calls calls, List<String> notes,
      List<String> unread) {
    var ids = new ArrayList<String>();
    String pageToken = null;
    for (int page = 1; ; page++) {
      String token = pageToken;
      ListMessagesResponse r;
      try {
        r = calls.call("GET users.messages.list", mailbox, () -> gmail.users().messages()
            .list(mailbox).setQ(q).setMaxResults((long) session.config.pageSize()).setPageToken(token).execute());
      } catch (HandoffException e) {
        if (page == 1 || ApiCalls.endsTheSource(e)) {
          throw e;
        }
        // A later page that fails costs only what it would have listed: keep the pages read, say so.
        unread.add("gmail: mailbox " + mailbox + ": page " + page + " of the matching mail could not be read ("
            + e.kind().name().toLowerCase(java.util.Locale.ROOT) + "); read the first " + ids.size() + " messages.");
        return ids;
      }
      if (r.getMessages() != null) {
        r.getMessages().forEach(m -> ids.add(m.getId()));
      }
      pageToken = r.getNextPageToken();
      if (pageToken == null || pageToken.isEmpty()) {
        return ids;
      }
      if (page >= session.config.maxPages()) {
        notes.add("gmail: mailbox " + mailbox + " has more than " + page + " pages of matching mail; read the first "
            + ids.size() + " messages (raise gmail.maxPages to read further).");
        return ids;
      }
    }
  }

  /** Fetches messages in one batch; parts that failed retriably are batched again, alone. */
  private List<Message> batch(Gmail gmail, String mailbox, List<String> ids, GoogleSession.Calls calls,
      List<String> unread) {
    var got = new LinkedHashMap<String, Message>();
    var pending = new ArrayList<>(ids);
    while (!pending.isEmpty()) {
      int before = pending.size();
      try {
        calls.call("POST batch users.messages.get x" + pending.size(), mailbox, () -> {
          BatchRequest batch = gmail.batch();
          var retry = new ArrayList<HandoffException>();
          for (String id : List.copyOf(pending)) {
            gmail.users().messages().get(mailbox, id).setFormat("full").queue(batch, new JsonBatchCallback<Message>() {
              @Override
              public void onSuccess(Message m, HttpHeaders headers) {
                got.put(id, m);
                pending.remove(id);
              }

              @Override
              public void onFailure(GoogleJsonError error, HttpHeaders headers) {
                HandoffException e = GoogleErrors.fromStatus(error.getCode(), error, headers, null,
                    GoogleConfig.GMAIL, GoogleConfig.GMAIL_SCOPE, "users.messages.get " + id + " for " + mailbox);
                if (e.isRetriable()) {
                  retry.add(e);
                } else if (error.getCode() == 404) {
                  pending.remove(id); // deleted between list and get: nothing to read
                } else {
                  throw e;
                }
              }
            });
          }
          batch.execute();
          if (!retry.isEmpty()) {
            throw retry.get(0);
          }
          return null;
        });
        if (pending.size() == before) {
          // A batch answered with no parts at all would be asked again forever: every loop must progress.
          unread.add("gmail: a batch of " + before + " message(s) in mailbox " + mailbox + " came back with no"
              + " answers; they are not in the brief.");
          break;
        }
      } catch (MalformedResponseException e) {
        // Parts answer in order: the first one without an answer is the one that could not be read.
        String bad = pending.remove(0);
        unread.add("gmail: message " + bad + " in mailbox " + mailbox + " could not be read and was skipped ("
            + e.getMessage() + ")");
      }
    }
    return new ArrayList<>(got.values());
  }

  /**
   * The sales cycle with its start moved back by {@link GoogleConfig#lookback()}: the first inbound
   * mail, where the customer says why they are buying, often predates the opportunity.
   */
  private TimeWindow window(DealContext deal) {
    return deal.window().startingEarlier(session.config.lookback());
  }

  private void accept(Message m, String mailbox, DealContext deal, DealAudience audience, Map<String, Found> found) {
    if (m.getLabelIds() != null && m.getLabelIds().contains("DRAFT") || m.getPayload() == null) {
      return;
    }
    Instant sent = m.getInternalDate() == null ? null : Instant.ofEpochMilli(m.getInternalDate());
    if (sent == null || !window(deal).contains(sent)) {
      return;
    }
    var h = m.getPayload();
    List<Participant> from = DealAudience.parseAddresses(MailText.header(h, "From"));
    List<Participant> to = DealAudience.parseAddresses(MailText.header(h, "To"));
    List<Participant> cc = DealAudience.parseAddresses(MailText.header(h, "Cc"));
    var everyone = new ArrayList<Participant>(from);
    everyone.addAll(to);
    everyone.addAll(cc);
    if (!audience.anyCustomer(everyone) || isAutomated(h, from)) {
      return;
    }
    String messageId = stripBrackets(MailText.header(h, "Message-ID"));
    String key = messageId != null ? messageId : mailbox + "/" + m.getId();
    Found existing = found.get(key);
    if (existing != null) {
      existing.mailboxes.add(mailbox);
      return;
    }
    found.put(key, new Found(m, mailbox, messageId, from, to, cc));
  }

  /**
   * The keys a copy of this message under another one's header block would have: the header names
   * the sender by address or, for a colleague in the same directory, by name alone.
   */
  private static List<String> originalKeys(Evidence e) {
    String subject = e.attribute("subject");
    String text = bodyOf(e);
    var keys = new ArrayList<String>();
    if (e.author() != null && e.author().email() != null) {
      keys.add(ForwardedMessage.matchKey(e.author().email(), subject, text));
    }
    if (e.author() != null && e.author().name() != null) {
      keys.add(ForwardedMessage.matchKey(e.author().name(), subject, text));
    }
    return keys;
  }

  /** The body span of an evidence's text: the message's own words. */
  private static String bodyOf(Evidence e) {
    return e.sourceSpans().stream().filter(span -> "body".equals(span.field()))
        .map(span -> e.text().substring(span.start(), span.end())).findFirst().orElse("");
  }

  private static boolean isAutomated(com.google.api.services.gmail.model.MessagePart h, List<Participant> from) {
    String auto = MailText.header(h, "Auto-Submitted");
    String precedence = MailText.header(h, "Precedence");
    return (auto != null && !auto.strip().equalsIgnoreCase("no"))
        || (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|junk|list"))
        || (!from.isEmpty() && from.get(0).email() != null && AUTOMATED_SENDER.matcher(from.get(0).email()).matches());
  }

  private static String stripBrackets(String id) {
    if (id == null || id.isBlank()) {
      return null;
    }
    String t = id.strip();
    return t.startsWith("<") && t.endsWith(">") ? t.substring(1, t.length() - 1) : t;
  }

  /** A message that entered, with every mailbox it was found in. */
  private static final class Found {
    final Message m;
    final String messageId;
    final List<Participant> from;
    final List<Participant> to;
    final List<Participant> cc;
    final Set<String> mailboxes = new LinkedHashSet<>();

    Found(Message m, String mailbox, String messageId, List<Participant> from, List<Participant> to,
        List<Participant> cc) {
      this.m = m;
      this.messageId = messageId;
      this.from = from;
      this.to = to;
      this.cc = cc;
      mailboxes.add(mailbox);
    }

    Evidence evidence() {
      var h = m.getPayload();
      Instant sent = Instant.ofEpochMilli(m.getInternalDate());
      OffsetDateTime at = sent.atOffset(offset(MailText.header(h, "Date")));
      MailText.Body body = MailText.body(h);
      String subject = MailText.header(h, "Subject");
      var participants = new ArrayList<Participant>(to);
      participants.addAll(cc);
      return Evidence.builder(GoogleConfig.GMAIL, KIND, m.getId())
          .channel(Channel.EMAIL)
          .line("From", join(from))
          .line("To", join(to))
          .line("Cc", cc.isEmpty() ? null : join(cc))
          .line("Date", DATE_LINE.format(at))
          .header("Subject", subject, "subject")
          .body(body.text(), "body")
          .permalink(messageId == null ? null : URI.create("https://mail.google.com/mail/#search/"
              + URLEncoder.encode("rfc822msgid:" + messageId, StandardCharsets.UTF_8).replace("+", "%20")))
          .timestamp(at)
          .author(from.isEmpty() ? null : from.get(0))
          .participants(participants)
          .attribute("threadId", m.getThreadId())
          .attribute("rfc822MessageId", messageId)
          .attribute("mailbox", mailboxes.iterator().next())
          .attribute("mailboxes", String.join(",", mailboxes))
          .attribute("subject", subject)
          .attribute("inReplyTo", stripBrackets(MailText.header(h, "In-Reply-To")))
          .attribute("attachments", String.join(", ", body.attachments()))
          .attribute("quotedTextRemoved", body.quoteRemoved() ? "true" : null)
          .build();
    }

    /**
     * An evidence for each original this message carries under a forward's or reply's header block
     * that was not read as a message of its own (its key is not in {@code known}, which each one
     * emitted joins): the original sender's words, cited inside the message that carries them.
     */
    List<Evidence> forwarded(Set<String> known) {
      var h = m.getPayload();
      List<ForwardedMessage> originals = EmailText.forwarded(MailText.withHistory(h));
      if (originals.isEmpty()) {
        return List.of();
      }
      Evidence carrier = evidence();
      var out = new ArrayList<Evidence>();
      for (int i = 0; i < originals.size(); i++) {
        ForwardedMessage o = originals.get(i);
        if (o.text().isBlank() || !known.add(o.matchKey())) {
          continue;
        }
        OffsetDateTime at = o.sentAt(carrier.timestamp().getOffset());
        if (at == null || at.isAfter(carrier.timestamp())) {
          at = carrier.timestamp(); // an original cannot postdate its forward; a misread date must not move it
        }
        var sender = new Participant(o.senderName(), o.senderAddress(), null);
        out.add(Evidence.builder(GoogleConfig.GMAIL, KIND, m.getId() + "/fwd" + (i + 1))
            .channel(Channel.EMAIL)
            .line("From", DealAudience.label(sender))
            .line("Forwarded by", join(from))
            .header("Subject", o.subject(), "subject")
            .body(o.text(), "body")
            .permalink(carrier.permalink())
            .timestamp(at)
            .author(sender)
            .participants(carrier.participants())
            .attribute("forwardedIn", m.getId())
            .attribute("threadId", m.getThreadId())
            .attribute("mailbox", carrier.attribute("mailbox"))
            .attribute("mailboxes", carrier.attribute("mailboxes"))
            .attribute("subject", o.subject())
            .build());
      }
      return out;
    }

    private static String join(List<Participant> people) {
      return people.stream().map(DealAudience::label).collect(Collectors.joining(", "));
    }

    /** The sender's UTC offset from the Date header; UTC when it has none we can read. */
    private static ZoneOffset offset(String date) {
      if (date == null) {
        return ZoneOffset.UTC;
      }
      try {
        String t = date.replaceAll("\\s*\\([^)]*\\)\\s*$", "").strip();
        return OffsetDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).getOffset();
      } catch (DateTimeParseException e) {
        return ZoneOffset.UTC;
      }
    }
  }
}
