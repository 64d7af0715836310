/**
 * Renderers (Markdown, HTML, JSON) and the JSON reader.
 */
@NullMarked
package org.handoffbrief.render;

import org.jspecify.annotations.NullMarked;
