package org.handoffbrief.camel;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.trigger.BriefBatch;

/**
 * One {@code handoff:<operation>[?options]} endpoint. Options: {@code kind} (the brief of
 * {@code handoff:brief}, default {@code handoff}) and {@code reviewer} (who {@code handoff:review}
 * asks when the message has no {@link HandoffHeaders#REVIEWER} header); for {@code handoff:batch},
 * {@code days} (the range when the message names none: the days up to today, default 7) and
 * {@code concurrency} (deals briefed at once, default {@value BriefBatch#DEFAULT_CONCURRENCY}).
 */
public class HandoffEndpoint extends DefaultEndpoint {
  private final HandoffOperation operation;
  private BriefKind kind = BriefKind.HANDOFF;
  private String reviewer;
  private int days = 7;
  private int concurrency = BriefBatch.DEFAULT_CONCURRENCY;

  HandoffEndpoint(String uri, HandoffComponent component, HandoffOperation operation) {
    super(uri, component);
    this.operation = operation;
  }

  @Override
  public HandoffComponent getComponent() {
    return (HandoffComponent) super.getComponent();
  }

  @Override
  public Producer createProducer() {
    if (operation == HandoffOperation.APPROVED) {
      throw new IllegalArgumentException("handoff:approved is a consumer: use it in from(...), not to(...)");
    }
    return new HandoffProducer(this);
  }

  @Override
  public Consumer createConsumer(Processor processor) throws Exception {
    if (operation != HandoffOperation.APPROVED) {
      throw new IllegalArgumentException("handoff:" + operation.uriName() + " is a producer: use it in to(...);"
          + " run handoff:poll from a timer or quartz route");
    }
    Consumer consumer = new HandoffApprovedConsumer(this, processor);
    configureConsumer(consumer);
    return consumer;
  }

  /** What this endpoint does. */
  public HandoffOperation getOperation() {
    return operation;
  }

  /** The brief {@code handoff:brief} makes. */
  public BriefKind getKind() {
    return kind;
  }

  /** A kind's wire id or name, e.g. {@code kind=handoff}, {@code kind=30-day}. */
  public void setKind(String kind) {
    this.kind = BriefKind.parse(kind);
  }

  /** Who {@code handoff:review} asks (an email) when the message names nobody. */
  public String getReviewer() {
    return reviewer;
  }

  public void setReviewer(String reviewer) {
    this.reviewer = reviewer;
  }

  /** How many days up to today {@code handoff:batch} reads when the message gives no range. */
  public int getDays() {
    return days;
  }

  public void setDays(int days) {
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1, was " + days);
    }
    this.days = days;
  }

  /** How many deals {@code handoff:batch} briefs at once. */
  public int getConcurrency() {
    return concurrency;
  }

  public void setConcurrency(int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }
    this.concurrency = concurrency;
  }
}
