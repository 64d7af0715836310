package org.handoffbrief.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.model.BriefChanges;
import org.handoffbrief.model.BriefKind;
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
import org.handoffbrief.review.ReviewState;

/**
 * Reads a brief stored in the canonical JSON form back into a {@link HandoffBrief}, so later
 * briefs (kickoff, 30-day) can build on the one written at handoff.
 *
 * <p>Reads every {@code 1.x} document. Minor versions only add optional members, so members this
 * version does not know are ignored; a section id it does not know, or another major version, is
 * refused rather than dropped. The stakeholder fields a claim repeats at its top level are
 * ignored: {@code attributes} is the source of truth.
 *
 * <p>A document that cannot be read fails with a {@link MalformedResponseException} (system
 * {@code handoff}) whose message names the JSON path at fault, e.g.
 * {@code $.sections.stakeholders.claims[0].citations[0].quote}.
 */
public final class JsonBriefReader {

  private static final String SYSTEM = "handoff";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, SectionId> SECTIONS = new LinkedHashMap<>();

  static {
    for (SectionId id : SectionId.values()) {
      SECTIONS.put(id.wireId(), id);
    }
  }

  private JsonBriefReader() {}

  /** The reader; it has no options. */
  public static JsonBriefReader create() {
    return new JsonBriefReader();
  }

