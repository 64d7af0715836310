package org.handoffbrief.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.handoffbrief.audit.AuditAnswer;
import org.handoffbrief.audit.AuditQuestion;
import org.handoffbrief.audit.ClaimMark;
import org.handoffbrief.audit.Verdict;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.quality.QualityHistory;
import org.handoffbrief.review.ReviewFeedback;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.render.JsonBriefRenderer;

/**
 * {@link BriefStore#inMemory()}: one lock around plain collections. Every method holds it for the
 * whole check-then-act, which is what the JDBC store's unique keys and conditional updates do
 * across processes.
 */
final class InMemoryBriefStore implements BriefStore {
  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, StoredBrief> briefs = new LinkedHashMap<>();
  private final Map<String, OutboxPlan> plans = new HashMap<>();
  private final Map<String, OutboxWrite> writes = new LinkedHashMap<>();
  private final Map<String, String> leaseHolders = new HashMap<>();
  private final Map<String, Instant> leaseUntil = new HashMap<>();
  private final List<AuditEntry> audit = new ArrayList<>();
  private final Set<String> once = new HashSet<>();
  private final Map<String, String> checkpoints = new HashMap<>();
  private final QualityHistory history = QualityHistory.inMemory();
  private final Map<String, ReviewStatus> reviews = new HashMap<>();
  private final Map<String, List<ReviewFeedback>> feedback = new HashMap<>();
  private final Map<String, Delivery> deliveries = new HashMap<>();
  private final Map<String, AuditQuestion> questions = new LinkedHashMap<>();
  private final Map<String, AuditAnswer> answers = new LinkedHashMap<>();

  InMemoryBriefStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  @Override
  public StoredBrief save(HandoffBrief brief, BriefKind kind) {
    Objects.requireNonNull(brief, "brief == null");
    Objects.requireNonNull(kind, "kind == null");
    String fingerprint = StoredBrief.fingerprint(brief);
    String json = JsonBriefRenderer.create().render(brief);
    synchronized (lock) {
      Optional<StoredBrief> last = latest(brief.opportunityId(), kind);
      if (last.isPresent() && last.get().fingerprint().equals(fingerprint)) {
        return last.get();
      }
      int version = last.map(StoredBrief::version).orElse(0) + 1;
      var stored = new StoredBrief(StoredBrief.briefId(brief.opportunityId(), kind, version), brief.accountId(),
          brief.opportunityId(), kind, version, clock.instant(), fingerprint, json);
      briefs.put(stored.briefId(), stored);
      return stored;
    }
  }

  @Override
  public Optional<StoredBrief> find(String briefId) {
    synchronized (lock) {
      return Optional.ofNullable(briefs.get(briefId));
    }
  }

  @Override
  public Optional<StoredBrief> latest(String opportunityId, BriefKind kind) {
    synchronized (lock) {
      return briefs.values().stream().filter(b -> b.opportunityId().equals(opportunityId) && b.kind() == kind)
          .max(Comparator.comparingInt(StoredBrief::version));
    }
  }

