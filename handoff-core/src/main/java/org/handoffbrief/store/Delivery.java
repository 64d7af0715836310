package org.handoffbrief.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a brief was posted, so delivering it again updates that message instead of posting a
 * second one.
 *
 * @param deliveryKey stable key, e.g. {@code slack:<channel>:<opportunityId>/<kind>}: one message
 *     per opportunity, kind and channel, which later versions update
 * @param channel where it goes, e.g. a Slack channel id
 * @param messageId the posted message's id (Slack's {@code ts}); null while the post is reserved
 *     but not yet known to have happened (a crash there is resolved by looking the message up)
 * @param briefId the brief version the message now shows
 * @param updatedAt when this record last changed
 */
public record Delivery(String deliveryKey, String channel, String messageId, String briefId, Instant updatedAt) {
  public Delivery {
    Text.notBlank(deliveryKey, "deliveryKey");
    Text.notBlank(channel, "channel");
    Text.notBlank(briefId, "briefId");
    Objects.requireNonNull(updatedAt, "updatedAt == null");
  }

  /** Whether the message is known to exist. */
  public boolean posted() {
    return messageId != null;
  }
}
