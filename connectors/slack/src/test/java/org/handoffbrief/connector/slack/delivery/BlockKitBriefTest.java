package org.handoffbrief.connector.slack.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;
import org.junit.jupiter.api.Test;

class BlockKitBriefTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final URI FULL = URI.create("https://briefs.example.com/b/006000000000002AAA/handoff/v2");

  /** Issue 10: Block Kit within limits for the largest brief the benchmarks make (and past it). */
  @Test
  void theLargestBriefStaysInsideEverySlackLimitByCuttingWithMoreInTheFullBrief() throws Exception {
    BlockKitBrief.Message m = BlockKitBrief.create(ZoneOffset.UTC).render(Briefs.largest(),
        "Confirmed by A Reviewer, 2026-03-28", FULL);

    JsonNode blocks = JSON.readTree(m.blocksJson());
    assertTrue(blocks.size() <= BlockKitBrief.MAX_BLOCKS, blocks.size() + " blocks");
    assertEquals(blocks.size(), m.blockCount());
    int cut = 0;
    for (JsonNode b : blocks) {
      String text = b.path("text").path("text").asText("");
      if (b.path("type").asText().equals("header")) {
        assertTrue(text.length() <= BlockKitBrief.MAX_HEADER, "header of " + text.length());
      } else {
        assertTrue(text.length() <= BlockKitBrief.MAX_TEXT, "section text of " + text.length());
      }
      for (JsonNode e : b.path("elements")) {
        assertTrue(e.path("text").asText("").length() <= BlockKitBrief.MAX_TEXT);
      }
      cut += text.contains(" more in the full brief_") ? 1 : 0;
    }
    assertEquals(9, cut, "the quality strip, what changed and all seven sections were cut, each saying so");
    assertTrue(m.blocksJson().contains("<" + FULL + "|Read the full brief>"));
  }

  @Test
  void aSectionsGapsStayVisibleWhenItsClaimsOverflow() throws Exception {
    JsonNode blocks = JSON.readTree(BlockKitBrief.create(ZoneOffset.UTC).render(Briefs.largest(), null, null)
        .blocksJson());

    String risks = section(blocks, "*Implementation risks*");
    assertTrue(risks.contains(":warning: Gap: Gap 1: nothing in the sources says"), risks);
    assertTrue(risks.contains("• 1: the customer asked"), "the first claims are shown too");
  }

  @Test
  void everySectionShowsItsClaimsWithNumberedCitationLinksAndTheReviewLine() throws Exception {
    BlockKitBrief.Message m = BlockKitBrief.create(ZoneOffset.UTC).render(Briefs.small("Kickoff is on 2 April."),
        "Confirmed by A Reviewer, 2026-03-28", null);
    JsonNode blocks = JSON.readTree(m.blocksJson());

    assertEquals("Handoff brief: Example Co", blocks.get(0).path("text").path("text").asText());
    assertTrue(m.blocksJson().contains("*Review:* Confirmed by A Reviewer, 2026-03-28"));
    for (SectionId id : SectionId.values()) {
      String text = section(blocks, "*" + id.title() + "*");
      assertTrue(text.contains("• Kickoff is on 2 April. <https://mail.example.com/m/"), text);
    }
    assertTrue(section(blocks, "*Implementation risks*").contains(":warning: Gap: No security review found."));
    assertTrue(section(blocks, "*Quality:*").startsWith("*Quality:* 1 of 1 checks passed · *Review:* not required"));
  }

  /** Issue 10: escaping: a quoted mention, channel ping or crafted link in evidence never pings or spoofs. */
  @Test
  void evidenceQuotingAChannelPingAMentionOrACraftedLinkIsEscapedSoNothingPingsOrSpoofs() {
    String quoted = "Reply-all said <!channel> & <@U0123ABCD> see <http://evil.example/login|bank> now";
    BlockKitBrief.Message m = BlockKitBrief.create(ZoneOffset.UTC).render(Briefs.small(quoted), null, null);

    assertFalse(m.blocksJson().contains("<!channel>"));
    assertFalse(m.blocksJson().contains("<@U0123ABCD>"));
    assertFalse(m.blocksJson().contains("<http://evil.example"));
    assertTrue(m.blocksJson().contains(
        "Reply-all said &lt;!channel&gt; &amp; &lt;@U0123ABCD&gt; see &lt;http://evil.example/login|bank&gt; now"));
  }

  @Test
  void onlyHttpPermalinksBecomeLinksAndTheirSpecialCharactersCannotEndTheLinkEarly() {
    var sections = new java.util.EnumMap<SectionId, Section>(SectionId.class);
    List<Claim> claims = new ArrayList<>();
    claims.add(new Claim("a.1", SectionId.ACCOUNT_SNAPSHOT, "Scripted", Map.of(),
        List.of(Briefs.cite("e1", "Scripted", "javascript:alert(1)"))));
    claims.add(new Claim("a.2", SectionId.ACCOUNT_SNAPSHOT, "Query", Map.of(),
        List.of(Briefs.cite("e2", "Query", "https://crm.example.com/x?a=1&b=%7C2"))));
    sections.put(SectionId.ACCOUNT_SNAPSHOT, new Section(SectionId.ACCOUNT_SNAPSHOT, claims, List.of()));
    HandoffBrief brief = new HandoffBrief(HandoffBrief.SCHEMA_VERSION, "006A", "Deal", "001A", "Example Co",
        Briefs.MADE, sections, List.of());

    String json = BlockKitBrief.create(ZoneOffset.UTC).render(brief, null, null).blocksJson();

    assertFalse(json.contains("javascript:"));
    assertTrue(json.contains("• Scripted [1]"));
    assertTrue(json.contains("• Query <https://crm.example.com/x?a=1&amp;b=%7C2|[2]>"), json);
  }

  @Test
  void aFlaggedClaimShowsWhatTheReviewerSaid() {
    Claim flagged = new Claim("stakeholders.1", SectionId.STAKEHOLDERS, "Pat is the champion", Map.of("flagged",
        "Pat left; <!here> Sam is now", "flaggedBy", "A Reviewer"), List.of(Briefs.cite("e1", "Pat", null)));
    var sections = new java.util.EnumMap<SectionId, Section>(SectionId.class);
    sections.put(SectionId.STAKEHOLDERS, new Section(SectionId.STAKEHOLDERS, List.of(flagged), List.of()));
    HandoffBrief brief = new HandoffBrief(HandoffBrief.SCHEMA_VERSION, "006A", "Deal", "001A", "Example Co",
        Briefs.MADE, sections, List.of());

    String json = BlockKitBrief.create(ZoneOffset.UTC).render(brief, null, null).blocksJson();

    assertTrue(json.contains(":triangular_flag_on_post: _Flagged by A Reviewer: Pat left; &lt;!here&gt; Sam is now_"),
        json);
  }

  static String section(JsonNode blocks, String heading) {
    for (JsonNode b : blocks) {
      String text = b.path("text").path("text").asText("");
      if (text.startsWith(heading)) {
        return text;
      }
    }
    throw new AssertionError("no block starts with " + heading);
  }
}
