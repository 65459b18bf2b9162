package dev.polity.reward;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A batch in OpenRLHF's remote reward model protocol (OpenRLHF, {@code openrlhf/utils/agent.py},
 * {@code SingleTurnAgentExecutor._fetch_rewards_via_http}, and {@code openrlhf/cli/serve_rm.py}): the trainer posts
 * {@code {"query": [...], "prompts": [...], "labels": [...]}} where each query is the prompt followed by the
 * response, decoded from the trainer's tokens with special tokens kept; it reads {@code rewards}, {@code scores}
 * (in [0, 1], for dynamic filtering) and {@code extra_logs} (each a list of numbers, one per query, logged as
 * metrics). Labels are not used.
 *
 * <p>The answer is the query with its prompt removed: {@code query[i]} minus the prefix {@code prompts[i]}. When
 * the prompt is not a prefix (a tokenizer that does not decode it back exactly), the answer is what follows the
 * prompt's first occurrence in the query; when the query does not contain it at all, the whole query is scored as
 * the answer, and {@code extra_logs.prompt_not_prefix} is 1 for that item (0 otherwise), so the trainer's logs show
 * it. Without {@code prompts} each query is an answer to an empty prompt. Chat-template markers in the answer (the
 * end-of-turn token the trainer decodes with it) and the whitespace around it are removed ({@link Dialogue#answer}).
 */
public record RewardBatch(List<SocietalReward.Exchange> exchanges, List<Boolean> promptNotPrefix) {

    public RewardBatch {
        exchanges = List.copyOf(exchanges);
        promptNotPrefix = List.copyOf(promptNotPrefix);
    }

    /**
     * @throws InvalidInputException naming the field ({@code query}, {@code prompts}) and what was expected
     */
    public static RewardBatch parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException(null, "expected a JSON object {\"query\": [...], \"prompts\": [...]}");
        }
        List<String> queries = strings(body, "query");
        if (queries == null) {
            throw new InvalidInputException(new Location("query", 0, 0), "query: missing; expected a list of strings, each the prompt followed by the response");
        }
        List<String> prompts = strings(body, "prompts");
        if (prompts != null && prompts.size() != queries.size()) {
            throw new InvalidInputException(new Location("prompts", 0, 0), "prompts: expected one per query (" + queries.size() + "), got " + prompts.size());
        }
        List<SocietalReward.Exchange> out = new ArrayList<>(queries.size());
        List<Boolean> flagged = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            String q = queries.get(i);
            String p = prompts == null ? "" : prompts.get(i);
            int at = q.startsWith(p) ? 0 : q.indexOf(p);
            if (at < 0) {
                out.add(new SocietalReward.Exchange(p, Dialogue.answer(q)));
                flagged.add(true);
            } else {
                out.add(new SocietalReward.Exchange(p, Dialogue.answer(q.substring(at + p.length()))));
                flagged.add(at > 0);
            }
        }
        return new RewardBatch(out, flagged);
    }

    private static List<String> strings(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new InvalidInputException(new Location(field, 0, 0), field + ": expected a list of strings, got " + kind(v));
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode s = v.get(i);
            if (!s.isTextual()) {
                throw new InvalidInputException(new Location(field, 0, 0), field + "[" + i + "]: expected a string, got " + kind(s));
            }
            out.add(s.asText());
        }
        return out;
    }

    private static String kind(JsonNode n) {
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /**
     * The response: {@code rewards}; {@code scores}, each reward clipped to [0, 1] (the preference when no norm is
     * violated, 0 under a lexicographic violation); and {@code extra_logs}, the decomposition as lists of numbers:
     * {@code preference}, {@code shared}, {@code group/COLUMN=GROUP} (each head's utility), {@code penalty},
     * {@code penalty/TIER}, {@code lexicographic_violations}, {@code uncertain_norms}, {@code norm/ID} (the
     * penalty of each norm violated or uncertain somewhere in the batch), {@code prompt_not_prefix}.
     */
    public Map<String, Object> response(List<Reward> rewards) {
        int n = rewards.size();
        List<Double> r = new ArrayList<>(n);
        List<Double> scores = new ArrayList<>(n);
        Map<String, double[]> logs = new TreeMap<>();
        for (int k = 0; k < n; k++) {
            int i = k;
            Reward w = rewards.get(i);
            r.add(Reward.round(w.reward()));
            scores.add(Reward.round(Math.max(0, Math.min(1, w.reward()))));
            log(logs, "preference", n)[i] = w.preference();
            log(logs, "shared", n)[i] = w.shared();
            w.groups().forEach((g, u) -> log(logs, "group/" + g, n)[i] = u);
            log(logs, "penalty", n)[i] = w.penalty();
            w.penaltyByTier().forEach((t, p) -> log(logs, "penalty/" + t, n)[i] = p);
            log(logs, "lexicographic_violations", n)[i] = w.lexicographicViolations();
            log(logs, "uncertain_norms", n)[i] = w.uncertain().size();
            for (NormPenalties.Charged c : w.norms()) {
                log(logs, "norm/" + c.norm(), n)[i] = c.penalty();
            }
            log(logs, "prompt_not_prefix", n)[i] = promptNotPrefix.get(i) ? 1 : 0;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        logs.forEach((k, v) -> {
            List<Double> l = new ArrayList<>(v.length);
            for (double x : v) {
                l.add(Reward.round(x));
            }
            extra.put(k, l);
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rewards", r);
        m.put("scores", scores);
        m.put("extra_logs", extra);
        return m;
    }

    private static double[] log(Map<String, double[]> logs, String key, int n) {
        return logs.computeIfAbsent(key, k -> new double[n]);
    }
}
