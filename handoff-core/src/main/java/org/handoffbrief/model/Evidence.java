package org.handoffbrief.model;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.handoffbrief.spi.kit.CleanText;
import org.jspecify.annotations.Nullable;

/**
 * One item read from a source system: a CRM record, an email, a Slack message, a ticket, a call.
 * Claims cite evidence by {@link #id()} and quote spans of its {@link #text()}.
 *
 * @param id stable id, {@code system:kind:nativeId}; the same record read twice has the same id
 * @param system the source system, lower case (e.g. {@code salesforce})
 * @param kind the record type in that system (e.g. {@code Task}, {@code message})
 * @param nativeId the system's own id for the record
 * @param permalink a link a person can click to open the record, or null when the system has none
 * @param timestamp when the record was written, with the zone it was written in
 * @param author who wrote it, or null for system-made records
 * @param participants everyone else involved (recipients, attendees, contacts)
 * @param text normalised plain text; citations quote spans of exactly this string
 * @param attributes structured fields for the extractors (field name to value)
 * @param internalOnly true when the source marks it for internal eyes only (a pricing desk
 *     channel, a discount approval); such evidence is never cited in a brief
 * @param sourceSpans the regions of {@code text} that are the source's own words (field values,
 *     bodies, titles), in order; a citation must quote inside one of them, so composed lines are
 *     never citable
 * @param channel the kind of conversation it comes from, as its connector declares it; null for
 *     a record that is none (a CRM record, a note)
 */
