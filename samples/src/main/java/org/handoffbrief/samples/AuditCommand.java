package org.handoffbrief.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.handoffbrief.Handoff;
import org.handoffbrief.audit.AuditMetrics;
import org.handoffbrief.audit.AuditQuestion;
import org.handoffbrief.audit.AuditReport;
import org.handoffbrief.audit.KickoffSignal;
import org.handoffbrief.audit.PassRate;
import org.handoffbrief.audit.RolloutDecision;
import org.handoffbrief.audit.RolloutPolicy;
import org.handoffbrief.audit.SpotCheck;
import org.handoffbrief.audit.Verdict;
import org.handoffbrief.audit.Weeks;
import org.handoffbrief.audit.WriteBackTarget;
import org.handoffbrief.connector.salesforce.trigger.ClosedWonRange;
import org.handoffbrief.connector.slack.delivery.SlackDeliveryConfig;
import org.handoffbrief.connector.slack.delivery.SlackInteractions;
import org.handoffbrief.connector.slack.delivery.SlackSpotCheck;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.review.ReviewFeedback;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.testing.FakeSlackInteractions;
import org.handoffbrief.testing.SignedSlackRequest;
import org.handoffbrief.trigger.BriefBatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code audit}: the weekly citation spot-check over the demo. Briefs a few deals of the demo week,
 * reviews and delivers them (the AE confirms all but the last, which times out), draws the week's
 * sample with a fixed seed, answers it with scripted answers (clicks in the demo Slack workspace,
 * signed as Slack signs them, or the Java API with {@code --no-slack}), then prints the pass rate,
 * the review outcomes, time to kickoff and what the rollout policy decided, and writes the HTML report.
 */
@Command(versionProvider = HandoffSamples.Version.class, name = "audit", sortOptions = false,
    description = {
        "Runs the weekly citation spot-check over the demo: briefs --deals deals of the demo week, delivers them, "
            + "samples 5 of them (3 citations each, seed --seed), answers with a script, and prints the pass rate, "
            + "review outcomes, time to kickoff and what the rollout policy decided.",
        "The CS manager's answers are clicks in the demo Slack workspace (signed as Slack signs them); "
            + "--no-slack answers through the Java API instead."})
final class AuditCommand implements Callable<Integer> {
  /** The demo week's Saturday: briefs are delivered then, in ISO week 2026-W13. */
  static final Instant NOW = Instant.parse("2026-03-28T12:00:00Z");
  /** The demo's head of customer success: answers the citation questions. */
  static final String MANAGER = "U0CSLEAD01";
  /** The demo's CSM: answers "what would you have missed?". */
  static final String CSM = "U0CSM00001";
  /** What the scripted CSM says they would have missed. */
  static final String MISSED_ANSWER = "Who signs off on the rollout, and the open security questionnaire";

  private final Terminal terminal;

  @Mixin
  HelpOptions helpOptions;

  @Option(names = "--deals", paramLabel = "N", description = "Demo deals briefed and delivered, 5 to 20 (default 6).")
  int deals = 6;

  @Option(names = "--seed", paramLabel = "N", description = "The spot-check's seed (default 12).")
  long seed = 12;

  @Option(names = "--no-slack", description = "Answer through the Java API instead of clicks in Slack.")
  boolean noSlack;

  @Option(names = "--report", paramLabel = "FILE", description = "Where the HTML report is written (default "
      + ".handoff/audit-<week>.html).")
  Path report;

  AuditCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  /**
   * The scripted verdict of the {@code n}th citation question (1-based): every fifth does not
   * support its claim, every seventh is unsure, the rest support.
   */
  static Verdict scripted(int n) {
    return n % 5 == 0 ? Verdict.DOES_NOT_SUPPORT : n % 7 == 0 ? Verdict.UNSURE : Verdict.SUPPORTS;
  }

