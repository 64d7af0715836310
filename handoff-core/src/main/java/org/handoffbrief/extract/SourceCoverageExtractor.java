package org.handoffbrief.extract;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.handoffbrief.model.Channel;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.model.SourceReport;

/**
 * Says, section by section, which kinds of evidence this brief never saw: a channel no configured
 * connector declares ({@link org.handoffbrief.spi.SourceConnector#channels()}), or whose connectors
 * all failed. A CSM reading "no risks found" must know
 * whether support tickets were checked at all.
 */
final class SourceCoverageExtractor implements SectionExtractor {

  private static final Map<SectionId, Map<Channel, String>> CONSEQUENCES = Map.of(
      SectionId.WHY_THEY_BOUGHT, Map.of(
          Channel.EMAIL, "the customer's own words on why they bought are missing",
          Channel.CALLS, "discovery calls are not quoted"),
      SectionId.STAKEHOLDERS, Map.of(
          Channel.EMAIL, "last-touch dates reflect logged CRM activity only",
          Channel.CALENDAR, "meeting attendance is not known"),
      SectionId.DEAL_HISTORY, Map.of(
          Channel.CHAT, "the deal channel's turns are missing",
          Channel.CALLS, "objections raised on calls are missing"),
      SectionId.COMMITMENTS, Map.of(
          Channel.EMAIL, "promises made by email may be missing",
          Channel.CALLS, "promises made on calls may be missing"),
      SectionId.RISKS, Map.of(
          Channel.SUPPORT, "tickets opened during the cycle were not checked",
          Channel.EMAIL, "risks raised by email may be missing"),
      SectionId.OPEN_THREADS, Map.of(
          Channel.EMAIL, "unanswered customer emails are not known",
          Channel.CHAT, "open questions in Slack are not known"));

  @Override
  public java.util.Set<org.handoffbrief.model.SectionId> sections() {
    return java.util.EnumSet.copyOf(CONSEQUENCES.keySet());
  }

  @Override
  public void extract(ExtractionInput input, BriefDraft draft) {
    for (SectionId section : SectionId.values()) {
      Map<Channel, String> consequences = CONSEQUENCES.getOrDefault(section, Map.of());
      for (Channel channel : Channel.values()) {
        String consequence = consequences.get(channel);
        if (consequence == null) {
          continue;
        }
        String why = missing(channel, input.sources());
        if (why != null) {
          draft.gap(section, "not_read_" + channel.wireId(), channel.label() + " " + why + ": " + consequence + ".");
        }
      }
    }
  }

  /** Why the channel is missing from the brief, or null when a source read it. */
  private static String missing(Channel channel, List<SourceReport> sources) {
    List<SourceReport> mine = sources.stream().filter(r -> r.channels().contains(channel)).toList();
    if (mine.stream().anyMatch(SourceReport::read)) {
      return null;
    }
    if (mine.isEmpty()) {
      // No configured connector declares the channel, so there is no system to name: the channel is.
      return "not read (no " + channel.label().toLowerCase(java.util.Locale.ROOT) + " connector configured)";
    }
    return "could not be read (" + mine.stream().map(r -> r.system() + " " + r.status().wireId()
        + (r.failure() != null ? ": " + r.failure().kind().name().toLowerCase(java.util.Locale.ROOT) : ""))
        .collect(Collectors.joining("; ")) + ")";
  }
}
