package org.handoffbrief.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.handoffbrief.model.DealContact;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Person;

/**
 * What the six sources hold for a {@link SyntheticDeal}, at a scale: at 1x 100 emails (80 in
 * Gmail across the owner's and team's mailboxes, 20 in Outlook), 20 meetings, 500 Slack messages
 * in the deal channel (a tenth of them thread replies), 5 Zendesk tickets of 4 comments, and 2 Gong
 * calls with their transcripts; every count times the scale, so 100x is 10,000 emails, 50,000 Slack
 * messages, 500 tickets and 200 transcripts. One email, ticket comment and call in fifty carries a
 * long body (a pasted log of about 16 KB), as real ones sometimes do.
 *
 * <p>The records are vendor-neutral; {@link VendorStubs} serves them in each vendor's wire format.
 * The same scale and seed always give the same data.
 */
public final class SyntheticSources {

  /** Everything is made from this seed. */
  public static final long SEED = 20261205L;
  /** The deal channel's name: what Slack's default pattern {@code deal-{account}} finds. */
  public static final String DEAL_CHANNEL = "deal-meridian-health";

  /** One email in one mailbox. */
  public record Mail(String id, String mailbox, Person from, Person to, Person cc, String subject, Instant sent,
      String body) {}

  /** One meeting on one calendar. */
  public record Meeting(String id, String calendar, Person organizer, List<Person> attendees, String title,
      Instant start, String description) {}

  /** One Slack message; {@code threadTs} is the parent's ts for a reply, null otherwise. */
  public record SlackMessage(String ts, String threadTs, int replyCount, String latestReply, Person author,
      String text) {}

  /** One Zendesk ticket with its comments (the first is the description). */
  public record Ticket(long id, Person requester, String subject, Instant created, List<Comment> comments) {}

  /** One ticket comment. */
  public record Comment(long id, Person author, Instant created, String body) {}

  /** One Gong call and what was said in it, one monologue of a few sentences per turn. */
  public record Call(String id, String title, Instant started, List<Person> parties, List<Turn> turns) {}

  /** One monologue of a call. */
  public record Turn(Person speaker, long startMs, List<String> sentences) {}

  private final int scale;
  private final DealContext deal;
  private final List<Person> internal;
  private final List<Person> customers;
  private final List<Mail> gmail = new ArrayList<>();
  private final List<Mail> outlook = new ArrayList<>();
  private final List<Meeting> googleCalendar = new ArrayList<>();
  private final List<Meeting> outlookCalendar = new ArrayList<>();
  private final List<SlackMessage> slack = new ArrayList<>();
  private final List<Ticket> tickets = new ArrayList<>();
  private final List<Call> calls = new ArrayList<>();

  private SyntheticSources(int scale, DealContext deal) {
    this.scale = scale;
    this.deal = deal;
    this.internal = new ArrayList<>();
    internal.add(deal.owner());
    deal.team().forEach(m -> internal.add(m.person()));
    this.customers = deal.contacts().stream().map(DealContact::person).toList();
  }

  /** The sources of {@code deal} at {@code scale} (1, 10, 100, ...). */
  public static SyntheticSources generate(DealContext deal, int scale) {
    if (scale < 1) {
      throw new IllegalArgumentException("scale must be at least 1, not " + scale);
    }
    var s = new SyntheticSources(scale, deal);
    s.fill(new Random(SEED + scale));
    return s;
  }

  /**
   * These sources plus one email carrying {@code body}, in Gmail (the owner's mailbox) and in
   * Outlook (served as HTML when it starts with {@code <}): how the adversarial runs put a 1 MB or
   * 25 MB body, or 200 KB of {@code <}, in front of the real connectors.
   */
  public SyntheticSources withMail(String body) {
    Instant at = deal.window().start().plusSeconds(86_400);
    Person them = customers.get(0);
    gmail.add(new Mail("19cfffffffffffff", internal.get(0).email(), them, internal.get(0), internal.get(0),
        "Logs from last night", at, body));
    outlook.add(new Mail("19cffffffffffffe", outlookMailboxes().get(0), them, internal.get(1), internal.get(0),
        "Logs from last night", at, body));
    return this;
  }

