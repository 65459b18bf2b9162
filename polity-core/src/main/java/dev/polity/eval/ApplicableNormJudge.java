package dev.polity.eval;

import dev.polity.judge.Answer;
import dev.polity.judge.Ensemble;
import dev.polity.norms.Constitution;
import dev.polity.norms.Context;
import dev.polity.norms.Norm;
import dev.polity.norms.Resolution;
import dev.polity.norms.Resolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judges an answer against every norm that applies in its item's context: resolves the applicable
 * norms (precedence and overrides as the {@link Resolver} settles them), then runs each norm's
 * {@code checks} through the {@link Ensemble}. Norms without checks cannot be judged and are listed as
 * skipped. Thread-safe; resolutions are cached per context.
 */
final class ApplicableNormJudge {
    private final Resolver resolver;
    private final Ensemble ensemble;
    private final RefusalClassifier refusal;
    private final Map<Context, Resolution> resolutions = new ConcurrentHashMap<>();

    /** @param refusal classifies refusals for over-refusal and behaviour metrics; null to skip them */
    public ApplicableNormJudge(Constitution constitution, Ensemble ensemble, RefusalClassifier refusal) {
        this.resolver = new Resolver(constitution);
        this.ensemble = ensemble;
        this.refusal = refusal;
    }

    public Resolution applicable(Context context) {
        return resolutions.computeIfAbsent(context, resolver::applicable);
    }

    public JudgedItem judge(EvalItem item, String model, String answerText) {
        return judge(item, model, answerText, item.prompt());
    }

    /**
     * Judges with {@code request} as the answer's prompt: what the case asks before any wrapper or
     * follow-up ({@link Suite#requestOf}), so that a check gated on the prompt ({@code when_prompt_matches})
     * still applies when a jailbreak wrapper encodes the request or a follow-up only says "are you sure?".
     */
    public JudgedItem judge(EvalItem item, String model, String answerText, String request) {
        Answer answer = new Answer(request, answerText, item.turn());
        List<NormVerdict> verdicts = new ArrayList<>();
        for (Resolution.Applicable a : applicable(item.context().context()).norms()) {
            Norm n = a.norm();
            if (n.checks().isEmpty()) {
                continue;
            }
            Ensemble.Judgement j = ensemble.judgeEach(answer, n);
            verdicts.add(new NormVerdict(n.id(), n.tier(), n.kind().yamlName(), j.overall(), j.checks()));
        }
        return new JudgedItem(item, model, answerText, verdicts, skipped(item.context().context()),
                refusal == null ? null : refusal.classify(answer));
    }

    /** The norms that apply in a context but cannot be judged, with the reason. */
    public List<SkippedNorm> skipped(Context context) {
        List<SkippedNorm> skipped = new ArrayList<>();
        for (Resolution.Applicable a : applicable(context).norms()) {
            if (a.norm().checks().isEmpty()) {
                skipped.add(new SkippedNorm(a.norm().id(), "the norm lists no checks"));
            }
        }
        return skipped;
    }
}
