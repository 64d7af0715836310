/**
 * Text helpers for connectors: cleaning email and HTML bodies into what their reader sees.
 */
@NullMarked
package org.handoffbrief.text;

import org.jspecify.annotations.NullMarked;
