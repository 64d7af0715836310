/**
 * The connector kit: what every connector needs and used to write again, in one place. A
 * {@link org.handoffbrief.spi.kit.Setting} declares a setting once (the provider's list and the
 * config's parser both come from it), {@link org.handoffbrief.spi.kit.RetryAfter} reads a
 * {@code Retry-After}, {@link org.handoffbrief.spi.kit.VendorText} cuts a vendor's text, and
 * {@link org.handoffbrief.spi.kit.FailureMapper} turns an HTTP status into the typed exception,
 * {@link org.handoffbrief.spi.kit.JsonHttp} makes one call to a vendor's JSON API (the fetch every
 * connector used to write again),
 * and {@link org.handoffbrief.spi.kit.EmailText}, {@link org.handoffbrief.spi.kit.HtmlText},
 * {@link org.handoffbrief.spi.kit.ForwardedMessage} and {@link org.handoffbrief.spi.kit.CleanText}
 * turn a vendor's mail and HTML bodies into what their reader sees.
 * It lives in core's SPI, not a module of its own: it is plain JDK, a few hundred lines, and every
 * connector already depends on the SPI it completes ({@code ApiCalls}, {@code RetryPolicy},
 * {@code HttpCalls}).
 */
@NullMarked
package org.handoffbrief.spi.kit;

import org.jspecify.annotations.NullMarked;
