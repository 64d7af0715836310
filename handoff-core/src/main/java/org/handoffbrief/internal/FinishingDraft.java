package org.handoffbrief.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.handoffbrief.extract.BriefDraft;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Gap;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;

/**
 * The brief's sections after extraction, while the finishing steps (citation verification,
 * confidentiality, merging, caps, one screen) drop, reorder and cap claims. Extractors only add,
 * through {@link BriefDraft}; dropping and ranking is the library's, so it lives here, not there.
 */
public final class FinishingDraft {
  private final Map<SectionId, List<Claim>> claims = new EnumMap<>(SectionId.class);
  private final Map<SectionId, List<Gap>> gaps = new EnumMap<>(SectionId.class);
  private final Map<SectionId, Integer> shown = new EnumMap<>(SectionId.class);

  private FinishingDraft(BriefDraft extracted) {
    extracted.sections().forEach((id, section) -> {
      claims.put(id, new ArrayList<>(section.claims()));
      gaps.put(id, new ArrayList<>(section.gaps()));
    });
  }

  /** What the extractors wrote into {@code extracted}, ready to be finished. */
  public static FinishingDraft of(BriefDraft extracted) {
    return new FinishingDraft(extracted);
  }

  /** The claims a section holds now. */
  public List<Claim> claims(SectionId section) {
    return List.copyOf(claims.get(section));
  }

  /** Replaces a section's claims with those a finishing step keeps, in their new order. */
  public void replaceClaims(SectionId section, List<Claim> kept) {
    claims.put(section, new ArrayList<>(kept));
  }

  /** How many of a section's claims fit one screen. */
  public void show(SectionId section, int count) {
    shown.put(section, count);
  }

  /** Records something the brief cannot say. A gap with the same code is recorded once. */
  public void gap(SectionId section, String code, String message) {
    List<Gap> list = gaps.get(section);
    if (list.stream().noneMatch(g -> g.code().equals(code))) {
      list.add(new Gap(code, message));
    }
  }

  /** The finished sections, in template order. */
  public Map<SectionId, Section> sections() {
    var out = new EnumMap<SectionId, Section>(SectionId.class);
    for (SectionId id : SectionId.values()) {
      List<Claim> c = claims.get(id);
      out.put(id, new Section(id, c, gaps.get(id), Math.min(shown.getOrDefault(id, c.size()), c.size())));
    }
    return out;
  }
}
