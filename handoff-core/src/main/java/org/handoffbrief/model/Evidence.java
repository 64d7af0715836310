package org.handoffbrief.model;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

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
 */
public record Evidence(String id, String system, String kind, String nativeId, URI permalink,
    OffsetDateTime timestamp, Participant author, List<Participant> participants, String text,
    Map<String, String> attributes, boolean internalOnly) {

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

  /** Builds an {@link Evidence}; required parts in the factory, the rest optional. */
  public static final class Builder {
    private final String system;
    private final String kind;
    private final String nativeId;
    private URI permalink;
    private OffsetDateTime timestamp;
    private Participant author;
    private List<Participant> participants = List.of();
    private String text = "";
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private boolean internalOnly;

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

    public Builder text(String text) {
      this.text = text;
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

    public Evidence build() {
      return new Evidence(null, system, kind, nativeId, permalink, timestamp, author, participants, text,
          attributes, internalOnly);
    }
  }
}
