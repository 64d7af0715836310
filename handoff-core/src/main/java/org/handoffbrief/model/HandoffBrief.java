package org.handoffbrief.model;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The brief a CSM reads before kickoff: seven sections of cited claims and explicit gaps, and a
 * report of every source read.
 *
 * @param schemaVersion the version of the JSON schema this brief renders to
 * @param opportunityId the opportunity
 * @param opportunityName its name
 * @param accountId the account
 * @param accountName the account's name
 * @param generatedAt when the brief was made
 * @param sections all seven sections, in template order
 * @param sources one report per source system, in the order they were configured
 * @param quality the quality gates' verdicts, the review triggers and the route; null for a brief
 *     made before the gates existed (schema 1.0)
 * @param kind which brief of the account's life this is; {@link BriefKind#HANDOFF} for briefs made
 *     before kinds existed (schema 1.3 and older)
 * @param changes what changed since the opportunity's previous brief; null for a first brief, or
 *     one made without a brief store
 * @param review how a person's review of the brief came out; null for a brief as it was made
 *     (before review, or schema 1.4 and older). Made by
 *     {@link org.handoffbrief.review.BriefReview#reviewed}
 */
public record HandoffBrief(String schemaVersion, String opportunityId, String opportunityName, String accountId,
    String accountName, Instant generatedAt, Map<SectionId, Section> sections, List<SourceReport> sources,
    @Nullable QualityReport quality, BriefKind kind, @Nullable BriefChanges changes, @Nullable Review review) {

  /** The JSON schema version this code writes; see {@code docs/schema/}. */
  public static final String SCHEMA_VERSION = "1.5";

  public HandoffBrief {
    schemaVersion = Checks.notBlank(schemaVersion, "schemaVersion");
    opportunityId = Checks.notBlank(opportunityId, "opportunityId");
    opportunityName = Checks.notBlank(opportunityName, "opportunityName");
    accountId = Checks.notBlank(accountId, "accountId");
    accountName = Checks.notBlank(accountName, "accountName");
    Objects.requireNonNull(generatedAt, "generatedAt == null");
    Objects.requireNonNull(sections, "sections == null");
    var ordered = new EnumMap<SectionId, Section>(SectionId.class);
    for (SectionId id : SectionId.values()) {
      Section s = sections.get(id);
      ordered.put(id, s != null ? s : new Section(id, List.of(), List.of()));
    }
    if (sections.size() > ordered.size()) {
      throw new IllegalArgumentException("unknown section in " + sections.keySet());
    }
    sections = java.util.Collections.unmodifiableMap(ordered);
    sources = Checks.list(sources, "sources");
    Objects.requireNonNull(kind, "kind == null");
  }

  /** A brief as it was made, before any review. */
  public HandoffBrief(String schemaVersion, String opportunityId, String opportunityName, String accountId,
      String accountName, Instant generatedAt, Map<SectionId, Section> sections, List<SourceReport> sources,
      QualityReport quality, BriefKind kind, BriefChanges changes) {
    this(schemaVersion, opportunityId, opportunityName, accountId, accountName, generatedAt, sections, sources,
        quality, kind, changes, null);
  }

  /** A handoff brief with no history: no changes against an earlier one. */
  public HandoffBrief(String schemaVersion, String opportunityId, String opportunityName, String accountId,
      String accountName, Instant generatedAt, Map<SectionId, Section> sections, List<SourceReport> sources,
      QualityReport quality) {
    this(schemaVersion, opportunityId, opportunityName, accountId, accountName, generatedAt, sections, sources,
        quality, BriefKind.HANDOFF, null);
  }

  /** A brief without a quality report (as schema 1.0 briefs are). */
  public HandoffBrief(String schemaVersion, String opportunityId, String opportunityName, String accountId,
      String accountName, Instant generatedAt, Map<SectionId, Section> sections, List<SourceReport> sources) {
    this(schemaVersion, opportunityId, opportunityName, accountId, accountName, generatedAt, sections, sources, null);
  }

  /**
   * The same brief as the {@code kind} of the account's life it is, with what changed since the
   * previous brief ({@code changes}; null when there is none to compare with).
   */
  public HandoffBrief withHistory(BriefKind kind, BriefChanges changes) {
    return new HandoffBrief(schemaVersion, opportunityId, opportunityName, accountId, accountName, generatedAt,
        sections, sources, quality, Objects.requireNonNull(kind, "kind == null"), changes, review);
  }

  /** The same brief with how its review came out ({@code review}; null for none). */
  public HandoffBrief withReview(Review review) {
    return new HandoffBrief(schemaVersion, opportunityId, opportunityName, accountId, accountName, generatedAt,
        sections, sources, quality, kind, changes, review);
  }

  /** The same brief with these sections (e.g. with a reviewer's flags and notes), everything else kept. */
  public HandoffBrief withSections(Map<SectionId, Section> sections) {
    return new HandoffBrief(schemaVersion, opportunityId, opportunityName, accountId, accountName, generatedAt,
        sections, sources, quality, kind, changes, review);
  }

  /** The section with this id (never null). */
  public Section section(SectionId id) {
    return sections.get(id);
  }

  /** Every claim, in section order. */
  public List<Claim> claims() {
    return sections.values().stream().flatMap(s -> s.claims().stream()).toList();
  }
}
