/**
 * Extraction: the extractor SPI ({@link org.handoffbrief.extract.SectionExtractor},
 * {@link org.handoffbrief.extract.ExtractionInput}, {@link org.handoffbrief.extract.BriefDraft}) and the
 * built-in per-section extractors.
 */
@NullMarked
package org.handoffbrief.extract;

import org.jspecify.annotations.NullMarked;