  /**
   * Reads a brief from its JSON text.
   *
   * @throws MalformedResponseException when the text is not a readable {@code 1.x} brief
   */
  public HandoffBrief read(String json) {
    Objects.requireNonNull(json, "json == null");
    try {
      return brief(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw malformed("stored brief is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a brief from a character stream; the reader is not closed. */
  public HandoffBrief read(Reader in) throws IOException {
    Objects.requireNonNull(in, "in == null");
    try {
      return brief(MAPPER.readTree(in));
    } catch (JsonProcessingException e) {
      throw malformed("stored brief is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a brief from a UTF-8 file. */
  public HandoffBrief read(Path file) throws IOException {
    Objects.requireNonNull(file, "file == null");
    return read(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static HandoffBrief brief(JsonNode root) {
    Node doc = new Node(root, "$");
    doc.requireObject();
    String version = doc.text("schemaVersion");
    if (!version.matches("1\\.[0-9]+")) {
      throw malformed("stored brief has schemaVersion " + version + "; this library reads 1.x", null);
    }
    var sections = new EnumMap<SectionId, Section>(SectionId.class);
    Node sectionsNode = doc.object("sections");
    sectionsNode.json.fieldNames().forEachRemaining(key -> {
      SectionId id = SECTIONS.get(key);
      if (id == null) {
        throw malformed(sectionsNode.path + " has unknown section id '" + key + "'; known: " + SECTIONS.keySet(),
            null);
      }
      sections.put(id, section(id, sectionsNode.object(key)));
    });
    List<SourceReport> sources = new ArrayList<>();
    for (Node s : doc.array("sources")) {
      sources.add(source(s));
    }
    // 1.0 briefs have no quality member; 1.1 writes it (null when the gates did not run).
    QualityReport quality = null;
    if (root.has("quality") && !root.get("quality").isNull()) {
      quality = quality(doc.object("quality"));
    }
    QualityReport q = quality;
    // 1.3 and older briefs have neither kind nor changes: they were handoff briefs with no history.
    BriefKind kind = root.has("kind") ? doc.kind("kind") : BriefKind.HANDOFF;
    BriefChanges changes = root.has("changes") && !root.get("changes").isNull() ? changes(doc.object("changes"))
        : null;
    // 1.4 and older briefs have no review; 1.5 writes null for a brief as it was made.
    Review review = root.has("review") && !root.get("review").isNull() ? review(doc.object("review")) : null;
    return doc.build(() -> new HandoffBrief(version, doc.text("opportunityId"), doc.text("opportunityName"),
        doc.text("accountId"), doc.text("accountName"), doc.instant("generatedAt"), sections, sources, q, kind,
        changes, review));
  }

  private static Review review(Node node) {
    ReviewState state = node.constant(ReviewState.class, "state", node.text("state"));
    List<ReviewFeedback> feedback = new ArrayList<>();
    for (Node f : node.array("feedback")) {
      ReviewFeedback.Kind kind = f.constant(ReviewFeedback.Kind.class, "kind", f.text("kind"));
      feedback.add(f.build(() -> new ReviewFeedback(f.text("id"), kind, f.text("reviewer"), f.instant("at"),
          f.optionalText("claimId"), f.optionalText("text"))));
    }
    return node.build(() -> new Review(state, node.optionalText("reviewer"), node.instant("at"),
        node.text("outcome"), feedback));
  }

  private static BriefChanges changes(Node node) {
    Node s = node.object("since");
    BriefChanges.Since since = s.build(() -> new BriefChanges.Since(s.text("briefId"), s.kind("kind"),
        s.integer("version"), s.instant("generatedAt")));
    List<BriefChanges.Item> items = new ArrayList<>();
    for (Node i : node.array("items")) {
      BriefChanges.Category category = i.constant(BriefChanges.Category.class, "category", i.text("category"));
      BriefChanges.Change change = i.constant(BriefChanges.Change.class, "change", i.text("change"));
      List<Citation> cites = citations(i);
      items.add(i.build(() -> new BriefChanges.Item(category, change, i.text("text"), i.optionalText("previousClaimId"),
          i.optionalText("currentClaimId"), cites)));
    }
    return node.build(() -> new BriefChanges(since, items));
  }

  private static QualityReport quality(Node node) {
    List<QualityReport.Check> checks = new ArrayList<>();
    for (Node c : node.array("checks")) {
      List<Citation> cites = citations(c);
      checks.add(c.build(() -> new QualityReport.Check(c.text("id"), c.bool("passed"), c.text("reason"),
          texts(c, "claimIds"), texts(c, "evidenceIds"), cites)));
    }
    List<QualityReport.Trigger> triggers = new ArrayList<>();
    for (Node t : node.array("triggers")) {
      List<Citation> cites = citations(t);
      triggers.add(t.build(() -> new QualityReport.Trigger(t.text("id"), t.text("reason"), texts(t, "claimIds"),
          texts(t, "evidenceIds"), cites)));
    }
    String route = node.text("route");
    QualityReport.Route r = node.build(() -> QualityReport.Route.ofWireId(route));
    QualityReport report = node.build(() -> new QualityReport(checks, triggers, r));
    // 1.1 briefs have no reviewRequired; it follows from the route, so a 1.2 brief must agree with it.
    if (node.json.has("reviewRequired") && node.bool("reviewRequired") != report.reviewRequired()) {
      throw malformed(node.path + ".reviewRequired is " + node.bool("reviewRequired") + " but route is " + route
          + "; review is required exactly when the route is not none", null);
    }
    return report;
  }

  private static List<String> texts(Node node, String name) {
    List<String> out = new ArrayList<>();
    for (Node n : node.array(name)) {
      out.add(n.asText());
    }
    return out;
  }

  private static List<Citation> citations(Node node) {
    List<Citation> citations = new ArrayList<>();
    for (Node c : node.array("citations")) {
      citations.add(c.build(() -> new Citation(c.text("evidenceId"), c.text("system"), c.uri("url"),
          c.offsetDateTime("timestamp"), c.text("quote"), c.integer("start"), c.integer("end"),
          c.has("field") ? c.optionalText("field") : null)));
    }
    return citations;
  }

  private static Section section(SectionId id, Node node) {
    List<Claim> claims = new ArrayList<>();
    for (Node c : node.array("claims")) {
      claims.add(claim(id, c));
    }
    List<Gap> gaps = new ArrayList<>();
    for (Node g : node.array("gaps")) {
      gaps.add(g.build(() -> new Gap(g.text("code"), g.text("message"))));
    }
    Integer shown = node.has("shown") ? node.integer("shown") : null;
    return node.build(() -> new Section(id, claims, gaps, shown == null ? claims.size() : shown));
  }

  private static Claim claim(SectionId section, Node node) {
    List<Citation> citations = citations(node);
    Map<String, String> attributes = node.object("attributes").strings();
    return node.build(() -> new Claim(node.text("id"), section, node.text("text"), attributes, citations));
  }

  private static SourceReport source(Node node) {
    String system = node.text("system");
    String statusText = node.text("status");
    SourceReport.Status status = node.constant(SourceReport.Status.class, "status", statusText);
    SourceFailure failure = null;
    Node error = node.optionalObject("error");
    if (error != null) {
      SourceFailure.Kind kind = error.constant(SourceFailure.Kind.class, "kind", error.text("kind"));
      failure = error.build(() -> new SourceFailure(system, kind, error.text("message"), error.bool("retriable")));
    }
    SourceFailure f = failure;
    Map<String, String> usage = node.object("usage").strings();
    List<String> notes = new ArrayList<>();
    for (Node n : node.array("notes")) {
      notes.add(n.asText());
    }
    return node.build(() -> new SourceReport(system, status, f, node.integer("items"), node.integer("calls"),
        Duration.ofMillis(node.longValue("elapsedMs")), usage, notes));
  }

  private static MalformedResponseException malformed(String message, Throwable cause) {
    return new MalformedResponseException(SYSTEM, message, cause);
  }

  /** A JSON node and its path, so every error says where it is. */
  private static final class Node {
    final JsonNode json;
    final String path;

    Node(JsonNode json, String path) {
      this.json = json;
      this.path = path;
    }

    void requireObject() {
      if (!json.isObject()) {
        throw malformed(path + " must be an object", null);
      }
    }

    private JsonNode member(String name) {
      JsonNode value = json.get(name);
      if (value == null) {
        throw malformed(path + "." + name + " is missing", null);
      }
      return value;
    }

    String text(String name) {
      JsonNode value = member(name);
      if (!value.isTextual()) {
        throw malformed(path + "." + name + " must be a string", null);
      }
      return value.textValue();
    }

    String asText() {
      if (!json.isTextual()) {
        throw malformed(path + " must be a string", null);
      }
      return json.textValue();
    }

    boolean has(String name) {
      return json.has(name);
    }

    String optionalText(String name) {
      JsonNode value = member(name);
      return value.isNull() ? null : text(name);
    }

    int integer(String name) {
      JsonNode value = member(name);
      if (!value.isInt()) {
        throw malformed(path + "." + name + " must be an integer", null);
      }
      return value.intValue();
    }

    long longValue(String name) {
      JsonNode value = member(name);
      if (!value.canConvertToLong() || !value.isIntegralNumber()) {
        throw malformed(path + "." + name + " must be an integer", null);
      }
      return value.longValue();
    }

    boolean bool(String name) {
      JsonNode value = member(name);
      if (!value.isBoolean()) {
        throw malformed(path + "." + name + " must be true or false", null);
      }
      return value.booleanValue();
    }

    Instant instant(String name) {
      String text = text(name);
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw malformed(path + "." + name + " is not an ISO-8601 UTC instant: " + text, e);
      }
    }

    OffsetDateTime offsetDateTime(String name) {
      String text = text(name);
      try {
        return OffsetDateTime.parse(text);
      } catch (DateTimeParseException e) {
        throw malformed(path + "." + name + " is not an ISO-8601 date-time with offset: " + text, e);
      }
    }

    URI uri(String name) {
      String text = optionalText(name);
      if (text == null) {
        return null;
      }
      try {
        return new URI(text);
      } catch (URISyntaxException e) {
        throw malformed(path + "." + name + " is not a URI: " + e.getReason(), e);
      }
    }

    BriefKind kind(String name) {
      String text = text(name);
      try {
        return BriefKind.parse(text);
      } catch (IllegalArgumentException e) {
        throw malformed(path + "." + name + " has unknown value '" + text + "'", e);
      }
    }

    <E extends Enum<E>> E constant(Class<E> type, String name, String wire) {
      try {
        if (!wire.equals(wire.toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException("wire values are lower case");
        }
        return Enum.valueOf(type, wire.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw malformed(path + "." + name + " has unknown value '" + wire + "'", e);
      }
    }

    Node object(String name) {
      Node child = new Node(member(name), path + "." + name);
      child.requireObject();
      return child;
    }

    Node optionalObject(String name) {
      return member(name).isNull() ? null : object(name);
    }

    List<Node> array(String name) {
      JsonNode value = member(name);
      if (!value.isArray()) {
        throw malformed(path + "." + name + " must be an array", null);
      }
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        out.add(new Node(value.get(i), path + "." + name + "[" + i + "]"));
      }
      return out;
    }

    Map<String, String> strings() {
      var out = new LinkedHashMap<String, String>();
      json.fieldNames().forEachRemaining(k -> out.put(k, new Node(json.get(k), path + "." + k).asText()));
      return out;
    }

    /** Runs a record constructor, naming this node when the record refuses the values. */
    <T> T build(java.util.function.Supplier<T> constructor) {
      try {
        return constructor.get();
      } catch (IllegalArgumentException | NullPointerException e) {
        throw malformed(path + ": " + e.getMessage(), e);
      }
    }
  }
}
