package org.handoffbrief.internal;

import org.handoffbrief.extract.BriefDraft;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.List;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SectionId;
import org.junit.jupiter.api.Test;

class ConfidentialityFilterTest {

  @Test
  void discountApprovalsAndPricingStrategyNeverReachTheBriefWhereverTheyWereSaid() {
    Evidence slack = Evidence.builder("slack", "message", "1.2").timestamp(OffsetDateTime.parse("2026-03-20T10:00:00Z"))
        .text("Channel: #deal-meridian-health\n\nVP approved the 18% discount, floor price holds. "
            + "We will deliver the Lawson connector spec by end of April.").build();
    var extracted = new BriefDraft();
    extracted.claim(SectionId.DEAL_HISTORY, "pricing", "Pricing turn: VP approved the 18% discount, floor price holds.",
        Citation.of(slack, "VP approved the 18% discount, floor price holds."));
    Claim kept = extracted.claim(SectionId.COMMITMENTS, "promise", "Commitment: Lawson connector spec by end of April",
        Citation.of(slack, "We will deliver the Lawson connector spec by end of April."));

    var draft = FinishingDraft.of(extracted);
    assertEquals(1, ConfidentialityFilter.apply(draft));
    assertEquals(List.of(), draft.claims(SectionId.DEAL_HISTORY));
    assertEquals(List.of(kept), draft.claims(SectionId.COMMITMENTS));
  }
}
