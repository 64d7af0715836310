package org.handoffbrief.extract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Participant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Open threads read each item a bounded number of times whatever the deal's size: counted in the
 * times an extractor asks for an item's sentences.
 */
@Tag("reliability")
class OpenThreadScalingTest {

  /** A sentence cache that counts every look-up, so a test can see how often items are read. */
  static final class CountingCache extends ConcurrentHashMap<String, List<Span>> {
    private static final long serialVersionUID = 1L;
    final AtomicLong lookups = new AtomicLong();

    @Override
    public List<Span> computeIfAbsent(String key,
        Function<? super String, ? extends List<Span>> f) {
      lookups.incrementAndGet();
      return super.computeIfAbsent(key, f);
    }
  }

  /** One customer writing {@code n} mails late in the cycle, each promising to send something. */
  private static long lookups(int n) {
    var f = new CrmFixture();
    f.opportunity(Map.of(), null).account();
    var customer = Participant.of("Dana Okonkwo", "dana.okonkwo@customer.example");
    var vendor = Participant.of(f.owner.name(), f.owner.email());
    OffsetDateTime start = OffsetDateTime.parse("2026-03-01T09:00:00Z");
    for (int i = 0; i < n; i++) {
      f.mail("gmail", "m" + i, start.plusSeconds(i * 60L).toString(), customer, List.of(vendor), "Export",
          "t" + i, "We'll send you the export of batch " + i + " by Friday.");
    }
    var sorted = new ArrayList<>(f.evidence);
    sorted.sort(java.util.Comparator.comparing(Evidence::timestamp));
    var cache = new CountingCache();
    var input = new ExtractionInput(f.deal(), sorted, Instant.parse("2026-03-28T12:00:00Z"), List.of(),
        org.handoffbrief.identity.IdentityGraph.build(f.deal(), sorted), cache);
    new OpenThreadExtractor().extract(input, new BriefDraft());
    return cache.lookups.get();
  }

  /**
   * Issue 8 item 1: whether a customer's promise was handed over later is one look-up, not a
   * rescan of every later message per promise (10x the mails cost 10x the reads, not 100x).
   */
  @Test
  void tenTimesTheCustomerPromisesCostTenTimesTheReads() {
    long n = lookups(200);
    long tenN = lookups(2_000);
    assertTrue(n <= 200L * 6, "reads per item are bounded: " + n);
    assertTrue(tenN <= 11 * n, "N " + n + " -> 10N " + tenN);
  }
}
