package org.handoffbrief.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import org.handoffbrief.Fakes.SettableClock;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.review.ReviewFeedback;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.StoredBrief;
import org.junit.jupiter.api.Test;

/** Issue 10: the reviewed brief as the CSM gets it, in every format. */
class ReviewedBriefRenderingTest {
  private static final Instant AT = Instant.parse("2025-03-29T15:00:00Z");

  private final SettableClock clock = new SettableClock(AT);
  private final BriefStore store = BriefStore.inMemory(clock);
  private final BriefReview review = BriefReview.builder(store).clock(clock).build();

  /** The demo deal flagged and noted by its AE, asked again and confirmed. */
  private HandoffBrief reviewed() {
    StoredBrief stored = store.save(Briefs.meridian(), BriefKind.HANDOFF);
    String id = stored.briefId();
    review.start(stored, "Alex Rivera");
    review.answer(id, new ReviewFeedback("view-1", ReviewFeedback.Kind.FLAGGED_CLAIM, "Alex Rivera", AT,
        "stakeholders.champion.1", "Dana moved to <Finance> & hands over to a new VP."));
    review.answer(id, new ReviewFeedback("view-2", ReviewFeedback.Kind.NOTE, "Alex Rivera", AT,
        null, "Procurement asked for quarterly invoicing; not in the CRM yet."));
    review.reopen(id, "Alex Rivera");
    review.approve(id, "Alex Rivera", null);
    return review.reviewed(stored);
  }

  /** Issue 10: the reviewed brief validates against schema 1.5 and reads back as it was. */
  @Test
  void reviewedBriefValidatesAgainstTheSchemaAndRoundTrips() throws IOException {
    HandoffBrief brief = reviewed();
    String json = JsonBriefRenderer.create().render(brief);
    JsonNode tree = new ObjectMapper().readTree(json);

    JsonBriefRendererTest.loadSchema();
    assertEquals(Set.of(), JsonBriefRendererTest.validate(tree));
    assertEquals("approved", tree.at("/review/state").asText());
    assertEquals("confirmed by Alex Rivera, 2025-03-29", tree.at("/review/outcome").asText());
    assertEquals("flagged_claim", tree.at("/review/feedback/0/kind").asText());
    assertEquals("Alex Rivera", tree.at("/sections/stakeholders/claims/0/attributes/flaggedBy").asText());
    assertEquals("reviewer_note.1", tree.at("/sections/open_threads/claims/1/id").asText());
    assertEquals("review", tree.at("/sections/open_threads/claims/1/citations/0/system").asText());
    assertEquals(brief, JsonBriefReader.create().read(json));
  }

  @Test
  void markdownShowsTheOutcomeUnderTheQualityStripAndMarksTheFlaggedClaim() {
    String md = MarkdownBriefRenderer.create().render(reviewed());
    int quality = md.indexOf("> **Quality:**");
    int outcome = md.indexOf("> **Review outcome:** confirmed by Alex Rivera, 2025-03-29");
    assertTrue(quality >= 0 && outcome > quality && outcome < md.indexOf("## Account snapshot"), md);
    assertTrue(md.contains("\u26a0 flagged by Alex Rivera: Dana moved to \\<Finance> & hands over to a new VP."), md);
    assertTrue(md.contains("- Note from Alex Rivera: Procurement asked for quarterly invoicing; not in the CRM yet."),
        md);
  }

  @Test
  void htmlShowsTheOutcomeAndAVisibleEscapedMarkOnTheFlaggedClaim() {
    String html = HtmlBriefRenderer.create().render(reviewed());
    assertTrue(html.contains("<div class=\"review\" aria-label=\"Review\"><strong>Review outcome:</strong> "
        + "confirmed by Alex Rivera, 2025-03-29</div>"), html);
    assertTrue(html.indexOf("class=\"review\"") > html.indexOf("class=\"quality"));
    assertTrue(html.contains("<li class=\"flagged\">"), html);
    assertTrue(html.contains("<span class=\"flag\">&#9888; flagged by Alex Rivera: Dana moved to &lt;Finance&gt; "
        + "&amp; hands over to a new VP.</span>"), html);
  }

  @Test
  void aBriefAsMadeWritesReviewNullAndRendersNoOutcome() throws IOException {
    HandoffBrief brief = Briefs.meridian();
    assertTrue(new ObjectMapper().readTree(JsonBriefRenderer.create().render(brief)).get("review").isNull());
    assertTrue(!MarkdownBriefRenderer.create().render(brief).contains("Review outcome"));
  }
}
