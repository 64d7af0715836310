package org.handoffbrief.extract;

import org.handoffbrief.internal.TextSpans;
import static org.handoffbrief.extract.CrmRecords.words;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SectionId;

/**
 * The template variants: fields added to the base template when the opportunity calls for them
 * (enterprise: procurement and MSA; partner-sourced: the partner; expansion: the existing
 * footprint). The variant is chosen from the opportunity's Type, lead source and segment; each of
 * its fields becomes a claim (a handoff field first, else the newest conversation sentence that
 * speaks of it) or an explicit gap. The base template is not forked: variant fields are claims of
 * the account snapshot like any other.
 */
final class TemplateVariantExtractor implements SectionExtractor {
  private static final SectionId S = SectionId.ACCOUNT_SNAPSHOT;

  /** One field a variant adds: how a handoff field is labelled, how conversation speaks of it. */
  private record Field(String key, String title, Pattern label, Pattern talk) {}

  private record Variant(String id, Pattern chosenBy, List<Field> fields) {}

  private static final List<Variant> VARIANTS = List.of(
      new Variant("enterprise", words("enterprise|strategic"), List.of(
          new Field("procurement", "Procurement", words("procurement|purchase order|vendor onboarding"),
              words("procurement|purchase order|\\bpo\\b number|vendor (?:onboarding|registration)")),
          new Field("msa", "MSA", words("\\bmsa\\b|master (?:services|subscription) agreement"),
              words("\\bmsa\\b|master (?:services|subscription) agreement")))),
      new Variant("partner_sourced", words("partner|reseller|channel"), List.of(
          new Field("partner", "Partner", words("partner|reseller|\\bsi\\b"),
              words("\\b(?:our|the|your) (?:implementation |delivery )?partner\\b|reseller|systems integrator")))),
      new Variant("expansion", words("existing|expansion|upsell|up-sell|add-on|cross-sell|renewal"), List.of(
          new Field("existing_footprint", "Existing footprint", words("footprint|existing|installed base|current (?:products|licen)"),
              words("currently (?:use|have|licen[cs]e|run)|existing (?:licen[cs]es|seats|deployment|contract|footprint)|"
                  + "already (?:use|have|run)\\b.*\\b(?:seats|licen[cs]es|users)")))));

  @Override
  public java.util.Set<org.handoffbrief.model.SectionId> sections() {
    return java.util.EnumSet.of(org.handoffbrief.model.SectionId.ACCOUNT_SNAPSHOT);
  }

  @Override
  public void extract(ExtractionInput input, BriefDraft draft) {
    var crm = new CrmRecords(input);
    Evidence opportunity = crm.opportunity();
    if (opportunity == null) {
      return;
    }
    // What chooses the variant: Type and lead source on the opportunity, and a segment handoff field.
    var choosers = new ArrayList<Span>();
    for (String label : List.of("Type", "Lead source", "LeadSource")) {
      Span line = TextSpans.line(opportunity, label);
      if (line != null) {
        choosers.add(line);
      }
    }
    Span segment = crm.handoffField(words("segment"));
    if (segment != null) {
      choosers.add(segment);
    }
    for (Variant v : VARIANTS) {
      Span why = choosers.stream().filter(l -> v.chosenBy().matcher(CrmRecords.valueOf(l)).find())
          .findFirst().orElse(null);
      if (why == null) {
        continue;
      }
      draft.claim(S, "template_variant", "Template variant: " + v.id().replace('_', '-') + " (" + why.label() + ": " + why.text() + ")",
          java.util.Map.of("variant", v.id()), List.of(why.cite()));
      for (Field f : v.fields()) {
        field(f, v, input, crm, draft);
      }
    }
  }

  private static void field(Field f, Variant v, ExtractionInput input, CrmRecords crm, BriefDraft draft) {
    var attrs = new LinkedHashMap<String, String>();
    attrs.put("variant", v.id());
    attrs.put("field", f.key());
    Span line = crm.handoffField(f.label());
    if (line != null && !line.text().startsWith("Type: ")) {
      attrs.put("source", "crm");
      draft.claim(S, f.key(), f.title() + ": " + CrmRecords.valueOf(line), attrs, List.of(line.cite()));
      return;
    }
    List<Evidence> talk = crm.conversation();
    for (int i = talk.size() - 1; i >= 0; i--) {
      for (Span s : input.sentences(talk.get(i))) {
        if (!TextSpans.quoted(s) && f.talk().matcher(s.text()).find()) {
          attrs.put("source", talk.get(i).system());
          draft.claim(S, f.key(), f.title() + " (from the conversations): " + s.text(), attrs, List.of(s.cite()));
          return;
        }
      }
    }
    draft.gap(S, "no_" + f.key(), "No " + f.title().toLowerCase(java.util.Locale.ROOT) + " information for this "
        + v.id().replace('_', '-') + " deal; ask the AE.");
  }
}
