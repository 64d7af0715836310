package org.handoffbrief.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlBriefRendererTest {

  private final String meridian = HtmlBriefRenderer.create().render(Briefs.meridian());
  private final String hostile = HtmlBriefRenderer.create().render(Briefs.hostile());

  private static List<String> all(String regex, String html) {
    Matcher m = Pattern.compile(regex).matcher(html);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /** Issue 9: a later brief shows what changed, each item with its citations, in HTML. */
  @Test
  void aLaterBriefShowsWhatChangedBeforeTheSectionsWithLinkedCitations() {
    String html = HtmlBriefRenderer.create().render(Briefs.meridianThirtyDay(false));
    assertTrue(html.contains("<h1>30-day brief: Meridian Health</h1>"), html);
    int block = html.indexOf("<div class=\"changes\" aria-label=\"Changes\"><strong>What changed since handoff v1"
        + " (2025-03-30)</strong><ul>");
    assertTrue(block > html.indexOf("<div class=\"quality") && block < html.indexOf("<main>"), html);
    String changes = html.substring(block, html.indexOf("</div>", block));
    assertTrue(changes.contains("<li class=\"new\">New: Legacy ERP has no REST API; integration needs a flat-file"
        + " export &amp; nightly job.<sup>"), changes);
    // The legal task has no link, so its citation [11] is a span; the others link to their evidence.
    assertEquals(List.of("9", "10", "12"), all("\\[(\\d+)\\]</a>", changes));
    assertTrue(changes.contains(">[11]</span>"), changes);
    assertTrue(changes.contains("href=\"https://meridian.zendesk.example/agent/tickets/812\""), changes);
  }

  @Test
  void aLaterBriefWithNothingNewSaysSo() {
    String html = HtmlBriefRenderer.create().render(Briefs.meridianThirtyDay(true));
    assertTrue(html.contains("<strong>No changes since handoff v1 (2025-03-30)</strong></div>"), html);
    assertFalse(meridian.contains("class=\"changes\""), meridian);
  }

  @Test
  void qualityStripShowsTheRouteAndOnlyWhatFailedOrFired() {
    String strip = meridian.substring(meridian.indexOf("<div class=\"quality review\""), meridian.indexOf("<main>"));
    assertTrue(strip.contains("1 of 3 checks passed &middot; <strong>Review:</strong> required (account executive)"), strip);
    assertTrue(strip.contains("<li class=\"failed\">Failed stakeholder_coverage: Economic buyer James Park has no"
        + " last-touch date.</li>"), strip);
    assertTrue(strip.contains("<li>Review trigger open_security_or_legal: Open at close: 1 legal item(s) pending.</li>"),
        strip);
    assertFalse(strip.contains("support_during_cycle"), strip);
  }

  @Test
  void eachCitationIsALinkToItsEvidenceWithTheQuoteOnHover() {
    assertTrue(meridian.contains("<a href=\"https://meridian-demo.my.salesforce.com/00T000000000001AAA\" "
        + "target=\"_blank\" rel=\"noopener noreferrer\" "
        + "title=\"\u201cLegacy ERP (Meditech 6.1) has no REST API\u201d\n"
        + "salesforce:Task:00T000000000001AAA, 2025-03-08 19:30 UTC\">[9]</a>"), meridian);
  }

  @Test
  void citationWithoutALinkStillShowsItsQuoteOnHover() {
    assertTrue(meridian.contains("<span title=\"\u201cData residency redline (EU patients) still pending with "
        + "their counsel.\u201d\nsalesforce:Task:00T000000000002AAA, 2025-03-22 15:05 UTC\">[11]</span>"), meridian);
  }

  @Test
  void gapsAndSourceFailuresAreShownPlainly() {
    assertTrue(meridian.contains("<li class=\"gap\"><strong>Gap:</strong> No IT or security contact identified.</li>"),
        meridian);
    assertTrue(meridian.contains("<li class=\"src failed\" title=\"0 items, 1 calls, 20003 ms\">gmail: failed "
        + "<span class=\"err\">&mdash; timeout, retriable: Gmail did not answer within 20s; run the brief again or "
        + "raise gmail.deadline.</span></li>"), meridian);
    assertTrue(meridian.contains(">slack: skipped</li>"), meridian);
    assertTrue(meridian.contains(">salesforce: ok &middot; 23 items</li>"), meridian);
    assertTrue(meridian.contains("<p class=\"note\">slack: Not configured.</p>"), meridian);
  }

  @Test
  void everySectionAppearsInTemplateOrder() {
    assertEquals(List.of("account_snapshot", "why_they_bought", "stakeholders", "deal_history", "commitments",
        "risks", "open_threads"), all("<section id=\"([a-z_]+)\">", meridian));
  }

  @Test
  void hostileQuoteIsEscapedEverywhereItAppears() {
    assertFalse(hostile.contains("<script"), hostile);
    assertFalse(hostile.contains("<img"), hostile);
    assertFalse(hostile.contains("<b>Risk"), hostile);
    assertFalse(hostile.contains("<i>gap"), hostile);
    assertFalse(hostile.contains("<html>oops"), hostile);
    assertFalse(hostile.contains("\"onmouseover"), "a quote must not close the title attribute");
    assertTrue(hostile.contains("title=\"\u201c&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; "
        + "&quot;onmouseover=alert(1)"), hostile);
    assertTrue(hostile.contains("<title>Handoff brief: Evil &lt;Corp&gt;</title>"), hostile);
    assertTrue(hostile.contains("&lt;Deal&gt; &amp; &quot;Co&quot;"), hostile);
  }

  @Test
  void onlyHttpLinksBecomeHrefs() {
    assertEquals(List.of(), all("href=\"([^\"]*)\"", hostile), "javascript: and data: permalinks are not links");
    assertFalse(hostile.contains("cookie"), hostile);
    List<String> hrefs = all("href=\"([^\"]*)\"", meridian);
    assertFalse(hrefs.isEmpty());
    hrefs.forEach(h -> assertTrue(h.startsWith("https://meridian-demo.my.salesforce.com/"), h));
  }

  @Test
  void pageIsSelfContained() {
    for (String html : List.of(meridian, hostile)) {
      List<String> tags = all("<([a-zA-Z][^>]*)>", html);
      assertEquals(List.of(), tags.stream().map(t -> t.split("[\\s>]", 2)[0].toLowerCase())
          .filter(List.of("script", "link", "img", "iframe", "object", "embed", "base", "form")::contains).toList());
      // With quoted attribute values removed, no tag may load anything.
      tags.forEach(t -> assertFalse(
          t.replaceAll("\"[^\"]*\"", "").matches("(?is).*\\s(src|srcset|data|action)=.*"), t));
      String css = html.substring(html.indexOf("<style>"), html.indexOf("</style>"));
      assertFalse(css.contains("@import") || css.contains("url("), css);
      assertTrue(html.contains("<style>"));
      assertTrue(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""),
          "a CSP forbids scripts and remote loads even if escaping ever failed");
    }
  }

  @Test
  void stakeholderClaimsShowTheirRole() {
    assertTrue(meridian.contains("<li><span class=\"role\">economic buyer</span>James Park (CFO) is the economic "
        + "buyer.<sup>"), meridian);
  }

  @Test
  void escapeCoversTextAndBothAttributeQuotes() {
    assertEquals("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp; ",
        HtmlBriefRenderer.esc("<a href=\"x\" onclick='y'>&\u0007"));
  }
}
