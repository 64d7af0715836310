package org.handoffbrief.extract;

import org.handoffbrief.model.Evidence;

/**
 * The commitment extractor's own rule, exposed so the quality gate checks the brief against the
 * very detection that made it (and notices when a promise was found but its claim was dropped).
 */
public final class CommitmentRule {
  private CommitmentRule() {}

  /**
   * True when the sentence is the vendor plainly promising something: not negated, not hedged,
   * not the customer's own promise.
   *
   * @param vendorWrote whether the vendor's side wrote the item the sentence comes from
   */
  public static boolean isVendorPromise(String sentence, ExtractionInput input, boolean vendorWrote) {
    return CommitmentExtractor.isVendorPromise(sentence, input, vendorWrote);
  }

  /** Whether the vendor's side wrote the item (CRM activities always; elsewhere by the author's address). */
  public static boolean writtenByVendor(Evidence e, ExtractionInput input) {
    return new CrmRecords(input).writtenByVendor(e);
  }
}