  @Override
  public Optional<StoredBrief> latest(String opportunityId) {
    List<StoredBrief> all = history(opportunityId);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  @Override
  public List<StoredBrief> history(String opportunityId) {
    synchronized (lock) {
      // Insertion order is storing order: the newest last.
      return briefs.values().stream().filter(b -> b.opportunityId().equals(opportunityId)).toList();
    }
  }

  @Override
  public OutboxPlan savePlan(OutboxPlan plan, List<OutboxWrite> planWrites) {
    Objects.requireNonNull(plan, "plan == null");
    synchronized (lock) {
      OutboxPlan existing = plans.get(plan.planKey());
      if (existing != null) {
        return existing;
      }
      for (OutboxWrite w : planWrites) {
        if (!w.planKey().equals(plan.planKey())) {
          throw new IllegalArgumentException("write " + w.writeKey() + " belongs to plan " + w.planKey());
        }
        if (writes.containsKey(w.writeKey())) {
          throw new IllegalArgumentException("write key " + w.writeKey() + " is already stored under another plan");
        }
      }
      plans.put(plan.planKey(), plan);
      planWrites.forEach(w -> writes.put(w.writeKey(), w));
      return plan;
    }
  }

  @Override
  public Optional<OutboxPlan> plan(String planKey) {
    synchronized (lock) {
      return Optional.ofNullable(plans.get(planKey));
    }
  }

  @Override
  public List<OutboxWrite> writes(String planKey) {
    synchronized (lock) {
      return writes.values().stream().filter(w -> w.planKey().equals(planKey))
          .sorted(Comparator.comparingInt(OutboxWrite::seq)).toList();
    }
  }

  @Override
  public OutboxPlan decide(String planKey, boolean approved, String actor, Instant at) {
    Text.notBlank(actor, "actor");
    synchronized (lock) {
      OutboxPlan p = plans.get(planKey);
      if (p == null) {
        throw new IllegalArgumentException("no plan " + planKey + " is stored");
      }
      var decided = new OutboxPlan(p.planKey(), p.briefId(), p.opportunityId(), p.planJson(), p.createdAt(),
          approved ? OutboxPlan.Approval.APPROVED : OutboxPlan.Approval.REJECTED, actor, at);
      plans.put(planKey, decided);
      return decided;
    }
  }

  @Override
  public Optional<OutboxWrite> begin(String writeKey, String worker, Instant now, Duration lease) {
    Text.notBlank(worker, "worker");
    synchronized (lock) {
      OutboxWrite w = writes.get(writeKey);
      if (w == null || w.status() == OutboxWrite.Status.DONE) {
        return Optional.empty();
      }
      if (w.status() == OutboxWrite.Status.IN_FLIGHT && leaseUntil.getOrDefault(writeKey, Instant.MIN).isAfter(now)) {
        return Optional.empty();
      }
      var taken = new OutboxWrite(w.planKey(), w.writeKey(), w.seq(), w.target(), w.description(),
          OutboxWrite.Status.IN_FLIGHT, w.recordId(), w.detail(), w.attempts() + 1, now);
      writes.put(writeKey, taken);
      leaseHolders.put(writeKey, worker);
      leaseUntil.put(writeKey, now.plus(lease));
      return Optional.of(taken);
    }
  }

  @Override
  public OutboxWrite finish(String writeKey, OutboxWrite.Status status, String recordId, String detail, Instant at) {
    Objects.requireNonNull(status, "status == null");
    if (status == OutboxWrite.Status.PENDING || status == OutboxWrite.Status.IN_FLIGHT) {
      throw new IllegalArgumentException("a write finishes as DONE, FAILED or SKIPPED, not " + status);
    }
    synchronized (lock) {
      OutboxWrite w = writes.get(writeKey);
      if (w == null) {
        throw new IllegalArgumentException("no write " + writeKey + " is stored");
      }
      if (w.status() == OutboxWrite.Status.DONE) {
        return w;
      }
      var done = new OutboxWrite(w.planKey(), w.writeKey(), w.seq(), w.target(), w.description(), status,
          recordId != null ? recordId : w.recordId(), detail, w.attempts(), at);
      writes.put(writeKey, done);
      leaseHolders.remove(writeKey);
      leaseUntil.remove(writeKey);
      return done;
    }
  }

  @Override
  public void audit(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry == null");
    synchronized (lock) {
      audit.add(entry);
    }
  }

  @Override
  public List<AuditEntry> auditTrail(String subject) {
    synchronized (lock) {
      return audit.stream().filter(e -> e.subject().equals(subject) || e.subject().startsWith(subject + "/"))
          .toList();
    }
  }

  @Override
  public boolean markOnce(String scope, String key, Instant at) {
    Text.notBlank(scope, "scope");
    Text.notBlank(key, "key");
    synchronized (lock) {
      return once.add(scope + '\u0000' + key);
    }
  }

  @Override
  public Optional<String> checkpoint(String name) {
    synchronized (lock) {
      return Optional.ofNullable(checkpoints.get(name));
    }
  }

  @Override
  public boolean advanceCheckpoint(String name, String expected, String value) {
    Text.notBlank(name, "name");
    Objects.requireNonNull(value, "value == null");
    synchronized (lock) {
      if (!Objects.equals(checkpoints.get(name), expected)) {
        return false;
      }
      checkpoints.put(name, value);
      return true;
    }
  }

  @Override
  public Optional<ReviewStatus> reviewStatus(String briefId) {
    synchronized (lock) {
      return Optional.ofNullable(reviews.get(briefId));
    }
  }

  @Override
  public List<ReviewStatus> reviews(ReviewState state) {
    synchronized (lock) {
      return reviews.values().stream().filter(r -> r.state() == state)
          .sorted(Comparator.comparing(ReviewStatus::at)).toList();
    }
  }

  @Override
  public boolean moveReview(String briefId, ReviewState expected, ReviewStatus next) {
    Objects.requireNonNull(next, "next == null");
    if (!next.briefId().equals(briefId)) {
      throw new IllegalArgumentException("status of " + next.briefId() + " given for " + briefId);
    }
    synchronized (lock) {
      ReviewStatus now = reviews.get(briefId);
      if ((now == null ? null : now.state()) != expected) {
        return false;
      }
      reviews.put(briefId, next);
      return true;
    }
  }

  @Override
  public boolean addFeedback(String briefId, ReviewFeedback answer) {
    Objects.requireNonNull(answer, "answer == null");
    synchronized (lock) {
      List<ReviewFeedback> list = feedback.computeIfAbsent(briefId, k -> new ArrayList<>());
      if (list.stream().anyMatch(f -> f.id().equals(answer.id()))) {
        return false;
      }
      list.add(answer);
      return true;
    }
  }

  @Override
  public List<ReviewFeedback> feedback(String briefId) {
    synchronized (lock) {
      return List.copyOf(feedback.getOrDefault(briefId, List.of()));
    }
  }

  @Override
  public Optional<Delivery> delivery(String deliveryKey) {
    synchronized (lock) {
      return Optional.ofNullable(deliveries.get(deliveryKey));
    }
  }

  @Override
  public boolean reserveDelivery(Delivery pending) {
    Objects.requireNonNull(pending, "pending == null");
    synchronized (lock) {
      return deliveries.putIfAbsent(pending.deliveryKey(), pending) == null;
    }
  }

  @Override
  public void saveDelivery(Delivery delivery) {
    Objects.requireNonNull(delivery, "delivery == null");
    synchronized (lock) {
      deliveries.put(delivery.deliveryKey(), delivery);
    }
  }

  @Override
  public boolean saveSample(String week, List<AuditQuestion> sample) {
    Text.notBlank(week, "week");
    Objects.requireNonNull(sample, "questions == null");
    for (AuditQuestion q : sample) {
      if (!q.week().equals(week)) {
        throw new IllegalArgumentException("question " + q.questionId() + " is of week " + q.week());
      }
    }
    synchronized (lock) {
      if (sample.isEmpty() || !sample(week).isEmpty()) {
        return false;
      }
      sample.forEach(q -> questions.put(q.questionId(), q));
      return true;
    }
  }

  @Override
  public List<AuditQuestion> sample(String week) {
    synchronized (lock) {
      return questions.values().stream().filter(q -> q.week().equals(week))
          .sorted(Comparator.comparingInt(AuditQuestion::seq)).toList();
    }
  }

  @Override
  public Optional<AuditQuestion> auditQuestion(String questionId) {
    synchronized (lock) {
      return Optional.ofNullable(questions.get(questionId));
    }
  }

  @Override
  public boolean saveAnswer(AuditAnswer answer) {
    Objects.requireNonNull(answer, "answer == null");
    synchronized (lock) {
      if (!questions.containsKey(answer.questionId())) {
        throw new IllegalArgumentException("no question " + answer.questionId() + " is stored");
      }
      return answers.putIfAbsent(answer.questionId(), answer) == null;
    }
  }

  @Override
  public Optional<AuditAnswer> auditAnswer(String questionId) {
    synchronized (lock) {
      return Optional.ofNullable(answers.get(questionId));
    }
  }

  @Override
  public List<AuditAnswer> answers(String week) {
    synchronized (lock) {
      return sample(week).stream().map(q -> answers.get(q.questionId())).filter(Objects::nonNull).toList();
    }
  }

  @Override
  public List<ClaimMark> claimMarks(String briefId) {
    synchronized (lock) {
      return questions.values().stream().filter(q -> q.briefId().equals(briefId))
          .filter(q -> answers.containsKey(q.questionId()))
          .map(q -> Map.entry(q, answers.get(q.questionId())))
          .filter(e -> e.getValue().verdict() == Verdict.DOES_NOT_SUPPORT)
          .sorted(Comparator.comparing((Map.Entry<AuditQuestion, AuditAnswer> e) -> e.getValue().answeredAt())
              .thenComparing(e -> e.getKey().questionId()))
          .map(e -> new ClaimMark(briefId, e.getKey().claimId(), e.getKey().questionId(),
              e.getValue().answeredBy(), e.getValue().answeredAt(), e.getValue().note()))
          .toList();
    }
  }

  @Override
  public QualityHistory qualityHistory() {
    return history;
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "BriefStore.inMemory(" + briefs.size() + " briefs, " + plans.size() + " plans)";
    }
  }
}
