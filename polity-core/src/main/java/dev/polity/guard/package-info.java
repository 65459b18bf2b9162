/**
 * Run-time enforcement: the {@link dev.polity.guard.Guard} checks a prompt and an answer in a context
 * against the norms that apply there (resolved once per constitution version and context), with the
 * ensemble of detectors from {@code judge}, and decides per norm and overall (allow, disclose, redact,
 * review, block) under the {@link dev.polity.guard.Enforcement} of the gateway's configuration
 * ({@link dev.polity.guard.GuardConfig}); fail-closed and shadow mode are decided here, and so is the
 * hold-back of a streamed answer ({@link dev.polity.guard.StreamCheck}). No HTTP: the gateway, {@code polity
 * check} and the LangChain4j adapters call it. Uses {@code input}, {@code norms}, {@code judge},
 * {@code judge.embed}, {@code model} (the LLM judge's model) and {@code store} (the audit log, keys,
 * tenants and the review queue).
 *
 * <p>A new gateway action is a constant of {@link dev.polity.guard.Action} and its case in
 * {@link dev.polity.guard.Guard}; a new detector needs nothing here (the registry in {@code judge} brings it).
 */
package dev.polity.guard;
