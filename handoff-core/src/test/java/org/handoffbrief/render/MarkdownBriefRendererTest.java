package org.handoffbrief.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MarkdownBriefRendererTest {

  private final String meridian = MarkdownBriefRenderer.create().render(Briefs.meridian());
  private final String hostile = MarkdownBriefRenderer.create().render(Briefs.hostile());

  @Test
  void opensWithTitleAccountAndOpportunity() {
    assertTrue(meridian.startsWith("# Handoff brief: Meridian Health\n\n"
        + "**Account:** Meridian Health (001000000000001AAA)  \n"
        + "**Opportunity:** Meridian Health - Platform 420 seats (006000000000001AAA)  \n"
        + "**Generated:** 2025-03-30 14:05 UTC\n"), meridian);
  }

  @Test
  void qualityStripShowsTheRouteFailedChecksAndTriggersBeforeTheFirstSection() {
    String head = meridian.substring(0, meridian.indexOf("## Account snapshot"));
    assertTrue(head.contains("> **Quality:** 1 of 3 checks passed · **Review:** required (account executive)\n>\n"
        + "> - Failed stakeholder_coverage: Economic buyer James Park has no last-touch date.\n"), head);
    assertTrue(head.contains("> - Failed crm_conversation_diff: CRM go-live is 2025-05-15 but salesforce says"
        + " 2025-06-30. [3] [9]\n"), head);
    assertTrue(head.contains("> - Review trigger open_security_or_legal: Open at close: 1 legal item(s) pending.\n"),
        head);
    assertFalse(head.contains("support_during_cycle"), head);
  }

  /** Issue 9: a later brief shows what changed, each item with its citations, in Markdown. */
  @Test
  void aLaterBriefShowsWhatChangedAfterTheQualityStripWithNumberedCitations() {
    String md = MarkdownBriefRenderer.create().render(Briefs.meridianThirtyDay(false));
    assertTrue(md.startsWith("# 30-day brief: Meridian Health\n"), md);
    int quality = md.indexOf("> **Quality:**");
    int changes = md.indexOf("## What changed since handoff v1 (2025-03-30)\n\n");
    assertTrue(quality >= 0 && changes > quality && changes < md.indexOf("## Account snapshot"), md);
    // The new risk keeps the footnotes its claim has; the closed thread's new evidence gets the next number.
    assertTrue(md.contains("- New: Legacy ERP has no REST API; integration needs a flat-file export & nightly job."
        + " [9] [10]\n"), md);
    assertTrue(md.contains("- Closed (no longer found in the sources): Data residency redline still pending. [11] [12]\n"),
        md);
    assertTrue(md.contains("- [12] \"solved\" (zendesk:ticket:812, 2025-04-20 08:00 UTC)\n"), md);
    assertTrue(md.contains("[12]: <https://meridian.zendesk.example/agent/tickets/812>\n"), md);
  }

  @Test
  void aLaterBriefWithNothingNewSaysSoAndAFirstBriefSaysNothing() {
    String md = MarkdownBriefRenderer.create().render(Briefs.meridianThirtyDay(true));
    assertTrue(md.contains("> No changes since handoff v1 (2025-03-30).\n"), md);
    assertFalse(meridian.contains("changes since"), meridian);
  }

  @Test
  void briefWithoutAQualityReportHasNoStrip() {
    assertFalse(MarkdownBriefRenderer.create().render(Briefs.meridianVersion10()).contains("**Quality:**"));
  }

  @Test
  void failedAndSkippedSourcesAreNamedBeforeTheFirstSection() {
    String head = meridian.substring(0, meridian.indexOf("## Account snapshot"));
    assertTrue(head.contains("> - gmail: failed, timeout, retriable: Gmail did not answer within 20s"), head);
    assertTrue(head.contains("> - slack: skipped"), head);
    assertFalse(head.contains("salesforce: ok"), head);
  }

  @Test
  void sectionsListClaimsWithNumberedCitationsAndGapsPlainly() {
    assertTrue(meridian.contains("## Stakeholder map\n\n"
        + "- Dana Okonkwo (VP Operations) is the champion; prefers async updates. [5] [6]\n"
        + "- James Park (CFO) is the economic buyer. [7]\n"
        + "- Gap: No IT or security contact identified.\n"), meridian);
    assertTrue(meridian.contains("## Commitments and scope\n\n- Gap: No commitments found"), meridian);
  }

  @Test
  void sourcesTableShowsStatusCountsAndError() {
    assertTrue(meridian.contains("| salesforce | ok | 23 | 3 | 1.2 s |  |\n"), meridian);
    assertTrue(meridian.contains("| gmail | **failed** | 0 | 1 | 20.0 s | timeout, retriable: Gmail did not answer"),
        meridian);
    assertTrue(meridian.contains("| slack | skipped | 0 | 0 | 0.0 s |  |\n"), meridian);
    assertTrue(meridian.contains("- salesforce: Field Opportunity.Segment__c is not visible"), meridian);
  }

  @Test
  void citationsListQuotesAndLinkOnlyWhereThereIsAnHttpLink() {
    assertTrue(meridian.contains("- [9] \"Legacy ERP (Meditech 6.1) has no REST API\" "
        + "(salesforce:Task:00T000000000001AAA, 2025-03-08 19:30 UTC)\n"), meridian);
    assertTrue(meridian.contains("\n[9]: <https://meridian-demo.my.salesforce.com/00T000000000001AAA>\n"), meridian);
    assertTrue(meridian.contains("- [11] \"Data residency redline"), meridian);
    assertFalse(meridian.contains("[11]: "), "the legal task has no permalink");
  }

  @Test
  void timesAreShownInTheRequestedZone() {
    String md = MarkdownBriefRenderer.create(ZoneId.of("America/New_York")).render(Briefs.meridian());
    assertTrue(md.contains("**Generated:** 2025-03-30 10:05 EDT"), md);
    assertTrue(md.contains("00T000000000001AAA, 2025-03-08 14:30 EST)"), md);
  }

  @Test
  void evidenceTextCannotInjectMarkupLinksOrTableCells() {
    assertTrue(hostile.contains("- \\<b>Risk\\</b> & \"quotes\" \\[x\\](javascript:alert(5)) [1]\n"), hostile);
    assertTrue(hostile.contains("\"\\<script>alert('x')\\</script> \"onmouseover=alert(1) "
        + "\\[click\\](javascript:alert(2)) # not a heading \\| cell \\*bold\\* \\_em\\_ \\`code\\` \\&amp; "
        + "\\~\\~strike\\~\\~\""), hostile);
    assertTrue(hostile.contains("- \\# Heading? 1. list? \\| pipe [2]\n"), hostile);
    assertTrue(hostile.contains("- [2] \"\\- 1. \\<img src=x onerror=alert(4)>\""), hostile);
    assertTrue(hostile.contains("- Gap: \\<i>gap\\</i> with \\*stars\\*\n"), hostile);
    assertTrue(hostile.contains("| zendesk | **failed** | 0 | 2 | 0.3 s | malformed_response: Bad body: "
        + "\\<html>oops\\</html> |"), hostile);
  }

  @Test
  void javascriptAndDataPermalinksGetNoLinkDefinition() {
    assertFalse(hostile.contains("]: <"), hostile);
    assertFalse(hostile.contains("cookie"), hostile);
  }

  @Test
  void escapingLeavesWordsWithUnderscoresAndPlainPunctuationReadable() {
    assertEquals("dana_okonkwo@meridian.example owns Segment__c -> ok",
        MarkdownBriefRenderer.escape("dana_okonkwo@meridian.example owns Segment__c -> ok"));
    assertEquals("\\_\\_init\\_\\_ and \\_x", MarkdownBriefRenderer.escape("__init__ and _x"));
    assertEquals("12\\. not a list", MarkdownBriefRenderer.escape("12. not a list"));
    assertEquals("\\> not a quote", MarkdownBriefRenderer.escape("> not a quote"));
    assertEquals("two lines", MarkdownBriefRenderer.escape("two\r\n  lines"));
  }

  @Test
  void briefWithoutSourcesSaysNoneWereRead() {
    var b = Briefs.meridian();
    var none = new org.handoffbrief.model.HandoffBrief(b.schemaVersion(), b.opportunityId(), b.opportunityName(),
        b.accountId(), b.accountName(), b.generatedAt(), b.sections(), java.util.List.of());
    String md = MarkdownBriefRenderer.create().render(none);
    assertTrue(md.contains("## Sources\n\nNo sources were read.\n"), md);
    assertTrue(HtmlBriefRenderer.create().render(none).contains(">No sources were read.</li>"));
  }

  @Test
  void emptySectionsSayNothingWasFound() {
    assertTrue(hostile.contains("## Account snapshot\n\n- Nothing found in the sources read.\n"), hostile);
  }
}
