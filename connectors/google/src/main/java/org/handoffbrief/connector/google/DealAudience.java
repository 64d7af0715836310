package org.handoffbrief.connector.google;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.TeamMember;

/**
 * Who belongs to a deal, for both Google connectors: the customer's addresses and domains (an
 * item belongs when one of its people is one of them) and the internal people whose mailboxes or
 * calendars are read. A name never decides: another customer's "Dana Okonkwo" has another address.
 */
final class DealAudience {
  private static final Pattern ADDRESS = Pattern.compile(
      "\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^<,\"]*?))\\s*<([^>]+)>\\s*|\\s*([^,<>\\s]+@[^,<>\\s]+)\\s*");

  final Set<String> customerEmails;
  final Set<String> customerDomains;
  private final DealContext deal;

  DealAudience(DealContext deal, Collection<String> extraEmails) {
    this.deal = deal;
    var emails = new LinkedHashSet<>(deal.customerEmails());
    extraEmails.forEach(e -> emails.add(e.toLowerCase(Locale.ROOT)));
    this.customerEmails = Set.copyOf(emails);
    this.customerDomains = deal.customerDomains();
  }

  /** True when the address is a customer contact's or in one of the customer's domains (subdomains too). */
  boolean isCustomer(String email) {
    if (email == null || deal.isInternal(email)) {
      return false;
    }
    String e = email.toLowerCase(Locale.ROOT);
    if (customerEmails.contains(e)) {
      return true;
    }
    String domain = e.substring(e.lastIndexOf('@') + 1);
    return customerDomains.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
  }

  boolean anyCustomer(Collection<Participant> people) {
    return people.stream().anyMatch(p -> isCustomer(p.email()));
  }

  /** The internal addresses to read: the owner and the internal deal team when asked, then the extra ones. */
  static List<String> mailboxes(DealContext deal, GoogleConfig config) {
    var out = new LinkedHashSet<String>();
    if (config.readDealTeam()) {
      addInternal(out, deal, deal.owner());
      for (TeamMember m : deal.team()) {
        addInternal(out, deal, m.person());
      }
    }
    out.addAll(config.mailboxes());
    return List.copyOf(out);
  }

  private static void addInternal(Set<String> out, DealContext deal, Person p) {
    if (p.email() != null && deal.isInternal(p.email())) {
      out.add(p.email());
    }
  }

  /** Addresses of an RFC 5322 address-list header ({@code "Okonkwo, Dana" <dana@x.org>, b@y.org}). */
  static List<Participant> parseAddresses(String header) {
    var out = new ArrayList<Participant>();
    if (header == null || header.isBlank()) {
      return out;
    }
    Matcher m = ADDRESS.matcher(header);
    int at = 0;
    while (at < header.length() && m.find(at) && m.start() == at) {
      String email = m.group(3) != null ? m.group(3) : m.group(4);
      String name = m.group(1) != null ? m.group(1).replace("\\\"", "\"") : m.group(2);
      if (email != null && email.contains("@")) {
        out.add(new Participant(name == null || name.isBlank() ? null : name.strip(), email.strip(), null));
      }
      at = m.end();
      if (at < header.length() && header.charAt(at) == ',') {
        at++;
      }
    }
    return out;
  }

  /** {@code Name <email>}, or the address alone. */
  static String label(Participant p) {
    if (p.email() == null) {
      return p.label();
    }
    return p.name() == null ? p.email() : p.name() + " <" + p.email() + ">";
  }
}
