/**
 * The connector SPI: what a source or CRM connector implements, and the call helpers it uses.
 */
@NullMarked
package org.handoffbrief.spi;

import org.jspecify.annotations.NullMarked;
