package org.handoffbrief.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Gap;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Section;
import org.handoffbrief.render.JsonBriefReader;

/**
 * One stored version of a brief: the canonical JSON as it was made, and where it sits in the
 * opportunity's history.
 *
 * @param briefId stable id, {@code <opportunityId>/<kind>/v<version>}
 * @param accountId the CRM account
 * @param opportunityId the CRM opportunity
 * @param kind which brief of the account's life
 * @param version 1 for the first brief of this kind for the opportunity, then 2, 3...
 * @param storedAt when this version was stored
 * @param fingerprint {@link #fingerprint(HandoffBrief)} of the brief: equal when the content is
 * @param json the brief in its canonical JSON form ({@code docs/schema/})
 */
public record StoredBrief(String briefId, String accountId, String opportunityId, BriefKind kind, int version,
    Instant storedAt, String fingerprint, String json) {

  public StoredBrief {
    Text.notBlank(briefId, "briefId");
    Text.notBlank(accountId, "accountId");
    Text.notBlank(opportunityId, "opportunityId");
    Objects.requireNonNull(kind, "kind == null");
    if (version < 1) {
      throw new IllegalArgumentException("version " + version + " < 1");
    }
    Objects.requireNonNull(storedAt, "storedAt == null");
    Text.notBlank(fingerprint, "fingerprint");
    Text.notBlank(json, "json");
  }

  /** The id a brief of this opportunity, kind and version has in every store. */
  public static String briefId(String opportunityId, BriefKind kind, int version) {
    return opportunityId + "/" + kind.wireId() + "/v" + version;
  }

  /** The stored brief read back from its JSON. */
  public HandoffBrief brief() {
    return JsonBriefReader.create().read(json);
  }

  /**
   * A digest of what a reader sees in the brief: every claim (id, text, attributes, each
   * citation's evidence and quote) and every gap, section by section. When it is made, where
   * sources were slow and which call took how long are left out, so the same deal read twice gives
   * the same fingerprint and is not stored twice.
   */
  public static String fingerprint(HandoffBrief brief) {
    Objects.requireNonNull(brief, "brief == null");
    var sb = new StringBuilder(4096);
    sb.append(brief.opportunityId()).append('\u0000').append(brief.accountId()).append('\u0000');
    for (Section s : brief.sections().values()) {
      sb.append('\u0001').append(s.id().wireId()).append('\u0000').append(s.shown());
      for (Claim c : s.claims()) {
        sb.append('\u0002').append(c.id()).append('\u0000').append(c.text()).append('\u0000')
            .append(new java.util.TreeMap<>(c.attributes()));
        for (Citation cite : c.citations()) {
          sb.append('\u0003').append(cite.evidenceId()).append('\u0000').append(cite.start()).append('\u0000')
              .append(cite.quote());
        }
      }
      for (Gap g : s.gaps()) {
        sb.append('\u0004').append(g.code()).append('\u0000').append(g.message());
      }
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
