package org.handoffbrief.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import static java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.handoffbrief.model.BriefChanges;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Gap;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.QualityReport;
import org.handoffbrief.model.Review;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.model.SourceFailure;
import org.handoffbrief.model.SourceReport;
import org.handoffbrief.review.ReviewFeedback;

/**
 * The canonical form of a brief: JSON that validates against
 * {@code docs/schema/handoff-brief-1.5.schema.json}. Keys come out in a fixed order, every
 * documented key is always present (null when it has no value), timestamps are ISO-8601
 * (citation timestamps keep the offset they were written with), and lines end in {@code \n} on
 * every platform, so the same brief renders to the same bytes and stored briefs diff cleanly.
 *
 * <p>{@link JsonBriefReader} reads this form back.
 */
public final class JsonBriefRenderer implements BriefRenderer {

  /** Attributes of stakeholder claims that are also written as top-level claim fields. */
  static final List<String> STAKEHOLDER_FIELDS = List.of("role", "name", "email", "title", "lastTouch");

  private static final ObjectWriter WRITER = new ObjectMapper().writer(prettyPrinter());

  private JsonBriefRenderer() {}

  /** The renderer; it has no options. */
  public static JsonBriefRenderer create() {
    return new JsonBriefRenderer();
  }

  @Override
  public String render(HandoffBrief brief) {
    try {
      return WRITER.writeValueAsString(toTree(brief)) + "\n";
    } catch (JsonProcessingException e) {
      // A tree of strings and numbers always serialises; this would be a Jackson bug.
      throw new UncheckedIOException("cannot serialise brief " + brief.opportunityId(), e);
    }
  }

  @Override
  public String fileExtension() {
    return "json";
  }

  @Override
  public String mediaType() {
    return "application/json";
  }

  /** The brief as a JSON tree, in the canonical key order. */
  public ObjectNode toTree(HandoffBrief brief) {
    Objects.requireNonNull(brief, "brief == null");
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("schemaVersion", brief.schemaVersion());
    root.put("opportunityId", brief.opportunityId());
    root.put("opportunityName", brief.opportunityName());
    root.put("accountId", brief.accountId());
    root.put("accountName", brief.accountName());
    // Instant.toString always writes seconds; OffsetDateTime.toString drops ":00", the ISO
    // formatter does not, so every timestamp has the same shape.
    root.put("generatedAt", brief.generatedAt().toString());
    ObjectNode sections = root.putObject("sections");
    for (Section section : brief.sections().values()) {
      sections.set(section.id().wireId(), section(section));
    }
    ArrayNode sources = root.putArray("sources");
    for (SourceReport report : brief.sources()) {
      sources.add(source(report));
    }
    QualityReport quality = brief.quality();
    if (quality == null) {
      root.putNull("quality");
    } else {
      root.set("quality", quality(quality));
    }
    root.put("kind", brief.kind().wireId());
    BriefChanges changes = brief.changes();
    if (changes == null) {
      root.putNull("changes");
    } else {
      root.set("changes", changes(changes));
    }
    Review review = brief.review();
    if (review == null) {
      root.putNull("review");
    } else {
      root.set("review", review(review));
    }
    return root;
  }

  private static ObjectNode review(Review review) {
    ObjectNode node = JsonNodeFactory.instance.objectNode()
        .put("state", review.state().wireId())
        .put("reviewer", review.reviewer())
        .put("at", review.at().toString())
        .put("outcome", review.outcome());
    ArrayNode feedback = node.putArray("feedback");
    for (ReviewFeedback f : review.feedback()) {
      feedback.addObject()
          .put("id", f.id())
          .put("kind", f.kind().wireId())
          .put("reviewer", f.reviewer())
          .put("at", f.at().toString())
          .put("claimId", f.claimId())
          .put("text", f.text());
    }
    return node;
  }

