package org.handoffbrief.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.DealContact;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Identity;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.TeamMember;

/**
 * Joins the same person across systems: CRM contact and user, email sender and recipient, Slack
 * profile, calendar attendee, ticket requester, call participant.
 *
 * <p>The rules, in order: an email address joins (case-insensitive); a system user id joins when
 * that same id was seen with an address elsewhere in the same system (a Slack user id whose
 * profile gave an email, a CRM contact id); a name alone never joins, because two customers can
 * each have a Dana Okonkwo. Internal or external is decided by the vendor's email domains.
 */
public final class IdentityGraph {

  /** The pseudo-system under which email addresses are recorded as identities. */
  public static final String EMAIL = "email";

  private final Map<String, Builder> byEmail = new LinkedHashMap<>();
  private final Map<Identity, Builder> byIdentity = new HashMap<>();
  private final List<Builder> unlinked = new ArrayList<>();
  private final DealContext deal;

  private static final class Builder {
    String name;
    String email;
    String title;
    boolean crmContact;
    final Set<Identity> identities = new HashSet<>();
    final Map<String, LinkedPerson.Touch> lastTouch = new HashMap<>();
  }

  private IdentityGraph(DealContext deal) {
    this.deal = deal;
  }

  /** Builds the graph of the deal's CRM people and everyone the evidence names. */
  public static IdentityGraph build(DealContext deal, List<Evidence> evidence) {
    var g = new IdentityGraph(deal);
    g.addPerson(deal.owner());
    for (TeamMember t : deal.team()) {
      g.addPerson(t.person());
    }
    for (DealContact c : deal.contacts()) {
      g.addPerson(c.person());
    }
    // Two passes: first every participant that carries an address (so ids learn their owner),
    // then the ones that only carry a system id.
    for (Evidence e : evidence) {
      for (Participant p : participants(e)) {
        if (p.email() != null) {
          g.touch(g.join(p, e.system()), e);
        }
      }
    }
    for (Evidence e : evidence) {
      for (Participant p : participants(e)) {
        if (p.email() == null) {
          g.touch(g.join(p, e.system()), e);
        }
      }
    }
    return g;
  }

  private static List<Participant> participants(Evidence e) {
    var all = new ArrayList<Participant>(e.participants().size() + 1);
    if (e.author() != null) {
      all.add(e.author());
    }
    all.addAll(e.participants());
    return all;
  }

  private void addPerson(Person p) {
    Builder b = p.email() != null ? byEmail.computeIfAbsent(p.email(), k -> new Builder()) : newUnlinked();
    if (b.name == null) {
      b.name = p.name();
    }
    b.email = p.email();
    if (b.title == null) {
      b.title = p.title();
    }
    b.crmContact = true;
    for (Identity i : p.identities()) {
      b.identities.add(i);
      byIdentity.putIfAbsent(i, b);
    }
    if (p.email() != null) {
      b.identities.add(new Identity(EMAIL, p.email()));
    }
  }

  private Builder join(Participant p, String system) {
    Identity id = p.systemUserId() == null ? null : new Identity(system, p.systemUserId());
    Builder b = null;
    if (p.email() != null) {
      b = byEmail.computeIfAbsent(p.email(), k -> new Builder());
      b.email = p.email();
      b.identities.add(new Identity(EMAIL, p.email()));
    } else if (id != null) {
      b = byIdentity.get(id);
    }
    if (b == null) {
      b = newUnlinked();
    }
    if (id != null) {
      b.identities.add(id);
      byIdentity.putIfAbsent(id, b);
    }
    if (b.name == null || (p.name() != null && b.name.equals(b.email))) {
      b.name = p.name() != null ? p.name() : p.label();
    }
    return b;
  }

  private Builder newUnlinked() {
    Builder b = new Builder();
    unlinked.add(b);
    return b;
  }

  /** CRM records that name people without being an exchange with them: they join, never touch. */
  private static final java.util.Set<String> RECORD_KINDS = java.util.Set.of(CrmEvidence.OPPORTUNITY,
      CrmEvidence.ACCOUNT, CrmEvidence.CONTACT_ROLE, CrmEvidence.TEAM_MEMBER, CrmEvidence.STAGE_HISTORY,
      CrmEvidence.FIELD_HISTORY);

  private void touch(Builder b, Evidence e) {
    if (e.system().equals(CrmEvidence.SYSTEM) && RECORD_KINDS.contains(e.kind())) {
      return;
    }
    b.lastTouch.merge(e.system(), new LinkedPerson.Touch(e.timestamp(), e.id()), (a, c) -> a.at().isAfter(c.at()) ? a : c);
  }

  private LinkedPerson freeze(Builder b) {
    String name = b.name != null ? b.name : b.email;
    boolean internal = b.email != null && deal.isInternal(b.email);
    return new LinkedPerson(name, b.email, b.title, internal, b.crmContact, b.identities, b.lastTouch);
  }

  /** Everyone with an email address, CRM people first, then in the order the evidence named them. */
  public List<LinkedPerson> people() {
    return byEmail.values().stream().map(this::freeze).toList();
  }

  /** People no system gave an address for: listed, never joined to anyone. */
  public List<LinkedPerson> unlinked() {
    return unlinked.stream().map(this::freeze).toList();
  }

  /** The person with this address. */
  public Optional<LinkedPerson> byEmail(String email) {
    if (email == null) {
      return Optional.empty();
    }
    Builder b = byEmail.get(email.strip().toLowerCase(Locale.ROOT));
    return Optional.ofNullable(b).map(this::freeze);
  }

  /**
   * Customer-side people the evidence names who are not CRM contacts: the candidates a second
   * round follows (an IT lead cc'd on a thread). Only addresses in the customer's own domains count.
   */
  public List<LinkedPerson> newCustomerPeople() {
    Set<String> domains = deal.customerDomains();
    return people().stream()
        .filter(p -> !p.internal() && !p.crmContact() && p.email() != null)
        .filter(p -> domains.contains(p.email().substring(p.email().lastIndexOf('@') + 1)))
        .toList();
  }
}
