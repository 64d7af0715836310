package org.handoffbrief.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.handoffbrief.internal.CitationVerifier;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.model.SourceReport;
import org.handoffbrief.render.HtmlBriefRenderer;
import org.handoffbrief.render.MarkdownBriefRenderer;
import org.junit.jupiter.api.Test;

/** Issue 8 (Low): bidi embeddings, overrides and isolates never reach evidence text or a rendered brief. */
class BidiControlsTest {

  /** Every bidi control the brief must not carry: U+202A-U+202E and U+2066-U+2069. */
  private static final String CONTROLS = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";

  @Test
  void cleanTextRemovesEveryBidiControlAndKeepsTheRest() {
    CleanText clean = new CleanText("we will ship \u202Eby Friday\u202C, \u2067next\u2069 week", false);

    assertEquals("we will ship by Friday, next week", clean.text());
  }

  @Test
  void textWithoutBidiControlsIsReturnedAsItIs() {
    String plain = "right-to-left mark \u200F and left-to-right mark \u200E stay";

    assertSame(plain, CleanText.withoutBidiControls(plain));
  }

  @Test
  void emailAndHtmlTextLoseBidiControls() {
    assertFalse(hasBidiControl(EmailText.ownWords("Go-live is \u202Emid-May\u202C.").text()));
    assertFalse(hasBidiControl(HtmlText.toText("<p>Go-live is \u2066mid-May\u2069.</p>").text()));
  }

  @Test
  void evidenceBuiltFromHeaderAndBodyHasNoBidiControlsAndItsQuotesVerify() {
    Evidence e = Evidence.builder("slack", "message", "C1-1")
        .timestamp(OffsetDateTime.parse("2025-03-01T10:00:00Z"))
        .header("Subject", "Rollout \u202Eplan", "subject")
        .body("We \u202Ewill deliver\u202C the SSO connector by June " + CONTROLS + "1.", "text")
        .build();

    assertFalse(hasBidiControl(e.text()), e.text());
    Citation quote = Citation.of(e, "We will deliver the SSO connector by June 1.");
    assertEquals(java.util.Optional.empty(), CitationVerifier.check(quote, Map.of(e.id(), e)));
  }

  @Test
  void evidenceGivenWholeTextHasNoBidiControls() {
    Evidence e = Evidence.builder("zendesk", "ticket", "42")
        .timestamp(OffsetDateTime.parse("2025-03-01T10:00:00Z"))
        .text("Login fails \u2068after\u2069 upgrade")
        .build();

    assertEquals("Login fails after upgrade", e.text());
  }

  @Test
  void markdownAndHtmlRenderersNeverEmitBidiControlsFromClaimsOrNames() {
    Evidence e = Evidence.builder("salesforce", "Task", "00T000000000001AAA")
        .permalink(URI.create("https://example.my.salesforce.com/00T000000000001AAA"))
        .timestamp(OffsetDateTime.parse("2025-03-01T10:00:00Z"))
        .text("Kickoff agreed")
        .build();
    var sections = new EnumMap<SectionId, Section>(SectionId.class);
    sections.put(SectionId.RISKS, new Section(SectionId.RISKS, List.of(new Claim("risks.1", SectionId.RISKS,
        "Owner \u202Eenoyna\u202C named", Map.of(), List.of(Citation.of(e, "Kickoff agreed")))), List.of()));
    HandoffBrief brief = new HandoffBrief(HandoffBrief.SCHEMA_VERSION, "006000000000001AAA",
        "Deal \u2067" + CONTROLS, "001000000000001AAA", "Account \u202E", Instant.parse("2025-03-30T14:05:09Z"),
        sections, List.of(new SourceReport("salesforce", SourceReport.Status.OK, null, 1, 1, Duration.ofMillis(5),
            Map.of(), List.of())));

    String markdown = MarkdownBriefRenderer.create().render(brief);
    String html = HtmlBriefRenderer.create().render(brief);

    assertFalse(hasBidiControl(markdown), markdown);
    assertFalse(hasBidiControl(html), html);
    assertTrue(markdown.contains("Owner enoyna named"), markdown);
  }

  private static boolean hasBidiControl(String s) {
    return s.chars().anyMatch(c -> CONTROLS.indexOf(c) >= 0);
  }
}