  /** The scale these sources were made at. */
  public int scale() {
    return scale;
  }

  /** The deal's internal people: the owner, then the team; their addresses are the mailboxes read. */
  public List<Person> internal() {
    return internal;
  }

  /** The deal's customer contacts. */
  public List<Person> customers() {
    return customers;
  }

  /** Gmail messages, every mailbox. */
  public List<Mail> gmail() {
    return gmail;
  }

  /** Outlook messages, every mailbox. */
  public List<Mail> outlook() {
    return outlook;
  }

  /** The mailboxes Outlook holds mail and meetings in: the deal team's (not the owner's, whose mail is Gmail's). */
  public List<String> outlookMailboxes() {
    return internal.subList(1, internal.size()).stream().map(Person::email).toList();
  }

  /** Google Calendar events. */
  public List<Meeting> googleCalendar() {
    return googleCalendar;
  }

  /** Outlook calendar events. */
  public List<Meeting> outlookCalendar() {
    return outlookCalendar;
  }

  /** The deal channel's messages, parents and replies, oldest first. */
  public List<SlackMessage> slack() {
    return slack;
  }

  /** Zendesk tickets. */
  public List<Ticket> tickets() {
    return tickets;
  }

  /** Gong calls. */
  public List<Call> calls() {
    return calls;
  }

  /** The customer's account name, as the CRM has it (what a support desk names its organization). */
  public String accountName() {
    return deal.account().name();
  }

  /** Every person a source can name: internal first, then customers. */
  public List<Person> people() {
    var out = new ArrayList<Person>(internal);
    out.addAll(customers);
    return out;
  }

  private void fill(Random random) {
    Instant start = deal.window().start();
    long span = Duration.between(start, deal.window().end()).getSeconds();
    int emails = 100 * scale;
    for (int i = 0; i < emails; i++) {
      Instant at = start.plusSeconds(span * i / emails + random.nextInt(3600));
      boolean inGmail = i % 5 != 0;
      List<String> mailboxes = inGmail ? internal.stream().map(Person::email).toList() : outlookMailboxes();
      String mailbox = mailboxes.get(i % mailboxes.size());
      Person us = internal.stream().filter(p -> p.email().equals(mailbox)).findFirst().orElseThrow();
      Person them = pick(random, customers);
      boolean inbound = random.nextBoolean();
      var mail = new Mail(String.format("%016x", 0x19c0000000000000L + i), mailbox, inbound ? them : us,
          inbound ? us : them, pick(random, internal), subject(random), at, body(random, i, 3 + random.nextInt(6)));
      (inGmail ? gmail : outlook).add(mail);
    }
    int meetings = 20 * scale;
    for (int i = 0; i < meetings; i++) {
      Instant at = start.plusSeconds(span * i / meetings).plusSeconds(3600L * (9 + random.nextInt(6)));
      boolean google = i % 3 != 0;
      Person organizer = google ? internal.get(0) : internal.get(1 + i % (internal.size() - 1));
      var m = new Meeting("ev" + String.format("%08d", i), organizer.email(), organizer,
          List.of(organizer, pick(random, customers), pick(random, customers)),
          pick(random, SyntheticDeal.EVENT_SUBJECTS), at, sentences(random, 2));
      (google ? googleCalendar : outlookCalendar).add(m);
    }
    int messages = 500 * scale;
    int parents = Math.max(1, messages / 100); // each with ten replies: a tenth of the messages are replies
    int topLevel = messages - parents * 10;
    int parentEvery = Math.max(1, topLevel / parents);
    for (int i = 0, p = 0; i < topLevel; i++) {
      Instant at = start.plusSeconds(span * i / topLevel + random.nextInt(60));
      String ts = ts(at, i);
      Person author = random.nextInt(3) == 0 ? pick(random, customers) : pick(random, internal);
      if (i % parentEvery == 0 && p < parents) {
        p++;
        var replies = new ArrayList<SlackMessage>();
        for (int r = 0; r < 10; r++) {
          Instant replyAt = at.plusSeconds(600L * (r + 1));
          replies.add(new SlackMessage(ts(replyAt, i * 10 + r + 1), ts, 0, null, pick(random, people()),
              sentences(random, 1 + random.nextInt(3))));
        }
        slack.add(new SlackMessage(ts, ts, 10, replies.get(9).ts(), author, sentences(random, 2)));
        slack.addAll(replies);
      } else {
        slack.add(new SlackMessage(ts, null, 0, null, author, sentences(random, 1 + random.nextInt(3))));
      }
    }
    int ticketCount = 5 * scale;
    for (int i = 0; i < ticketCount; i++) {
      Instant at = start.plusSeconds(span * i / ticketCount);
      Person requester = pick(random, customers);
      var comments = new ArrayList<Comment>();
      for (int c = 0; c < 4; c++) {
        Person author = c % 2 == 0 ? requester : internal.get(2 % internal.size());
        comments.add(new Comment(40_000_000L + i * 10L + c, author, at.plusSeconds(7200L * c),
            body(random, i * 4 + c, 2 + random.nextInt(4))));
      }
      tickets.add(new Ticket(4000 + i, requester, subject(random), at, comments));
    }
    int callCount = 2 * scale;
    for (int i = 0; i < callCount; i++) {
      Instant at = start.plusSeconds(span * i / callCount + 3600L * 15);
      List<Person> parties = List.of(internal.get(0), internal.get(1 % internal.size()), customers.get(0),
          pick(random, customers));
      var turns = new ArrayList<Turn>();
      boolean long_ = i % 50 == 49;
      int count = long_ ? 600 : 60;
      for (int t = 0; t < count; t++) {
        var said = new ArrayList<String>();
        for (int s = 0, n = 1 + random.nextInt(3); s < n; s++) {
          said.add(sentence(random));
        }
        turns.add(new Turn(parties.get(t % parties.size()), 30_000L * t, said));
      }
      calls.add(new Call(String.valueOf(8_100_000_000_000_000_000L + i), pick(random, SyntheticDeal.EVENT_SUBJECTS),
          at, parties, turns));
    }
  }

