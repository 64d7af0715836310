package org.handoffbrief.extract;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Gap;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;

/**
 * The brief's sections while extractors fill them. Claim ids are assigned here
 * ({@code <section>.<key>.<n>}), so they are stable for the same evidence. An extractor only
 * adds; dropping, merging and ranking claims is the library's, after extraction.
 */
public final class BriefDraft {
  private final Map<SectionId, List<Claim>> claims = new EnumMap<>(SectionId.class);
  private final Map<SectionId, List<Gap>> gaps = new EnumMap<>(SectionId.class);
  private final Map<String, Integer> counters = new HashMap<>();

  /** An empty draft: every section without claims or gaps. */
  public BriefDraft() {
    for (SectionId id : SectionId.values()) {
      claims.put(id, new ArrayList<>());
      gaps.put(id, new ArrayList<>());
    }
  }

  /**
   * Adds a claim.
   *
   * @param section where it goes
   * @param key a short slug for the claim's subject (e.g. {@code arr}, {@code champion})
   * @param text the statement
   * @param attributes structured facts; null values are dropped
   * @param citations at least one
   * @return the claim made
   */
  public Claim claim(SectionId section, String key, String text, Map<String, String> attributes,
      List<Citation> citations) {
    Objects.requireNonNull(section, "section == null");
    Objects.requireNonNull(key, "key == null");
    String prefix = section.wireId() + "." + key;
    int n = counters.merge(prefix, 1, Integer::sum);
    var attrs = new LinkedHashMap<String, String>();
    if (attributes != null) {
      attributes.forEach((k, v) -> {
        if (v != null) {
          attrs.put(k, v);
        }
      });
    }
    Claim claim = new Claim(prefix + "." + n, section, text, attrs, citations);
    claims.get(section).add(claim);
    return claim;
  }

  /** Adds a claim with a single citation and no attributes. */
  public Claim claim(SectionId section, String key, String text, Citation citation) {
    return claim(section, key, text, Map.of(), List.of(citation));
  }

  /** Records something the brief cannot say. A gap with the same code is recorded once. */
  public void gap(SectionId section, String code, String message) {
    List<Gap> list = gaps.get(section);
    if (list.stream().noneMatch(g -> g.code().equals(code))) {
      list.add(new Gap(code, message));
    }
  }

  /** The claims so far in a section. */
  public List<Claim> claims(SectionId section) {
    return List.copyOf(claims.get(section));
  }

  /** The sections so far, in template order, every claim shown. */
  public Map<SectionId, Section> sections() {
    var out = new EnumMap<SectionId, Section>(SectionId.class);
    for (SectionId id : SectionId.values()) {
      out.put(id, new Section(id, claims.get(id), gaps.get(id)));
    }
    return out;
  }
}
