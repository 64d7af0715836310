package org.handoffbrief.camel;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a {@code handoff:} endpoint does: the part of its URI after the scheme. */
public enum HandoffOperation {
  /** Body: the outbound message's SOAP bytes. Out: the Ack to answer, the firings in {@link HandoffHeaders#FIRED}. */
  OUTBOUND_MESSAGE,
  /** Reads what was won since the stored checkpoint. Out: {@code List<Fired>}. */
  POLL,
  /** Body: change event or platform event JSON. Out: {@code List<Fired>}. */
  CHANGE_EVENT,
  /**
   * Body: {@code Fired}, {@code DealRef} or an opportunity id. Out: the {@code StoredBrief} (or
   * {@code HandoffBrief} without a store). A {@code Fired} whose win is already briefed is not briefed
   * again: the stored brief comes out with {@link HandoffHeaders#ALREADY_BRIEFED} true.
   */
  BRIEF,
  /** Body: {@code StoredBrief}. Starts its review; sets {@link HandoffHeaders#AWAITING_REVIEW}. */
  REVIEW,
  /** Body: an approved {@code StoredBrief}. Posts it to Slack; the result in {@link HandoffHeaders#RESULT}. */
  DELIVER,
  /** Body: {@code StoredBrief}. Writes it back to Salesforce; the result in {@link HandoffHeaders#RESULT}. */
  WRITE_BACK,
  /**
   * Body: the Slack interactivity request (raw form). Out: the acknowledgement, with its status and
   * content type. Handed to {@code SlackRequests} when one is bound (its "which one?" buttons; the
   * review's clicks go on to its {@code SlackInteractions}), else to the {@code SlackInteractions}.
   */
  SLACK_INTERACTIONS,
  /** Body: the slash command's request (raw form). Out: the acknowledgement; the brief is answered in thread later. */
  SLACK_COMMAND,
  /** Body: an Events API request ({@code app_mention}, or the URL check). Out: the acknowledgement. */
  SLACK_EVENTS,
  /**
   * Reads the Closed-Won deals of a date range ({@code ClosedWonRange}) and briefs them a few at a
   * time through one {@code Handoff} ({@code BriefBatch}). The range: headers {@link HandoffHeaders#FROM}
   * and {@link HandoffHeaders#TO} ({@code LocalDate} or ISO text), else the {@code days} up to today.
   * Out: the {@code BriefBatch.Summary}.
   */
  BATCH,
  /** Consumer only: each brief a reviewer approved in Slack. */
  APPROVED;

  /** The name in a URI, e.g. {@code outbound-message}. */
  public String uriName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The operation named {@code uriName}. */
  static HandoffOperation ofUri(String uriName) {
    for (HandoffOperation o : values()) {
      if (o.uriName().equals(uriName)) {
        return o;
      }
    }
    throw new IllegalArgumentException("handoff:" + uriName + " is not an operation; use one of "
        + Arrays.stream(values()).map(o -> "handoff:" + o.uriName()).collect(Collectors.joining(", ")));
  }
}
