package org.handoffbrief.extract;

import org.handoffbrief.internal.TextSpans;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.Evidence;

/**
 * Reads the CRM evidence of an {@link ExtractionInput} in the shape {@link CrmEvidence} defines:
 * the opportunity and account records, their configured handoff fields, activities.
 */
final class CrmRecords {
  private final ExtractionInput input;
  /** Computed once: extractors walk the conversation several times, and nested walks were quadratic. */
  private List<Evidence> conversation;

  CrmRecords(ExtractionInput input) {
    this.input = input;
  }

  Evidence opportunity() {
    return input.first(CrmEvidence.SYSTEM, CrmEvidence.OPPORTUNITY);
  }

  Evidence account() {
    return input.first(CrmEvidence.SYSTEM, CrmEvidence.ACCOUNT);
  }

  List<Evidence> of(String kind) {
    return input.of(CrmEvidence.SYSTEM, kind);
  }

  /** Tasks and events, oldest first. */
  List<Evidence> activities() {
    return input.evidence().stream().filter(e -> e.system().equals(CrmEvidence.SYSTEM)
        && (e.kind().equals(CrmEvidence.TASK) || e.kind().equals(CrmEvidence.EVENT))).toList();
  }

  /**
   * Everything people wrote or said about the deal, oldest first: CRM tasks and events, and every
   * item of the conversation sources (mail, chat, meetings, tickets, calls). The CRM's own records
   * (opportunity, account, roles, history) are facts, not conversation, and are left out.
   */
  List<Evidence> conversation() {
    if (conversation == null) {
      conversation = input.evidence().stream().filter(e -> !e.system().equals(CrmEvidence.SYSTEM)
          || e.kind().equals(CrmEvidence.TASK) || e.kind().equals(CrmEvidence.EVENT)).toList();
    }
    return conversation;
  }

  /** Who wrote or said it: the author, or for a CRM activity its owner; null when unknown. */
  static String speaker(Evidence e) {
    if (e.author() != null) {
      return e.author().label();
    }
    return e.attribute("Owner.Name");
  }

  /**
   * Whether the vendor's side wrote it. CRM activities are the seller's own notes; elsewhere the
   * author's address decides; an author with no address is not assumed to be ours.
   */
  boolean writtenByVendor(Evidence e) {
    if (e.system().equals(CrmEvidence.SYSTEM)) {
      return true;
    }
    return e.author() != null && e.author().email() != null && input.deal().isInternal(e.author().email());
  }

  /**
   * The header line of the first configured handoff field (on the opportunity, then the account)
   * whose label matches; labels are the org's own ("Go-live target", "Seats"), so matching is by
   * what the label says, not by a fixed field name.
   */
  Span handoffField(Pattern label) {
    for (Map.Entry<String, Span> f : handoffFields().entrySet()) {
      if (label.matcher(f.getKey()).find()) {
        return f.getValue();
      }
    }
    return null;
  }

  /**
   * Every configured handoff field with a value, label to the span of its value: the
   * opportunity's first, then the account's; a label on both is the opportunity's.
   */
  Map<String, Span> handoffFields() {
    var out = new java.util.LinkedHashMap<String, Span>();
    for (Evidence e : records()) {
      for (String key : e.attributes().keySet()) {
        if (key.startsWith(CrmEvidence.HANDOFF_PREFIX)) {
          String name = key.substring(CrmEvidence.HANDOFF_PREFIX.length());
          Span line = TextSpans.line(e, name);
          if (line != null) {
            out.putIfAbsent(name, line);
          }
        }
      }
    }
    return out;
  }

  /** The value of a handoff line span. */
  static String valueOf(Span line) {
    return line.text().strip();
  }

  private List<Evidence> records() {
    var out = new ArrayList<Evidence>();
    if (opportunity() != null) {
      out.add(opportunity());
    }
    if (account() != null) {
      out.add(account());
    }
    return out;
  }

  static Pattern words(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }
}
