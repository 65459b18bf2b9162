package dev.polity.eval;

import dev.polity.model.AnswerRequest;
import dev.polity.store.PlannedRequest;
import dev.polity.store.RunItem;
import dev.polity.store.StoredAnswer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The items of a run: the suite's first turns for each model, and the follow-ups its answers lead to.
 * Follow-ups arrive while the models answer, from several threads; this plan is the one place that
 * knows which items exist, so a follow-up is planned once however many threads find it.
 */
final class RunPlan {
    /** An item of a run for one model; {@code order} is the first turn's position in the suite's items. */
    record Target(EvalItem item, int model, int order) {
        static final Comparator<Target> ORDER = Comparator.comparingInt(Target::order).thenComparingInt(t -> t.item.turn())
                .thenComparingInt(Target::model);

        RunItem runItem() {
            return RunPlan.runItem(item, model);
        }
    }

    private final List<Probe> probes;
    private final List<String> sourceNames;
    private final RunSettings settings;
    private final Map<RunItem, Target> targets;

    /**
     * @param sourceNames the name of each model's answer source, in the run's order (part of every request hash)
     * @param answers     the answers stored so far, whose follow-ups belong to the plan
     */
    RunPlan(Suite suite, List<String> sourceNames, RunSettings settings, List<StoredAnswer> answers) {
        this.probes = suite.builtProbes();
        this.sourceNames = List.copyOf(sourceNames);
        this.settings = settings;
        this.targets = new ConcurrentHashMap<>(targets(suite, sourceNames.size(), answers));
    }

    /** Every item known so far, with its request. */
    List<PlannedRequest> requests() {
        List<PlannedRequest> out = new ArrayList<>();
        for (Target t : targets.values()) {
            out.add(request(t));
        }
        return out;
    }

    /** How many items the plan holds so far. */
    int size() {
        return targets.size();
    }

    /** The item stored under {@code key}; null when the suite does not make it. */
    Target target(RunItem key) {
        return targets.get(key);
    }

    /**
     * The stored plan's unanswered requests in the order they are asked (suite order, turn, model).
     *
     * @throws IllegalStateException when the store plans an item the suite does not make
     */
    List<PlannedRequest> inOrder(String runId, List<PlannedRequest> unanswered) {
        List<PlannedRequest> out = new ArrayList<>(unanswered);
        for (PlannedRequest p : out) {
            if (targets.get(p.item()) == null) {
                throw new IllegalStateException("run " + runId + " plans " + p.item() + ", which its suite does not make");
            }
        }
        out.sort(Comparator.comparing((PlannedRequest p) -> targets.get(p.item()), Target.ORDER));
        return out;
    }

    /** The follow-ups {@code answer} to {@code t} leads to that no thread has planned yet, with their requests. */
    List<PlannedRequest> grow(Target t, String answer) {
        List<PlannedRequest> out = new ArrayList<>();
        for (Target n : followUps(probes, t, answer)) {
            if (targets.putIfAbsent(n.runItem(), n) == null) {
                out.add(request(n));
            }
        }
        return out;
    }

    private PlannedRequest request(Target t) {
        AnswerRequest r = new AnswerRequest(t.item.conversation(), settings.temperature(), settings.seed(), settings.maxTokens());
        return new PlannedRequest(t.runItem(), r.hash(sourceNames.get(t.model)), r);
    }

    /**
     * How an item is keyed in the store: case, context name, and {@code probe/variant/turn#model}, where
     * model is the model's position in the run's list (the store keeps one answer per key).
     */
    static RunItem runItem(EvalItem item, int model) {
        return new RunItem(item.caseId(), item.context().name(), item.probe() + "/" + item.variant() + "/" + item.turn() + "#" + model);
    }

    /** Every item of a run: the suite's first turns for each model, and the follow-ups the stored answers lead to. */
    static Map<RunItem, Target> targets(Suite suite, int models, List<StoredAnswer> answers) {
        Map<RunItem, Target> out = new LinkedHashMap<>();
        List<EvalItem> first = suite.items();
        for (int i = 0; i < first.size(); i++) {
            for (int m = 0; m < models; m++) {
                Target t = new Target(first.get(i), m, i);
                out.putIfAbsent(t.runItem(), t);
            }
        }
        List<Probe> probes = suite.builtProbes();
        boolean grew = true;
        Set<RunItem> expanded = new HashSet<>();
        while (grew) {
            grew = false;
            for (StoredAnswer a : answers) {
                Target t = out.get(a.item());
                if (t == null || !expanded.add(a.item())) {
                    continue;
                }
                for (Target next : followUps(probes, t, a.answer().text())) {
                    grew |= out.putIfAbsent(next.runItem(), next) == null;
                }
            }
        }
        return out;
    }

    private static List<Target> followUps(List<Probe> probes, Target t, String answer) {
        List<Target> out = new ArrayList<>();
        for (Probe p : probes) {
            p.followUp(t.item, answer).ifPresent(n -> out.add(new Target(n, t.model, t.order)));
        }
        return out;
    }
}
