/**
 * The brief store in a database over plain JDBC: {@link org.handoffbrief.store.jdbc.JdbcBriefStore}.
 *
 * <p>H2 in a file is the embedded default ({@code JdbcBriefStore.h2File(path)}); PostgreSQL is
 * for production ({@code JdbcBriefStore.open(url, user, password)} or the host's pool through
 * {@code JdbcBriefStore.create(dataSource)}; the host adds the {@code org.postgresql:postgresql}
 * driver). The schema lives in versioned, Flyway-named scripts on the class path under
 * {@code db/handoff/h2/} and {@code db/handoff/postgresql/}; the store applies the missing ones
 * when it opens, under a lock, and records them in {@code handoff_schema_version}. A DBA who
 * migrates with their own tool runs the same scripts and opens the store with
 * {@code builder(...).migrate(false)}.
 *
 * <p>Tables, all prefixed {@code handoff_}: {@code brief} (versions per opportunity and kind),
 * {@code outbox_plan} and {@code outbox_write} (the write plan and each write's outcome and lease),
 * {@code audit}, {@code once} (idempotency keys), {@code checkpoint}, {@code gate_failure}
 * (the persistent {@link org.handoffbrief.quality.QualityHistory}), {@code review} and
 * {@code review_feedback} (each brief's review state and the reviewer's answers), {@code delivery}
 * (where each brief's message is) and {@code schema_version}.
 */
package org.handoffbrief.store.jdbc;
