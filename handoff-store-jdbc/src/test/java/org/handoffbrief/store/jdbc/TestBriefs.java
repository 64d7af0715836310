package org.handoffbrief.store.jdbc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;

/** Small briefs built in code: an opportunity with one cited risk per text given. */
final class TestBriefs {
  private TestBriefs() {}

  /** A brief of {@code opportunityId} under account {@code ACC-1}, made at a fixed time. */
  static HandoffBrief brief(String opportunityId, String... risks) {
    return brief("ACC-1", opportunityId, Instant.parse("2026-01-05T09:00:00Z"), risks);
  }

  /** The same content made at another time: a reader sees no difference. */
  static HandoffBrief brief(String accountId, String opportunityId, Instant generatedAt, String... risks) {
    var claims = new ArrayList<Claim>();
    for (int i = 0; i < risks.length; i++) {
      Evidence note = Evidence.builder("crm", "Task", "T" + (i + 1))
          .timestamp(OffsetDateTime.parse("2026-01-02T10:00:00Z"))
          .text("Subject: call notes\n\n" + risks[i])
          .build();
      claims.add(new Claim("risks.r" + (i + 1), SectionId.RISKS, risks[i], Map.of(),
          List.of(Citation.of(note, risks[i]))));
    }
    var sections = new EnumMap<SectionId, Section>(SectionId.class);
    sections.put(SectionId.RISKS, new Section(SectionId.RISKS, claims, List.of()));
    return new HandoffBrief(HandoffBrief.SCHEMA_VERSION, opportunityId, "Deal " + opportunityId, accountId,
        "Account " + accountId, generatedAt, sections, List.of());
  }
}