public record Evidence(String id, String system, String kind, String nativeId, @Nullable URI permalink,
    OffsetDateTime timestamp, @Nullable Participant author, List<Participant> participants, String text,
    Map<String, String> attributes, boolean internalOnly, List<SourceSpan> sourceSpans, @Nullable Channel channel) {

  private static final Pattern SYSTEM = Pattern.compile("[a-z][a-z0-9_-]*");

  public Evidence {
    system = Checks.notBlank(system, "system");
    if (!SYSTEM.matcher(system).matches()) {
      throw new IllegalArgumentException("system must be lower-case letters, digits, '-' or '_': " + system);
    }
    kind = Checks.notBlank(kind, "kind");
    nativeId = Checks.notBlank(nativeId, "nativeId");
    String expected = idFor(system, kind, nativeId);
    if (id == null) {
      id = expected;
    } else if (!id.equals(expected)) {
      throw new IllegalArgumentException("evidence id " + id + " does not match " + expected);
    }
    Objects.requireNonNull(timestamp, "timestamp == null (evidence " + expected + ")");
    participants = Checks.list(participants, "participants");
    Objects.requireNonNull(text, "text == null (evidence " + expected + ")");
    attributes = Checks.map(attributes, "attributes");
    sourceSpans = Checks.list(sourceSpans, "sourceSpans");
    for (SourceSpan span : sourceSpans) {
      SourceSpan.requireInside(span, text.length(), expected);
    }
  }

  /** Evidence of no declared channel. */
  public Evidence(String id, String system, String kind, String nativeId, URI permalink, OffsetDateTime timestamp,
      Participant author, List<Participant> participants, String text, Map<String, String> attributes,
      boolean internalOnly, List<SourceSpan> sourceSpans) {
    this(id, system, kind, nativeId, permalink, timestamp, author, participants, text, attributes, internalOnly,
        sourceSpans, null);
  }

  /** Evidence whose whole text is the source's own words. */
  public Evidence(String id, String system, String kind, String nativeId, URI permalink, OffsetDateTime timestamp,
      Participant author, List<Participant> participants, String text, Map<String, String> attributes,
      boolean internalOnly) {
    this(id, system, kind, nativeId, permalink, timestamp, author, participants, text, attributes, internalOnly,
        wholeText(text));
  }

  private static List<SourceSpan> wholeText(String text) {
    return text == null || text.isEmpty() ? List.of() : Collections.singletonList(new SourceSpan(null, 0, text.length()));
  }

  /**
   * The source span that holds {@code [start, end)} of the text, or null when the range touches
   * composed text.
   */
  public SourceSpan sourceSpanOf(int start, int end) {
    if (start < 0 || end > text.length() || end <= start) {
      return null;
    }
    for (SourceSpan s : sourceSpans) {
      if (s.covers(start, end)) {
        return s;
      }
    }
    return null;
  }

  /** The stable id of a record: {@code system:kind:nativeId}. */
  public static String idFor(String system, String kind, String nativeId) {
    return system + ":" + kind + ":" + nativeId;
  }

  /** A builder for the record's optional parts. */
  public static Builder builder(String system, String kind, String nativeId) {
    return new Builder(system, kind, nativeId);
  }

  /** The attribute, or null. */
  public String attribute(String name) {
    return attributes.get(name);
  }

  /**
   * Builds an {@link Evidence}; required parts in the factory, the rest optional. Every text it is
   * given loses its bidi controls ({@link CleanText#withoutBidiControls}) before offsets are taken,
   * so no source's text can reorder a quote and quotes stay exact spans of the evidence text.
   */
  public static final class Builder {
    private final String system;
    private final String kind;
    private final String nativeId;
    private URI permalink;
    private OffsetDateTime timestamp;
    private Participant author;
    private List<Participant> participants = List.of();
    private String text = "";
    private final StringBuilder composed = new StringBuilder();
    private final List<SourceSpan> spans = new ArrayList<>();
    private boolean bodyAdded;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private boolean internalOnly;
    private Channel channel;

    private Builder(String system, String kind, String nativeId) {
      this.system = system;
      this.kind = kind;
      this.nativeId = nativeId;
    }

    public Builder permalink(URI permalink) {
      this.permalink = permalink;
      return this;
    }

    public Builder timestamp(OffsetDateTime timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    public Builder author(Participant author) {
      this.author = author;
      return this;
    }

    public Builder participants(List<Participant> participants) {
      this.participants = participants;
      return this;
    }

    /**
     * The whole text, all of it the source's own words. Use {@link #header}, {@link #line} and
     * {@link #body} instead when the text mixes composed lines with the source's words.
     */
    public Builder text(String text) {
      if (composed.length() > 0) {
        throw new IllegalStateException("text(...) cannot follow header/line/body on evidence " + nativeId);
      }
      this.text = CleanText.withoutBidiControls(text);
      return this;
    }

    /**
     * Adds a header line {@code label: value} whose value is the source field's own words as its
     * user sees them (a subject, a CRM field's value); the value is citable, the label is not.
     * Line breaks inside the value become spaces. A null or blank value adds nothing.
     */
    public Builder header(String label, String value, String field) {
      return headerLine(label, value, field);
    }

    /**
     * Adds a header line {@code label: value} that the connector composed (a list of attendees,
     * a formatted date, a looked-up name): readable, never citable.
     */
    public Builder line(String label, String value) {
      return headerLine(label, value, null);
    }

    private Builder headerLine(String label, String value, String field) {
      value = CleanText.withoutBidiControls(value);
      if (bodyAdded) {
        throw new IllegalStateException("header lines must come before the body on evidence " + nativeId);
      }
      if (value == null || value.isBlank()) {
        return this;
      }
      if (composed.length() > 0) {
        composed.append('\n');
      }
      composed.append(label).append(": ");
      String v = value.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
      int start = composed.length();
      composed.append(v);
      if (field != null) {
        spans.add(new SourceSpan(field, start, composed.length()));
      }
      return this;
    }

    /**
     * Adds the free text after a blank line: a message body, a description, a turn; all of it the
     * source's own words, from {@code field}. A null or blank body adds nothing.
     */
    public Builder body(String body, String field) {
      body = CleanText.withoutBidiControls(body);
      if (body == null || body.isBlank()) {
        return this;
      }
      if (composed.length() > 0) {
        composed.append("\n\n");
      }
      String b = body.replace("\r\n", "\n").replace('\r', '\n').strip();
      int start = composed.length();
      composed.append(b);
      spans.add(new SourceSpan(field, start, composed.length()));
      bodyAdded = true;
      return this;
    }

    /** Adds an attribute; a null or blank value is skipped, so callers need not check. */
    public Builder attribute(String name, String value) {
      if (value != null && !value.isBlank()) {
        attributes.put(name, value);
      }
      return this;
    }

    public Builder internalOnly(boolean internalOnly) {
      this.internalOnly = internalOnly;
      return this;
    }

    /** The kind of conversation the item comes from; leave unset for a record that is none. */
    public Builder channel(Channel channel) {
      this.channel = channel;
      return this;
    }

    public Evidence build() {
      // Built from lines and a body: only what was declared is citable. Given whole: all of it.
      boolean built = composed.length() > 0;
      String t = built ? composed.toString() : text;
      return new Evidence(null, system, kind, nativeId, permalink, timestamp, author, participants, t,
          attributes, internalOnly, built ? spans : wholeText(t), channel);
    }
  }
}
