/**
 * Evaluation: suites (cases, contexts, probes, gates), the probes that turn cases into items, the runner
 * that asks models and judges their answers, and the metrics and gate over the judged items. Uses
 * {@code norms}, {@code judge}, {@code model} and {@code store}; {@code report} draws its results.
 *
 * <p>A new probe is one class implementing {@link dev.polity.eval.Probe} with a {@code static final
 * PluginInfo INFO}, and one line in {@link dev.polity.eval.Probes#REGISTRY}. The runner's public face is
 * {@link dev.polity.eval.EvalRun}; its rooms are package-private: {@code RunPlan}, {@code RunSession},
 * {@code AnswerScheduler}, {@code SharedRequests}, {@code FailureStreaks}, {@code JudgingWorker} and
 * {@code RecordedRun}.
 */
package dev.polity.eval;
