package org.handoffbrief.camel;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.handoffbrief.store.StoredBrief;

/**
 * Brings Slack approvals into routes: pass it to
 * {@code SlackInteractions.Builder.onApproved(...)} and bind it in the registry; each
 * {@code from("handoff:approved")} route then receives every approved brief.
 *
 * <p>An approval that finds no started route fails, so {@code SlackInteractions} logs it; the
 * brief stays approved in the store, where a later route or a rerun finds it.
 */
public final class HandoffApprovals implements Consumer<StoredBrief> {
  private final CopyOnWriteArrayList<Consumer<StoredBrief>> routes = new CopyOnWriteArrayList<>();

  @Override
  public void accept(StoredBrief approved) {
    if (routes.isEmpty()) {
      throw new IllegalStateException("brief " + approved.briefId() + " was approved but no from(\"handoff:approved\")"
          + " route is started");
    }
    routes.forEach(r -> r.accept(approved));
  }

  void subscribe(Consumer<StoredBrief> route) {
    routes.add(route);
  }

  void unsubscribe(Consumer<StoredBrief> route) {
    routes.remove(route);
  }
}
