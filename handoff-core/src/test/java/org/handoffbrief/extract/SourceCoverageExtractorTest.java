package org.handoffbrief.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.model.Channel;
import org.handoffbrief.model.Gap;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.model.SourceFailure;
import org.handoffbrief.model.SourceReport;
import org.junit.jupiter.api.Test;

class SourceCoverageExtractorTest {

  private static SourceReport ok(String system, Channel... channels) {
    return new SourceReport(system, SourceReport.Status.OK, null, 3, 2, Duration.ofMillis(40), Map.of(), List.of(),
        Set.of(channels));
  }

  private static SourceReport timedOut(String system, Channel... channels) {
    return new SourceReport(system, SourceReport.Status.FAILED,
        new SourceFailure(system, SourceFailure.Kind.TIMEOUT, system + " did not answer", true), 0, 1,
        Duration.ofSeconds(5), Map.of(), List.of(), Set.of(channels));
  }

  private static List<Gap> gaps(SectionId section, SourceReport... sources) {
    var f = new CrmFixture().opportunity(Map.of(), null);
    var input = new ExtractionInput(f.deal(), f.evidence, Instant.parse("2026-03-28T12:00:00Z"), List.of(sources));
    var draft = new BriefDraft();
    new SourceCoverageExtractor().extract(input, draft);
    return draft.sections().get(section).gaps();
  }

  @Test
  void aChannelWithNoConnectorIsAGapNamingWhatToConfigure() {
    List<Gap> risks = gaps(SectionId.RISKS, ok("salesforce"));
    assertTrue(risks.contains(new Gap("not_read_support",
        "Support tickets not read (no support tickets connector configured): tickets opened during the cycle were not checked.")),
        risks.toString());
  }

  @Test
  void aFailedConnectorIsAGapNamingTheFailure() {
    List<Gap> open = gaps(SectionId.OPEN_THREADS, ok("salesforce"), timedOut("gmail", Channel.EMAIL),
        ok("slack", Channel.CHAT));
    assertEquals(List.of(new Gap("not_read_email",
        "Email could not be read (gmail failed: timeout): unanswered customer emails are not known.")), open);
  }

  @Test
  void oneSourceReadingAChannelIsEnoughToCoverIt() {
    List<Gap> stakeholders = gaps(SectionId.STAKEHOLDERS, ok("salesforce"), timedOut("gmail", Channel.EMAIL),
        ok("outlook", Channel.EMAIL, Channel.CALENDAR));
    assertEquals(List.of(), stakeholders, "outlook covers both email and calendar");
  }

  @Test
  void aNewSystemCoversTheChannelItsConnectorDeclares() {
    List<Gap> risks = gaps(SectionId.RISKS, ok("salesforce"), ok("helpdesk-of-tomorrow", Channel.SUPPORT),
        ok("mail-of-tomorrow", Channel.EMAIL));
    assertEquals(List.of(), risks, "any system declaring support tickets and email covers the risks section");
  }

  @Test
  void theAccountSnapshotNeedsNoConversationChannel() {
    assertEquals(List.of(), gaps(SectionId.ACCOUNT_SNAPSHOT, ok("salesforce")));
  }
}
