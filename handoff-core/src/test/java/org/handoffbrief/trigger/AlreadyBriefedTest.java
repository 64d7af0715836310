package org.handoffbrief.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.store.BriefStore;
import org.junit.jupiter.api.Test;

/** A win counts as briefed when its opportunity has a brief of the kind stored at or after the win. */
class AlreadyBriefedTest {
  private static final String OPPORTUNITY = "006000000000001AAA";
  private static final Instant STORED = Instant.parse("2026-03-27T18:30:00Z");
  private final BriefStore store = BriefStore.inMemory(Clock.fixed(STORED, ZoneOffset.UTC));

  private static Fired wonAt(Instant wonAt) {
    return new Fired(new DealRef(OPPORTUNITY, DealRef.Trigger.STAGE_CHANGE_POLL, STORED, false), OPPORTUNITY + "/won@" + wonAt,
        "test firing", wonAt);
  }

  private void storeABrief() {
    store.save(new HandoffBrief(HandoffBrief.SCHEMA_VERSION, OPPORTUNITY, "A deal", "001000000000001AAA",
        "A customer", STORED, new EnumMap<SectionId, Section>(SectionId.class), List.of()), BriefKind.HANDOFF);
  }

  @Test
  void aBriefStoredAfterTheWinIsThatWinsBrief() {
    storeABrief();

    assertEquals(OPPORTUNITY + "/handoff/v1",
        AlreadyBriefed.find(store, wonAt(STORED.minus(Duration.ofMinutes(5))), BriefKind.HANDOFF).orElseThrow()
            .briefId());
    assertTrue(AlreadyBriefed.find(store, wonAt(STORED), BriefKind.HANDOFF).isPresent(), "stored at the won moment");
  }

  @Test
  void aBriefStoredBeforeTheWinBelongsToAnEarlierWin() {
    storeABrief();

    assertTrue(AlreadyBriefed.find(store, wonAt(STORED.plusSeconds(1)), BriefKind.HANDOFF).isEmpty());
  }

  @Test
  void aFiringWithoutAWonMomentCountsAnyBriefOfTheKind() {
    storeABrief();
    var unknownMoment = new Fired(DealRef.of(OPPORTUNITY), OPPORTUNITY + "/won", "test firing");

    assertTrue(AlreadyBriefed.find(store, unknownMoment, BriefKind.HANDOFF).isPresent());
  }

  @Test
  void aBriefOfAnotherKindDoesNotCount() {
    storeABrief();

    assertTrue(AlreadyBriefed.find(store, wonAt(STORED.minusSeconds(60)), BriefKind.KICKOFF).isEmpty());
  }

  @Test
  void nothingStoredIsNothingBriefed() {
    assertTrue(AlreadyBriefed.find(store, wonAt(STORED), BriefKind.HANDOFF).isEmpty());
  }
}
