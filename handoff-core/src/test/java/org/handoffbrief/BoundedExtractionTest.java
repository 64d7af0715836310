package org.handoffbrief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.handoffbrief.internal.TextSpans;
import org.handoffbrief.model.Gap;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SourceReport;
import org.handoffbrief.observe.HandoffListener;
import org.handoffbrief.spi.SourceResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Issue 8 item 1: what one item can carry into extraction is capped, and the brief says so; the deadline holds. */
@Tag("reliability")
class BoundedExtractionTest {

  @Test
  void anItemLongerThanTheCapIsReadOnlyThatFarAndItsSourceSaysSo() {
    String log = "We will configure SSO before go-live. " + "ERROR worker-7 retry 3 of 5 timed out\n".repeat(20_000);
    assertTrue(log.length() > TextSpans.MAX_READ_CHARS);
    HandoffBrief brief;
    try (Handoff handoff = Handoff.builder().resolver(Fakes.resolver())
        .connector(Fakes.connector("gmail", (deal, ctx) -> SourceResult.of(List.of(
            Fakes.evidence("gmail", "m-log", "Subject: Nightly job\n\n" + log)))))
        .deadline(Duration.ofSeconds(60)).build()) {
      brief = handoff.brief(Fakes.OPPORTUNITY_ID);
    }
    SourceReport gmail = brief.sources().stream().filter(s -> s.system().equals("gmail")).findFirst().orElseThrow();
    assertTrue(gmail.notes().stream().anyMatch(n -> n.startsWith("1 item(s) longer than")), gmail.notes().toString());
    assertTrue(brief.claims().stream().allMatch(c -> c.citations().stream().allMatch(x -> x.end() <= 300_000)));
  }

  @Test
  void pastTheDeadlineTheBriefIsReturnedWithAGapForWhatWasNotExtracted() {
    var late = new AtomicBoolean();
    Instant start = Instant.parse("2026-03-28T12:00:00Z");
    Clock clock = Fakes.clock(() -> late.get() ? start.plus(Duration.ofHours(1)) : start);
    HandoffBrief brief;
    try (Handoff handoff = Handoff.builder().resolver(Fakes.resolver()).clock(clock)
        .listener(new HandoffListener() {
          @Override
          public void sourceFinished(SourceReport report) {
            late.set(true); // the CRM answered; from here on the brief's minute is gone
          }
        })
        .deadline(Duration.ofSeconds(60)).build()) {
      brief = handoff.brief(Fakes.OPPORTUNITY_ID);
    }
    for (Section s : brief.sections().values()) {
      if (s.claims().isEmpty()) {
        assertEquals(List.of("deadline_passed"), s.gaps().stream().map(Gap::code).toList(), s.id().toString());
      }
    }
    assertTrue(brief.sections().values().stream().allMatch(s -> s.claims().isEmpty()), "nothing was extracted");
  }
}