  @Override
  public Integer call() {
    if (deals < 5 || deals > 20) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--deals must be 5 to 20");
    }
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    String week = Weeks.of(NOW.atZone(ZoneOffset.UTC).toLocalDate());
    BriefStore store = BriefStore.inMemory(clock);
    try (DemoSystems systems = DemoSystems.start(terminal.err(), DemoMoment.AT_CLOSE)) {
      deliver(systems, store, clock);
      SpotCheck spotCheck = SpotCheck.builder(store).seed(seed).clock(clock).build();
      List<AuditQuestion> questions = spotCheck.sample(week);
      long citations = questions.stream().filter(q -> q.kind() == AuditQuestion.Kind.CITATION).count();
      terminal.out().println("Spot-check " + week + " (seed " + seed + "): " + (questions.size() - citations)
          + " delivered briefs sampled, " + citations + " citations to check");
      if (noSlack) {
        answerInJava(spotCheck, questions);
      } else {
        answerInSlack(systems.slack, spotCheck, store, clock, week, questions);
      }
      print(store, clock, week);
    }
    return HandoffSamples.EXIT_OK;
  }

  /** Briefs the first deals of the demo week and delivers them: confirmed by the AE, the last one timed out. */
  private void deliver(DemoSystems systems, BriefStore store, Clock clock) {
    BriefReview review = BriefReview.builder(store).clock(clock).build();
    try (Handoff handoff = systems.builder().store(store).build();
        ClosedWonRange range = ClosedWonRange.create(systems.salesforceConfig())) {
      var fired = range.read(DemoWeek.FROM, DemoWeek.TO).fired();
      var summary = BriefBatch.builder(handoff, store).concurrency(4).build()
          .run(fired.subList(0, Math.min(deals, fired.size())));
      var built = summary.with(BriefBatch.Result.BUILT);
      int n = 0;
      for (BriefBatch.Outcome o : built) {
        StoredBrief stored = store.find(o.briefId()).orElseThrow();
        review.start(stored, SlackReviewStep.AE_EMAIL);
        if (++n < built.size()) {
          review.answer(stored.briefId(), new ReviewFeedback("demo-confirm-" + n, ReviewFeedback.Kind.CONFIRMED,
              "Alex Rivera", clock.instant(), null, null));
          review.delivered(stored.briefId(), "demo-delivery", null);
        } else {
          review.delivered(stored.briefId(), "demo-delivery", review.notReviewedNote());
        }
      }
      terminal.out().println("Delivered " + built.size() + " demo briefs (" + (built.size() - 1)
          + " confirmed by the AE, 1 delivered unreviewed on time-out)");
    }
  }

  private static void answerInJava(SpotCheck spotCheck, List<AuditQuestion> questions) {
    int n = 0;
    for (AuditQuestion q : questions) {
      if (q.kind() == AuditQuestion.Kind.CITATION) {
        spotCheck.answer(q.questionId(), scripted(++n), "Jamie Ortiz", null);
      } else {
        spotCheck.answerMissed(q.questionId(), "Riley Quinn", MISSED_ANSWER);
      }
    }
  }

  /** Sends the DMs, then the manager and the CSM click, as Slack sends clicks: signed, to the one Interactivity URL. */
  private void answerInSlack(DemoSlack slack, SpotCheck spotCheck, BriefStore store, Clock clock, String week,
      List<AuditQuestion> questions) {
    SlackDeliveryConfig config = SlackReviewStep.config(slack);
    BriefReview review = BriefReview.builder(store).clock(clock).build();
    FakeSlackInteractions person = slack.interaction().at(NOW);
    // A direct executor: the demo waits for each click's work before the next.
    try (SlackSpotCheck dms = SlackSpotCheck.create(config, spotCheck, store, clock);
        SlackInteractions interactions = SlackInteractions.builder(config, store, review, Runnable::run)
            .spotCheck(dms).clock(clock).build()) {
      SlackSpotCheck.Sent sent = dms.send(week, MANAGER, q -> CSM);
      SlackSpotCheck.Sent again = dms.send(week, MANAGER, q -> CSM);
      terminal.out().println("Slack: " + sent.sent().size() + " DMs sent (a rerun sent " + again.sent().size()
          + ")");
      int n = 0;
      int refused = 0;
      for (SlackSpotCheck.Posted p : sent.sent()) {
        AuditQuestion q = store.auditQuestion(p.questionId()).orElseThrow();
        if (q.kind() == AuditQuestion.Kind.CITATION) {
          String action = SlackSpotCheck.ACTION_PREFIX + scripted(++n).wireId();
          refused += handle(interactions, person.click(p.userId(), p.channel(), p.ts(), action));
        } else {
          refused += handle(interactions, person.click(p.userId(), p.channel(), p.ts(), SlackSpotCheck.MISSED_ACTION));
          List<com.fasterxml.jackson.databind.JsonNode> views = slack.views();
          String viewId = views.get(views.size() - 1).path("id").asText();
          refused += handle(interactions, person.submit(p.userId(), viewId, Map.of("missed", MISSED_ANSWER)));
        }
      }
      terminal.out().println("Slack: " + (questions.size() + (questions.size() - n)) + " signed interactions, "
          + refused + " refused; each answer recorded once and its DM updated");
    }
  }

  private static int handle(SlackInteractions interactions, SignedSlackRequest r) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    r.headers().forEach((k, v) -> headers.put(k, List.of(v)));
    return interactions.handle(headers, r.body().getBytes(StandardCharsets.UTF_8)).status() == 200 ? 0 : 1;
  }

  private void print(BriefStore store, Clock clock, String week) {
    AuditReport report = AuditMetrics.report(store, week, KickoffSignal.calendarTitle(
        Pattern.compile("(?i)\\bkick-?off\\b")));
    var out = terminal.out();
    PassRate thisWeek = report.weekly().get(report.weekly().size() - 1).rate();
    out.println();
    out.println("Citation pass rate " + week + ": " + thisWeek + (thisWeek.unsure() > 0 ? ", " + thisWeek.unsure()
        + " unsure" : ""));
    out.println("Rolling 4 weeks:   " + report.rolling());
    report.bySystem().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.println("  system  " + pad(e.getKey()) + e.getValue()));
    report.bySection().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.println("  section " + pad(e.getKey()) + e.getValue()));
    var r = report.reviews();
    out.println(String.format(Locale.ROOT, "Reviews: %d confirmed unchanged (%.0f%%), %d flagged, %d timed out"
        + " (%.0f%%)", r.confirmedUnchanged(), 100 * r.share(r.confirmedUnchanged()), r.flagged(), r.timedOut(),
        100 * r.share(r.timedOut())));
    long withSession = report.kickoffs().stream().filter(k -> k.days() != null).count();
    out.println("Time to kickoff: " + (withSession == 0 ? "no first value session in the demo data yet ("
        + report.kickoffs().size() + " deals watched)" : "median " + report.medianDaysToKickoff() + " days over "
        + withSession + " of " + report.kickoffs().size() + " deals"));
    report.missed().stream().findFirst().ifPresent(m -> out.println("What the CSMs would have missed: "
        + report.missed().size() + " answers, e.g. " + TerminalText.safe(m.answeredBy()) + ": \""
        + TerminalText.safe(m.text()) + "\""));
    RolloutDecision decision = RolloutPolicy.builder(store).clock(clock).build().decide(week);
    out.println("Rollout policy: success plan, stored insight and follow-up tasks "
        + (decision.isOn(WriteBackTarget.SUCCESS_PLAN) ? "ON" : "OFF") + ": " + decision.reason());
    Path file = this.report != null ? this.report : Path.of(".handoff", "audit-" + week + ".html");
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.writeString(file, report.toHtml(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the report " + file, e);
    }
    out.println("Report: " + file);
  }

  private static String pad(String s) {
    return String.format(Locale.ROOT, "%-18s", TerminalText.safe(s));
  }
}
