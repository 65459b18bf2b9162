package dev.polity.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.norms.Constitution;
import dev.polity.norms.Norm;
import dev.polity.store.AuditRecord;
import dev.polity.store.GatewayStore;
import dev.polity.store.Review;
import dev.polity.store.RunRecord;
import dev.polity.store.RunStore;
import dev.polity.store.StoredAnswer;
import dev.polity.store.StoredVerdict;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The evidence pack for an auditor, over a period: the constitution versions in force (with the legal
 * citations of their norms, where the version is one of the constitutions given), the evaluation runs and
 * their verdicts per norm and jurisdiction, the gateway's decisions and the reviewers' overrides, the review
 * queue's outcomes, and the audit chain's verification, each mapped to the EU AI Act articles it serves
 * (Regulation (EU) 2024/1689: Art. 9 risk management, 12 record-keeping, 13 transparency to deployers,
 * 14 human oversight, 15 accuracy and robustness, 50 transparency towards people).
 *
 * @param sections the pack as ordered maps, lists and values: what {@code evidence.json} holds and the HTML index shows
 */
public record Evidence(Map<String, Object> sections) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What each article asks and which sections of the pack serve it. */
    public static final List<Map<String, Object>> ARTICLES = List.of(
            article("Art. 9", "Risk management system", "the norms in force and how each is enforced; evaluation runs against them",
                    List.of("constitutions", "evaluations")),
            article("Art. 12", "Record-keeping", "an automatic, tamper-evident log of every exchange: the audit chain and its verification",
                    List.of("audit_chain", "decisions")),
            article("Art. 13", "Transparency and information to deployers", "the constitution versions with their sources; what was decided and why",
                    List.of("constitutions", "decisions")),
            article("Art. 14", "Human oversight", "answers held for review, the reviewers' decisions, and overrides",
                    List.of("reviews", "decisions")),
            article("Art. 15", "Accuracy, robustness and cybersecurity", "evaluation results per norm and jurisdiction; undecided verdicts and how they failed",
                    List.of("evaluations", "decisions")),
            article("Art. 50", "Transparency obligations towards people", "disclosures appended under the AI-disclosure norms",
                    List.of("decisions")));

    private static Map<String, Object> article(String id, String title, String served, List<String> sections) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("article", id);
        m.put("title", title);
        m.put("served_by", served);
        m.put("sections", sections);
        return m;
    }

    /**
     * Assembles the pack.
     *
     * @param constitutions constitutions whose versions can be described (by their digest), e.g. the one the gateway serves
     * @param from          start of the period, inclusive (null: the beginning)
     * @param to            end of the period, exclusive (null: now)
     * @param generated     when the pack was made (the command's clock)
     */
    public static Evidence build(GatewayStore gateway, RunStore runs, List<Constitution> constitutions, Instant from, Instant to,
                                 Instant generated) {
        Map<String, Object> s = new LinkedHashMap<>();
        Map<String, Object> period = new LinkedHashMap<>();
        period.put("from", from == null ? null : GatewayStore.TIME.format(from));
        period.put("to", to == null ? null : GatewayStore.TIME.format(to));
        period.put("generated", GatewayStore.TIME.format(generated));
        s.put("period", period);

        List<AuditRecord> records = new ArrayList<>();
        gateway.export(from, to, records::add);
        Map<String, Constitution> known = new HashMap<>();
        constitutions.forEach(c -> known.put(c.digest(), c));
        s.put("constitutions", constitutions(records, known));
        s.put("evaluations", evaluations(runs, from, to));
        s.put("decisions", decisions(records));
        s.put("reviews", reviews(gateway, from, to));
        GatewayStore.Verification v = gateway.verify();
        Map<String, Object> chain = new LinkedHashMap<>();
        chain.put("intact", v.intact());
        chain.put("records", v.records());
        chain.put("records_in_period", records.size());
        chain.put("first_bad", v.firstBad());
        chain.put("problem", v.problem());
        chain.put("last_id", v.lastId());
        chain.put("last_hash", v.lastHash());
        s.put("audit_chain", chain);
        s.put("articles", ARTICLES);
        return new Evidence(s);
    }

    private static List<Map<String, Object>> constitutions(List<AuditRecord> records, Map<String, Constitution> known) {
        Map<String, long[]> seen = new TreeMap<>();
        Map<String, String[]> when = new HashMap<>();
        for (AuditRecord r : records) {
            JsonNode rec = read(r.record());
            List<String> digests = new ArrayList<>();
            if (rec.hasNonNull("constitution")) {
                digests.add(rec.get("constitution").asText());
            }
            rec.path("constitutions").forEach(d -> digests.add(d.asText()));
            for (String d : digests) {
                long[] n = seen.computeIfAbsent(d, k -> new long[1]);
                n[0] += r.kind().equals("decision") ? 1 : 0;
                String[] w = when.computeIfAbsent(d, k -> new String[] {r.time(), r.time()});
                w[1] = r.time();
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : seen.entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sha256", e.getKey());
            m.put("first_seen", when.get(e.getKey())[0]);
            m.put("last_seen", when.get(e.getKey())[1]);
            m.put("decisions", e.getValue()[0]);
            Constitution c = known.get(e.getKey());
            m.put("name", c == null ? null : c.name());
            m.put("version", c == null ? null : c.version());
            List<Map<String, Object>> norms = new ArrayList<>();
            if (c != null) {
                for (Norm n : c.norms()) {
                    Map<String, Object> nm = new LinkedHashMap<>();
                    nm.put("id", n.id());
                    nm.put("tier", n.tier());
                    nm.put("statement", n.statement());
                    nm.put("citation", n.source() == null ? null : n.source().citation());
                    nm.put("url", n.source() == null ? null : n.source().url());
                    norms.add(nm);
                }
            }
            m.put("norms", c == null ? null : norms);
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> evaluations(RunStore runs, Instant from, Instant to) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (runs == null) {
            return out;
        }
        List<String> ids = new ArrayList<>(runs.runIds());
        java.util.Collections.sort(ids);
        for (String id : ids) {
            RunRecord r = runs.run(id).orElseThrow();
            if (from != null && r.created().isBefore(from) || to != null && !r.created().isBefore(to)) {
                continue;
            }
            Map<String, String> jurisdictionOf = new HashMap<>();
            for (StoredAnswer a : r.answers()) {
                String ctx = a.item().context();
                jurisdictionOf.put(a.id(), ctx.contains("/") ? ctx.substring(0, ctx.indexOf('/')) : ctx);
            }
            Map<String, Map<String, Integer>> byNorm = new TreeMap<>();
            Map<String, Map<String, Integer>> byJurisdiction = new TreeMap<>();
            for (StoredVerdict v : r.verdicts()) {
                if (!v.detector().equals("ensemble")) {
                    continue;
                }
                byNorm.computeIfAbsent(v.normId(), k -> new TreeMap<>()).merge(v.outcome(), 1, Integer::sum);
                byJurisdiction.computeIfAbsent(jurisdictionOf.getOrDefault(v.answerId(), "?"), k -> new TreeMap<>())
                        .merge(v.outcome(), 1, Integer::sum);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run", id);
            m.put("created", r.created().toString());
            m.put("constitution_sha256", r.provenance().constitutionSha256());
            m.put("model", r.provenance().modelSpec());
            m.put("answers", r.answers().size());
            m.put("by_norm", byNorm);
            m.put("by_jurisdiction", byJurisdiction);
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> decisions(List<AuditRecord> records) {
        Map<String, Integer> byAction = new TreeMap<>();
        Map<String, Integer> byFailMode = new TreeMap<>();
        Map<String, Map<String, Integer>> byNorm = new TreeMap<>();
        Map<String, Integer> disclosures = new TreeMap<>();
        int total = 0;
        int shadow = 0;
        int passThrough = 0;
        int held = 0;
        for (AuditRecord r : records) {
            if (r.kind().equals("pass-through")) {
                passThrough++;
                continue;
            }
            if (!r.kind().equals("decision")) {
                continue;
            }
            total++;
            JsonNode rec = read(r.record());
            byAction.merge(r.action(), 1, Integer::sum);
            byFailMode.merge(rec.path("fail_mode").isNull() || rec.path("fail_mode").isMissingNode() ? "none" : rec.get("fail_mode").asText(), 1,
                    Integer::sum);
            shadow += rec.path("shadow").asBoolean(false) ? 1 : 0;
            held += r.action().equals("block") || r.action().equals("review") ? 1 : 0;
            for (JsonNode n : rec.path("norms")) {
                String action = n.path("action").asText();
                if (!action.equals("allow")) {
                    byNorm.computeIfAbsent(n.path("id").asText(), k -> new TreeMap<>()).merge(action, 1, Integer::sum);
                }
                if (action.equals("disclose")) {
                    disclosures.merge(n.path("id").asText(), 1, Integer::sum);
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", total);
        m.put("held", held);
        m.put("shadow", shadow);
        m.put("pass_through", passThrough);
        m.put("by_action", byAction);
        m.put("by_fail_mode", byFailMode);
        m.put("actions_by_norm", byNorm);
        m.put("disclosures_by_norm", disclosures);
        return m;
    }

    private static Map<String, Object> reviews(GatewayStore gateway, Instant from, Instant to) {
        String start = from == null ? "" : GatewayStore.TIME.format(from);
        String end = to == null ? "~" : GatewayStore.TIME.format(to);
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byResolution = new TreeMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Review r : gateway.reviews(null, null)) {
            if (r.created().compareTo(start) < 0 || r.created().compareTo(end) >= 0) {
                continue;
            }
            byStatus.merge(r.status(), 1, Integer::sum);
            if (r.resolution() != null) {
                byResolution.merge(r.resolution(), 1, Integer::sum);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("created", r.created());
            m.put("tenant", r.tenant());
            m.put("context", r.context());
            m.put("action", r.action());
            m.put("fail_mode", r.failMode());
            m.put("status", r.status());
            m.put("resolution", r.resolution());
            m.put("note", r.note());
            m.put("resolved_by", r.resolvedBy());
            m.put("resolved_at", r.resolvedAt());
            list.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("by_status", byStatus);
        m.put("by_resolution", byResolution);
        // a reviewer who approves an answer the guard held overrides the guard
        m.put("overrides", byResolution.getOrDefault("approve", 0));
        m.put("list", list);
        return m;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