  /** One in fifty bodies is long: a pasted log after the note, as an engineer pastes one. */
  private String body(Random random, int n, int sentences) {
    String text = "Hi,\n\n" + sentences(random, sentences) + "\n\nThanks";
    return n % 50 == 49 ? text + "\n\n" + pastedLog(random, 16_000) : text;
  }

  /** About {@code size} characters of a service log: long, repetitive, with no sentence a brief wants. */
  static String pastedLog(Random random, int size) {
    var out = new StringBuilder(size + 200);
    for (int line = 0; out.length() < size; line++) {
      out.append("2026-03-0").append(1 + line % 9).append("T10:").append(10 + line % 50).append(":00Z INFO sync worker-")
          .append(random.nextInt(8)).append(" batch=").append(line).append(" rows=").append(random.nextInt(5000))
          .append(" status=ok elapsed_ms=").append(random.nextInt(900)).append('\n');
    }
    return out.toString();
  }

  private String sentences(Random random, int n) {
    var out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append(i == 0 ? "" : " ").append(sentence(random));
    }
    return out.toString();
  }

  private String sentence(Random random) {
    String[] pool = SyntheticDeal.pool(random.nextInt(100));
    return pick(random, pool).replace("{c}", customers.get(0).name().split(" ")[0])
        .replace("{o}", deal.owner().name().split(" ")[0]);
  }

  private String subject(Random random) {
    return pick(random, SyntheticDeal.TASK_SUBJECTS).replace("{c}", customers.get(0).name().split(" ")[0]);
  }

  private static String ts(Instant at, int n) {
    return at.getEpochSecond() + "." + String.format("%06d", n % 1_000_000);
  }

  private static <T> T pick(Random random, List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  private static String pick(Random random, String[] from) {
    return from[random.nextInt(from.length)];
  }
}
