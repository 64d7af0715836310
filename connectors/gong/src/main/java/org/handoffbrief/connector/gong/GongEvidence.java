package org.handoffbrief.connector.gong;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.handoffbrief.model.Channel;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Participant;

/**
 * Reads Gong's call and transcript JSON into records and maps them to {@link Evidence}: one
 * {@code call} per call, one {@code transcript} per monologue (a speaker's turn), so a citation can
 * point at a moment of a call.
 *
 * <p>Gong's API documents no link to a moment of a call, so an excerpt's permalink is the call's
 * page; the moment is in the excerpt's {@code At:} line and its {@code startMs} attribute.
 */
final class GongEvidence {

  /** Evidence kind of a call: header and Gong's brief. */
  static final String CALL = "call";
  /** Evidence kind of one speaker's turn in a call's transcript. */
  static final String TRANSCRIPT = "transcript";

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'xxx", Locale.ROOT);

  private GongEvidence() {}

  /** A call party as {@code parties[]} gives it. */
  record Party(String id, String name, String email, String title, String userId, String speakerId,
      String affiliation) {

    Participant participant() {
      return new Participant(name, email, userId != null ? userId : name == null && email == null ? id : null);
    }

    String label() {
      String who = name != null ? name : email != null ? email : "Unknown speaker";
      return email != null && name != null ? who + " <" + email + ">" : who;
    }
  }

  /** A call as {@code calls[]} of {@code /v2/calls/extensive} gives it. */
  record Call(String id, URI url, String title, OffsetDateTime started, long durationSeconds, String primaryUserId,
      String conferenceSystem, String direction, String scope, List<Party> parties, String brief) {

    Party host() {
      return parties.stream().filter(p -> p.userId() != null && p.userId().equals(primaryUserId)).findFirst()
          .orElse(null);
    }

    Party speaker(String speakerId) {
      return parties.stream().filter(p -> Objects.equals(p.speakerId(), speakerId)).findFirst().orElse(null);
    }
  }

  /**
   * One call of a page, or null when the record lacks what every call has (an id, a start): such a
   * record is skipped and counted, the rest of the page still read.
   */
  static Call call(JsonNode node) {
    JsonNode meta = node.path("metaData");
    String id = text(meta, "id");
    String started = text(meta, "started") != null ? text(meta, "started") : text(meta, "scheduled");
    if (id == null || started == null) {
      return null;
    }
    OffsetDateTime start;
    URI url;
    try {
      start = OffsetDateTime.parse(started);
      url = text(meta, "url") == null ? null : URI.create(text(meta, "url"));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return null;
    }
    var parties = new ArrayList<Party>();
    for (JsonNode p : node.path("parties")) {
      String email = text(p, "emailAddress");
      Party party = new Party(text(p, "id"), text(p, "name"), email == null ? null : email.toLowerCase(Locale.ROOT),
          text(p, "title"), text(p, "userId"), text(p, "speakerId"), text(p, "affiliation"));
      if (party.name() != null || party.email() != null || party.userId() != null || party.id() != null) {
        parties.add(party);
      }
    }
    return new Call(id, url, text(meta, "title"), start, meta.path("duration").asLong(0), text(meta, "primaryUserId"),
        text(meta, "system"), text(meta, "direction"), text(meta, "scope"), List.copyOf(parties),
        text(node.path("content"), "brief"));
  }

  /** The call's evidence: {@code Title/Date/Duration/Participants}, a blank line, then Gong's brief. */
  static Evidence callEvidence(Call call) {
    Party host = call.host();
    return Evidence.builder(GongConnector.SYSTEM, CALL, call.id())
        .channel(Channel.CALLS)
        .permalink(call.url())
        .timestamp(call.started())
        .author(host == null ? null : host.participant())
        .participants(call.parties().stream().filter(p -> p != host).map(Party::participant).toList())
        .header("Title", call.title(), "title")
        .line("Title", call.title() == null ? "(untitled call)" : null)
        .line("Date", DATE.format(call.started()))
        .line("Duration", duration(call.durationSeconds()))
        .line("Participants", String.join("; ", call.parties().stream().map(Party::label).toList()))
        .body(call.brief() == null ? null : normalise(call.brief()), "brief")
        .attribute("callId", call.id())
        .attribute("title", call.title())
        .attribute("durationSeconds", String.valueOf(call.durationSeconds()))
        .attribute("primaryUserId", call.primaryUserId())
        .attribute("conferenceSystem", call.conferenceSystem())
        .attribute("direction", call.direction())
        .attribute("scope", call.scope())
        .build();
  }

  /**
   * One evidence per sentence of a transcript ({@code callTranscripts[].transcript[].sentences[]}),
   * so a citation points at the moment the words were said; the monologue (speaker turn) it
   * belongs to is kept in {@code turnStartMs}. A sentence without text is skipped.
   */
  static List<Evidence> transcriptEvidence(Call call, JsonNode monologues) {
    var out = new ArrayList<Evidence>();
    for (JsonNode m : monologues) {
      String speakerId = text(m, "speakerId");
      Party speaker = call.speaker(speakerId);
      long turnStart = -1;
      for (JsonNode sentence : m.path("sentences")) {
        String t = text(sentence, "text");
        if (t == null || normalise(t).isEmpty()) {
          continue;
        }
        long start = sentence.path("start").asLong(0);
        long end = Math.max(start, sentence.path("end").asLong(0));
        turnStart = turnStart < 0 ? start : turnStart;
        String at = offset(start);
        out.add(Evidence.builder(GongConnector.SYSTEM, TRANSCRIPT, call.id() + "-" + start)
            .channel(Channel.CALLS)
            .permalink(call.url())
            .timestamp(call.started().plusNanos(start * 1_000_000L))
            .author(speaker == null ? speakerId == null ? null : new Participant(null, null, speakerId)
                : speaker.participant())
            .participants(call.parties().stream().filter(p -> p != speaker).map(Party::participant).toList())
            .line("Call", call.title() == null ? "(untitled call)" : call.title())
            .line("Speaker", speaker == null ? "Unknown speaker" : speaker.label())
            .line("At", at)
            .body(normalise(t), "sentences")
            .attribute("callId", call.id())
            .attribute("callTitle", call.title())
            .attribute("speakerId", speakerId)
            .attribute("speakerEmail", speaker == null ? null : speaker.email())
            .attribute("affiliation", speaker == null ? null : speaker.affiliation())
            .attribute("topic", text(m, "topic"))
            .attribute("startMs", String.valueOf(start))
            .attribute("endMs", String.valueOf(end))
            .attribute("turnStartMs", String.valueOf(turnStart))
            .attribute("offset", at)
            .build());
      }
    }
    return out;
  }

  /** {@code mm:ss} from milliseconds; minutes run past 59 for long calls ({@code 75:10}). */
  static String offset(long millis) {
    long seconds = Math.max(0, millis) / 1000;
    return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
  }

  private static String duration(long seconds) {
    if (seconds <= 0) {
      return "unknown";
    }
    long minutes = (seconds + 30) / 60;
    return minutes == 0 ? seconds + " s" : minutes + " min";
  }

  private static String normalise(String s) {
    return s.replace('\u00a0', ' ').replaceAll("[ \\t]+", " ").replaceAll("\\s*\\n\\s*", "\n").strip();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    String s = v.asText();
    return s == null || s.isBlank() ? null : s.strip();
  }
}
