package org.handoffbrief.model;

import java.util.Locale;

/**
 * The kind of conversation an evidence item comes from, as its connector declares it. The library
 * reads channels, never system names: which promises are checked (mail and calls), what a
 * contradiction calls its source ("the mail of 3 March"), and which kinds of evidence a brief
 * never saw. A new connector declares the channels it reads ({@link
 * org.handoffbrief.spi.SourceConnector#channels()}) and the channel of each item it returns
 * ({@link Evidence.Builder#channel}); no library code changes.
 */
public enum Channel {
  /** Mail: a message, a reply, a forward. */
  EMAIL("Email"),
  /** Chat: a channel or direct message. */
  CHAT("Chat"),
  /** Calendar: a meeting, its invitees and agenda. */
  CALENDAR("Calendar"),
  /** Support: a ticket and its comments. */
  SUPPORT("Support tickets"),
  /** Calls: a recorded call, its transcript. */
  CALLS("Call recordings");

  private final String label;

  Channel(String label) {
    this.label = label;
  }

  /** How a reader calls this kind of evidence, capitalised ("Support tickets"). */
  public String label() {
    return label;
  }

  /** The channel's id in gap codes ({@code not_read_email}). */
  public String wireId() {
    return name().toLowerCase(Locale.ROOT);
  }
}
