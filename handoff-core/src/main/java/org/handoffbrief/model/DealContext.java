package org.handoffbrief.model;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the connectors need to find what belongs to this deal, resolved from the CRM in one
 * step: the account, the opportunity, its people, the sales-cycle window and the vendor's own
 * email domains (which tell internal from external people).
 *
 * @param account the customer account
 * @param opportunity the opportunity
 * @param owner the opportunity owner (the AE)
 * @param contacts customer contacts with their roles
 * @param team the vendor's deal team (SE, CSM, ...)
 * @param window the sales cycle, from opportunity creation to close
 * @param vendorDomains the vendor's own email domains, lower case
 * @param handoffFields handoff and qualification fields (MEDDPICC or custom) that have a value,
 *     label to value as the CRM shows it; configured fields that are blank on the record are listed
 *     on the CRM evidence instead ({@link CrmEvidence#BLANK_HANDOFF_FIELDS})
 * @param orgZone the CRM org's time zone, in which the close day, due dates and last touch are read;
 *     UTC when the resolver does not know it
 */
public record DealContext(Account account, Opportunity opportunity, Person owner, List<DealContact> contacts,
    List<TeamMember> team, TimeWindow window, Set<String> vendorDomains, Map<String, String> handoffFields,
    ZoneId orgZone) {

  public DealContext {
    Objects.requireNonNull(account, "account == null");
    Objects.requireNonNull(opportunity, "opportunity == null");
    Objects.requireNonNull(owner, "owner == null");
    contacts = Checks.list(contacts, "contacts");
    team = Checks.list(team, "team");
    Objects.requireNonNull(window, "window == null");
    Objects.requireNonNull(vendorDomains, "vendorDomains == null");
    var domains = new LinkedHashSet<String>();
    for (String d : vendorDomains) {
      domains.add(Checks.notBlank(d, "vendor domain").strip().toLowerCase(Locale.ROOT));
    }
    vendorDomains = Set.copyOf(domains);
    handoffFields = Checks.map(handoffFields, "handoffFields");
    Objects.requireNonNull(orgZone, "orgZone == null (use ZoneOffset.UTC when the org's zone is unknown)");
  }

  /** A context for a resolver that does not know the org's time zone: dates are read in UTC. */
  public DealContext(Account account, Opportunity opportunity, Person owner, List<DealContact> contacts,
      List<TeamMember> team, TimeWindow window, Set<String> vendorDomains, Map<String, String> handoffFields) {
    this(account, opportunity, owner, contacts, team, window, vendorDomains, handoffFields, ZoneOffset.UTC);
  }

  /** The same deal with another evidence window (a later brief reads past the close). */
  public DealContext withWindow(TimeWindow window) {
    return new DealContext(account, opportunity, owner, contacts, team, window, vendorDomains, handoffFields, orgZone);
  }

  /**
   * The customer's email domains: the account website's domain and the domains of the contacts'
   * addresses, less the vendor's own and the big public mail providers (a contact writing from
   * gmail.com must not pull in every gmail.com correspondent). Lower case, in a stable order.
   */
  public Set<String> customerDomains() {
    var out = new java.util.TreeSet<String>();
    if (account.website() != null) {
      String host = account.website().toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "").replaceFirst("[/:?#].*$", "");
      host = host.startsWith("www.") ? host.substring(4) : host;
      if (host.contains(".")) {
        out.add(host);
      }
    }
    for (DealContact c : contacts) {
      String email = c.person().email();
      if (email != null && email.contains("@")) {
        out.add(email.substring(email.lastIndexOf('@') + 1));
      }
    }
    out.removeIf(d -> isInternal("x@" + d) || PUBLIC_MAIL.contains(d));
    return java.util.Collections.unmodifiableSet(out);
  }

  private static final Set<String> PUBLIC_MAIL = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com",
      "live.com", "yahoo.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de");

  /** The customer contacts' email addresses, lower case. */
  public Set<String> customerEmails() {
    var out = new java.util.TreeSet<String>();
    contacts.forEach(c -> {
      if (c.person().email() != null && !isInternal(c.person().email())) {
        out.add(c.person().email());
      }
    });
    return java.util.Collections.unmodifiableSet(out);
  }

  /** True when the address belongs to one of the vendor's domains (or a subdomain of one). */
  public boolean isInternal(String email) {
    if (email == null) {
      return false;
    }
    String e = email.toLowerCase(Locale.ROOT);
    int at = e.lastIndexOf('@');
    if (at < 0) {
      return false;
    }
    String domain = e.substring(at + 1);
    return vendorDomains.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
  }
}
