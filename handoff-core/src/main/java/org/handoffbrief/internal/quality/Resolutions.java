package org.handoffbrief.internal.quality;

import org.handoffbrief.extract.Span;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handoffbrief.extract.ExtractionInput;
import org.handoffbrief.internal.TextSpans;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.Evidence;

/**
 * Whether an item a claim raised (a redline, a security question) was settled before the deal
 * closed, from general signals only: the CRM task it cites is completed, the ticket it cites is
 * solved, or a message of the same thread, no older than the item and not after close, says it was
 * resolved, signed, approved or closed. An item with no such word stays open: the review trigger
 * errs towards a person looking.
 */
final class Resolutions {
  private Resolutions() {}

  /** A settled item, in the passive or perfect form a thread uses to close it ("is signed", "we countersigned"). */
  private static final Pattern SETTLED = Pattern.compile("\\b(?:resolved|closed|approved|signed(?: off)?"
      + "|countersigned|counter-signed|executed|accepted|acceptable|settled|cleared|finali[sz]ed|completed"
      + "|sign-?off (?:received|done|given))\\b", Pattern.CASE_INSENSITIVE);
  /**
   * Words before the verb that make it not (yet) so: a negation, a wait, a condition or a future
   * ("not yet signed", "once approved", "will be executed", "to get it countersigned").
   */
  private static final Pattern NOT_YET_BEFORE = Pattern.compile("\\b(?:not|n't|never|yet to|pending|awaiting|waiting"
      + "|once|until|unless|when|if|after|before|will|would|should|could|can|must|need|needs|to be|to get|hope"
      + "|expect|ready to be|ready for)\\b[^.;:!?]{0,40}$", Pattern.CASE_INSENSITIVE);
  /** A determiner right before makes the word a label, not news: "the completed questionnaire is attached". */
  private static final Pattern DETERMINER_BEFORE = Pattern.compile("\\b(?:the|a|an|our|your|their|this|that|these"
      + "|those|its|his|her|my)\\s+$", Pattern.CASE_INSENSITIVE);
  /** A condition right after the verb: "acceptable if you change the cap", "approved subject to". */
  private static final Pattern CONDITION_AFTER = Pattern.compile("^[^.;:!?]{0,30}\\b(?:if|provided|once|subject to"
      + "|pending|except|but|as soon as)\\b", Pattern.CASE_INSENSITIVE);
  /** Zendesk ticket statuses that mean the ticket is settled. */
  private static final Set<String> SETTLED_TICKET = Set.of("solved", "closed");

  /**
   * True when the claim's item was settled before close.
   *
   * @param input the brief's evidence and deal
   * @param claim a security or legal claim
   */
  static boolean settledBeforeClose(ExtractionInput input, Claim claim) {
    Instant close = input.deal().window().end();
    Instant raised = claim.citations().stream().map(c -> c.timestamp().toInstant()).max(Instant::compareTo)
        .orElseThrow();
    boolean settled = false;
    Set<String> threads = new HashSet<>();
    for (Citation c : claim.citations()) {
      Evidence e = input.evidence(c.evidenceId());
      if (e == null) {
        continue;
      }
      if (isTask(e)) {
        // The CRM is the record of what is still to do: an open task is open whatever a thread says.
        if (!"true".equalsIgnoreCase(e.attribute("IsClosed"))) {
          return false;
        }
        settled = true;
      }
      String status = e.attribute("status") != null ? e.attribute("status") : e.attribute("ticketStatus");
      if (status != null && SETTLED_TICKET.contains(status.toLowerCase(Locale.ROOT))) {
        settled = true;
      }
      // The newest word on the item may itself settle it ("Exhibit B is acceptable as redlined").
      if (!c.timestamp().toInstant().isBefore(raised) && says(c.quote())) {
        settled = true;
      }
      String thread = thread(e);
      if (thread != null) {
        threads.add(thread);
      }
    }
    if (settled || threads.isEmpty()) {
      return settled;
    }
    for (Evidence e : input.evidence()) {
      Instant at = e.timestamp().toInstant();
      if (!at.isAfter(raised) || at.isAfter(close) || !threads.contains(thread(e))) {
        continue;
      }
      for (Span s : input.sentences(e)) {
        if (!TextSpans.quoted(s) && says(s.text())) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when the sentence says, without negation, condition or future, that something was settled. */
  static boolean says(String sentence) {
    if (sentence.strip().endsWith("?")) {
      return false;
    }
    Matcher m = SETTLED.matcher(sentence);
    while (m.find()) {
      String before = sentence.substring(0, m.start());
      if (!NOT_YET_BEFORE.matcher(before).find() && !DETERMINER_BEFORE.matcher(before).find()
          && !CONDITION_AFTER.matcher(sentence.substring(m.end())).find()) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTask(Evidence e) {
    return e.system().equals(CrmEvidence.SYSTEM) && e.kind().equals(CrmEvidence.TASK);
  }

  /**
   * The conversation an item belongs to, or null: a mail thread, a Slack thread (a parent is the
   * root of its own), a ticket, a call. Connectors name it in these attributes.
   */
  static String thread(Evidence e) {
    if (e.attribute("channelId") != null && e.attribute("ts") != null) {
      String root = e.attribute("threadTs") != null ? e.attribute("threadTs") : e.attribute("ts");
      return e.system() + "/" + e.attribute("channelId") + "/" + root;
    }
    for (String key : List.of("threadId", "conversationId", "ticketId", "callId")) {
      if (e.attribute(key) != null) {
        return e.system() + "/" + key + "/" + e.attribute(key);
      }
    }
    return null;
  }
}
