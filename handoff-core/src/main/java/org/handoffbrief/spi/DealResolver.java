package org.handoffbrief.spi;

import org.handoffbrief.model.DealRef;

/**
 * Turns a {@link DealRef} into a {@link Resolution} from the CRM, in as few round trips as the
 * CRM allows. Without a resolved deal there is no brief, so resolver failures propagate to the
 * caller as typed exceptions rather than becoming source failures.
 */
public interface DealResolver extends AutoCloseable {

  /** The CRM system, lower case, e.g. {@code salesforce}. */
  String system();

  /**
   * Resolves the deal.
   *
   * @throws org.handoffbrief.InvalidRequestException for an id the CRM cannot have issued, or an
   *     opportunity not yet closed-won when {@link DealRef#allowPreClose()} is false
   * @throws org.handoffbrief.DealNotFoundException when there is no such opportunity
   * @throws org.handoffbrief.HandoffException for authentication, limits and outages
   */
  Resolution resolve(DealRef ref, SourceContext context);

  /** Releases what this resolver holds (its HTTP clients and sessions). Idempotent; the default holds nothing. */
  @Override
  default void close() {
  }
}