  private static ObjectNode changes(BriefChanges changes) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    BriefChanges.Since since = changes.since();
    node.putObject("since")
        .put("briefId", since.briefId())
        .put("kind", since.kind().wireId())
        .put("version", since.version())
        .put("generatedAt", since.generatedAt().toString());
    ArrayNode items = node.putArray("items");
    for (BriefChanges.Item item : changes.items()) {
      ObjectNode i = items.addObject()
          .put("category", item.category().wireId())
          .put("change", item.change().wireId())
          .put("text", item.text())
          .put("previousClaimId", item.previousClaimId())
          .put("currentClaimId", item.currentClaimId());
      ArrayNode cites = i.putArray("citations");
      item.citations().forEach(c -> cites.add(citation(c)));
    }
    return node;
  }

  private static ObjectNode quality(QualityReport quality) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("passed", quality.passed());
    node.put("route", quality.route().wireId());
    node.put("reviewRequired", quality.reviewRequired());
    ArrayNode checks = node.putArray("checks");
    for (QualityReport.Check c : quality.checks()) {
      ObjectNode check = checks.addObject().put("id", c.id()).put("passed", c.passed()).put("reason", c.reason());
      finding(check, c.claimIds(), c.evidenceIds(), c.citations());
    }
    ArrayNode triggers = node.putArray("triggers");
    for (QualityReport.Trigger t : quality.triggers()) {
      ObjectNode trigger = triggers.addObject().put("id", t.id()).put("reason", t.reason());
      finding(trigger, t.claimIds(), t.evidenceIds(), t.citations());
    }
    return node;
  }

  private static void finding(ObjectNode node, List<String> claimIds, List<String> evidenceIds,
      List<Citation> citations) {
    ArrayNode claims = node.putArray("claimIds");
    claimIds.forEach(claims::add);
    ArrayNode evidence = node.putArray("evidenceIds");
    evidenceIds.forEach(evidence::add);
    ArrayNode cites = node.putArray("citations");
    citations.forEach(c -> cites.add(citation(c)));
  }

  private static ObjectNode citation(Citation c) {
    ObjectNode node = JsonNodeFactory.instance.objectNode()
        .put("evidenceId", c.evidenceId())
        .put("system", c.system())
        .put("url", c.permalink() == null ? null : c.permalink().toString())
        .put("timestamp", ISO_OFFSET_DATE_TIME.format(c.timestamp()));
    if (c.field() != null) {
      node.put("field", c.field());
    }
    return node.put("quote", c.quote())
        .put("start", c.start())
        .put("end", c.end());
  }

  private static ObjectNode section(Section section) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("title", section.id().title());
    // Claims are ranked; the first "shown" fit one screen, "more" are behind a link.
    node.put("shown", section.shown());
    node.put("more", section.claims().size() - section.shown());
    ArrayNode claims = node.putArray("claims");
    for (Claim claim : section.claims()) {
      claims.add(claim(claim));
    }
    ArrayNode gaps = node.putArray("gaps");
    for (Gap gap : section.gaps()) {
      gaps.addObject().put("code", gap.code()).put("message", gap.message());
    }
    return node;
  }

  private static ObjectNode claim(Claim claim) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", claim.id());
    node.put("text", claim.text());
    if (claim.section() == SectionId.STAKEHOLDERS) {
      // The issue asks stakeholder claims to carry these fields themselves; attributes stay the
      // source of truth and the reader ignores the copies.
      for (String field : STAKEHOLDER_FIELDS) {
        String value = claim.attributes().get(field);
        if (value != null) {
          node.put(field, value);
        }
      }
    }
    ObjectNode attributes = node.putObject("attributes");
    claim.attributes().forEach(attributes::put);
    ArrayNode citations = node.putArray("citations");
    for (Citation c : claim.citations()) {
      citations.add(citation(c));
    }
    return node;
  }

  private static ObjectNode source(SourceReport report) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("system", report.system());
    node.put("status", report.status().wireId());
    SourceFailure failure = report.failure();
    if (failure == null) {
      node.putNull("error");
    } else {
      node.putObject("error")
          .put("kind", failure.kind().name().toLowerCase(Locale.ROOT))
          .put("message", failure.message())
          .put("retriable", failure.retriable());
    }
    node.put("items", report.items());
    node.put("calls", report.calls());
    node.put("elapsedMs", report.elapsed().toMillis());
    ObjectNode usage = node.putObject("usage");
    for (Map.Entry<String, String> e : report.usage().entrySet()) {
      usage.put(e.getKey(), e.getValue());
    }
    ArrayNode notes = node.putArray("notes");
    report.notes().forEach(notes::add);
    return node;
  }

  private static DefaultPrettyPrinter prettyPrinter() {
    // Jackson's default writes "key" : value and "[ ]" and uses the platform line separator;
    // the canonical form is "key": value, "[]" and "\n" everywhere.
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
  }
}
