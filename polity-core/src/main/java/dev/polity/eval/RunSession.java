package dev.polity.eval;

import dev.polity.model.AnswerSource;
import dev.polity.norms.Constitution;
import dev.polity.store.PlannedRequest;
import dev.polity.store.RunStore;
import java.util.List;
import java.util.function.Function;

/**
 * One session of work on a run, from its start or a resumption: plans what the store lacks, asks what is
 * unanswered ({@link AnswerScheduler}) while judging what is answered ({@link JudgingWorker}), and sums up.
 * Everything it learns is in the store by the time it returns or throws, so the next session continues
 * where this one stopped.
 *
 * @param models     the run's models as written, by position
 * @param sources    the sources that answer them, by the same positions
 * @param judgeModel opens the LLM judge's model from the suite's {@code judge.model} spec
 */
record RunSession(RunStore store, String runId, Suite suite, Constitution constitution, List<String> models,
                  List<AnswerSource> sources, RunSettings settings, EvalRun.Judges judges,
                  Function<String, AnswerSource> judgeModel, RunListener listener) {

    RunSummary execute() {
        RunPlan plan = new RunPlan(suite, sources.stream().map(AnswerSource::name).toList(), settings, store.answers(runId));
        // a first session plans every first turn; a later one the follow-ups of answers stored before it was killed
        store.plan(runId, plan.requests());
        List<JudgingWorker.ToJudge> unjudged = JudgingWorker.unjudged(store, runId, plan);
        List<PlannedRequest> work = plan.inOrder(runId, store.unanswered(runId));
        listener.planned(work.size() + unjudged.size());

        JudgePanel panel = judges.forSuite(suite, judgeModel);
        SessionFault fault = new SessionFault();
        JudgingWorker judging = new JudgingWorker(store, panel, suite, models, listener,
                new ApplicableNormJudge(constitution, panel.ensemble(), panel.refusal()), fault);
        AnswerScheduler answers = new AnswerScheduler(store, runId, plan, models, sources, settings, judging::judge, listener, fault);
        try {
            judging.start();
            unjudged.forEach(judging::judge);
            work.forEach(answers::submit);
            answers.awaitAll();
        } finally {
            answers.stop();
            judging.finish();
            panel.close();
        }
        fault.rethrow();
        RecordedRun r = new RecordedRun(store.run(runId).orElseThrow(), suite, constitution, models, null, settings);
        return new RunSummary(runId, plan.size(), r.record().answers().size(), answers.fromModel(), answers.fromCache(),
                store.unanswered(runId).size(), answers.failures(), answers.stopped(), r.results());
    }
}
