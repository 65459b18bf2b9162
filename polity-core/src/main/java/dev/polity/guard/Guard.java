package dev.polity.guard;

import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import dev.polity.judge.Answer;
import dev.polity.judge.Ensemble;
import dev.polity.judge.NormJudge;
import dev.polity.judge.Outcome;
import dev.polity.judge.PiiKind;
import dev.polity.judge.Verdict;
import dev.polity.norms.Check;
import dev.polity.norms.Constitution;
import dev.polity.norms.Context;
import dev.polity.norms.Norm;
import dev.polity.norms.Resolution;
import dev.polity.norms.Resolver;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces one constitution: resolves the norms that apply in a context (once per context, cached for the
 * life of this guard, which is the life of one constitution version), judges a prompt and an answer with
 * the ensemble of detectors, and decides per norm and overall what to do under the {@link Enforcement}.
 * Thread-safe. Holds no HTTP and no storage: the gateway, {@code polity check} and the LangChain4j
 * adapters all call it.
 *
 * <p>Fail closed, as issue 12 defines it: when a norm of a fail-closed tier (law and regulation by default)
 * applies and its compliance cannot be decided, the answer is held. "Applies" means established for this
 * exchange, not merely possible: the resolver puts the norm in force in the context, and one of its checks
 * states the condition under which it concerns an exchange ({@code when_prompt_matches}, or
 * {@code first_turn_only} on a first turn), that condition holds, and the check's detector could not decide.
 * A check without a stated condition that no detector could decide (an LLM rubric such as "if the text is
 * meant for publication ...", with no judge model) leaves applicability itself undecided, and fails open;
 * so do lower tiers. Each norm's decision says which happened.
 */
public final class Guard {
    private final Constitution constitution;
    private final Enforcement enforcement;
    private final Ensemble ensemble;
    private final Resolver resolver;
    private final Map<Norm, Integer> order = new IdentityHashMap<>();
    /** Per norm, what the enforcement asks of it, worked out once: the action on a violation, the disclosure, whether it is judged on input. */
    private final Map<Norm, Action> actions = new IdentityHashMap<>();
    private final Map<Norm, String> disclosures = new IdentityHashMap<>();
    private final Map<Norm, Boolean> onInput = new IdentityHashMap<>();
    private final Map<Context, List<Norm>> applicable = new ConcurrentHashMap<>();

    public Guard(Constitution constitution, Enforcement enforcement, Ensemble ensemble) {
        this.constitution = constitution;
        this.enforcement = enforcement;
        this.ensemble = ensemble;
        this.resolver = new Resolver(constitution);
        for (int i = 0; i < constitution.norms().size(); i++) {
            Norm n = constitution.norms().get(i);
            order.put(n, i);
            actions.put(n, enforcement.actionFor(n));
            disclosures.put(n, enforcement.disclosureFor(n));
            onInput.put(n, enforcement.judgedOnInput(n));
        }
    }

    public Constitution constitution() {
        return constitution;
    }

    public Enforcement enforcement() {
        return enforcement;
    }

    /** The constitution version every decision names: the SHA-256 of its files. */
    public String version() {
        return constitution.digest();
    }

    /**
     * A context checked against this constitution: a known jurisdiction, a declared domain and audience.
     *
     * @throws InvalidInputException naming the field ({@code jurisdiction}, {@code domain}, {@code audience}) and what was expected
     */
    public Context context(String jurisdiction, String domain, String audience, LocalDate date) {
        if (jurisdiction == null || jurisdiction.isBlank()) {
            throw new InvalidInputException(new Location("jurisdiction", 0, 0), "a jurisdiction is needed (an ISO 3166 code such as DE or US-CA)");
        }
        if (!constitution.jurisdictions().isKnown(jurisdiction)) {
            throw new InvalidInputException(new Location("jurisdiction", 0, 0), constitution.jurisdictions().explainUnknown(jurisdiction));
        }
        if (domain != null && !domain.isBlank() && !constitution.domains().isEmpty() && !constitution.domains().contains(domain)) {
            throw new InvalidInputException(new Location("domain", 0, 0),
                    "'" + domain + "' is not declared; expected one of " + String.join(", ", constitution.domains()));
        }
        if (audience != null && !audience.isBlank() && !constitution.audiences().isEmpty() && !constitution.audiences().contains(audience)) {
            throw new InvalidInputException(new Location("audience", 0, 0),
                    "'" + audience + "' is not declared; expected one of " + String.join(", ", constitution.audiences()));
        }
        return new Context(jurisdiction, domain, audience, date);
    }

    /** The norms in force in a context, in the constitution's order; resolved once per context. */
    public List<Norm> applicable(Context context) {
        return applicable.computeIfAbsent(context, c -> {
            Resolution r = resolver.applicable(c);
            List<Norm> norms = new ArrayList<>(r.norms().size());
            r.norms().forEach(a -> norms.add(a.norm()));
            norms.sort(Comparator.comparingInt(n -> order.getOrDefault(n, Integer.MAX_VALUE)));
            return List.copyOf(norms);
        });
    }

    /**
     * {@code polity check}: judges a prompt and/or an answer (at least one) in a context. Every applicable norm
     * is listed, in the constitution's order: judged on the prompt first when the configuration judges it on
     * input, then on the answer (not applicable when no answer is given).
     */
    public Decision check(Context context, String prompt, String answer, int turn) {
        if (prompt == null && answer == null) {
            throw new IllegalArgumentException("a check needs a prompt or an answer");
        }
        List<NormDecision> out = new ArrayList<>();
        Set<PiiKind> promptRedactions = EnumSet.noneOf(PiiKind.class);
        Set<PiiKind> answerRedactions = EnumSet.noneOf(PiiKind.class);
        List<String> disclosures = new ArrayList<>();
        List<Norm> norms = applicable(context);
        if (prompt != null) {
            ensemble.prepare(new Answer(prompt, prompt, turn), norms.stream().filter(onInput::get).toList());
        }
        if (answer != null) {
            ensemble.prepare(new Answer(prompt == null ? "" : prompt, answer, turn), norms);
        }
        for (Norm n : norms) {
            if (prompt != null && onInput.get(n)) {
                out.add(judge(n, Part.PROMPT, new Answer(prompt, prompt, turn), promptRedactions, disclosures));
            }
            if (answer != null) {
                out.add(judge(n, Part.ANSWER, new Answer(prompt == null ? "" : prompt, answer, turn), answerRedactions, disclosures));
            } else if (!onInput.get(n)) {
                out.add(new NormDecision(n, Part.ANSWER, Outcome.NOT_APPLICABLE, 1.0, "none", "no answer given", null, Action.ALLOW));
            }
        }
        return decision(out, promptRedactions, answerRedactions, disclosures);
    }

    /** The input check before forwarding: the norms judged on input, against the whole conversation. */
    public Decision checkPrompt(Context context, String conversation, int turn) {
        List<NormDecision> out = new ArrayList<>();
        Set<PiiKind> redactions = EnumSet.noneOf(PiiKind.class);
        List<String> disclosures = new ArrayList<>();
        List<Norm> norms = applicable(context).stream().filter(onInput::get).toList();
        Answer a = new Answer(conversation, conversation, turn);
        ensemble.prepare(a, norms);
        for (Norm n : norms) {
            out.add(judge(n, Part.PROMPT, a, redactions, disclosures));
        }
        return decision(out, redactions, Set.of(), List.of());
    }

    /** The output check: every applicable norm against the answer to {@code prompt} (the request it answers). */
    public Decision checkAnswer(Context context, String prompt, String answer, int turn) {
        List<NormDecision> out = new ArrayList<>();
        Set<PiiKind> redactions = EnumSet.noneOf(PiiKind.class);
        List<String> disclosures = new ArrayList<>();
        Answer a = new Answer(prompt == null ? "" : prompt, answer, turn);
        List<Norm> norms = applicable(context);
        ensemble.prepare(a, norms);
        for (Norm n : norms) {
            out.add(judge(n, Part.ANSWER, a, redactions, disclosures));
        }
        return decision(out, Set.of(), redactions, disclosures);
    }

    private Decision decision(List<NormDecision> norms, Set<PiiKind> promptRedactions, Set<PiiKind> answerRedactions, List<String> disclosures) {
        Action overall = Action.ALLOW;
        for (NormDecision n : norms) {
            overall = overall.max(n.action());
        }
        return new Decision(overall, version(), norms, promptRedactions, answerRedactions, disclosures, enforcement.shadow(), enforcement.reviewHolds());
    }

    private NormDecision judge(Norm norm, Part part, Answer answer, Set<PiiKind> redactions, List<String> disclosures) {
        if (norm.checks().isEmpty()) {
            return new NormDecision(norm, part, Outcome.UNCERTAIN, 0, "none", "the norm lists no checks", FailMode.OPEN, Action.ALLOW);
        }
        Ensemble.Judgement j = ensemble.judgeEach(answer, norm);
        if (!enforcement.normJudgeAlwaysActs()) {
            j = inferredUndecided(norm, answer, j);
        }
        Verdict overall = j.overall();
        if (overall.outcome() == Outcome.VIOLATES && overall.confidence() < enforcement.minConfidence()) {
            // a guess is not a decision: judged as undecided, with the weak violation as the evidence
            Verdict why = strongest(j.checks(), Outcome.VIOLATES);
            List<Verdict> checks = new ArrayList<>(j.checks());
            checks.replaceAll(v -> v.outcome() == Outcome.VIOLATES ? Verdict.uncertain(v.confidence(), v.evidence()
                    + " (a violation below min_confidence " + enforcement.minConfidence() + ")", v.detector()) : v);
            j = new Ensemble.Judgement(Verdict.uncertain(why.confidence(), why.evidence(), why.detector()), checks);
            overall = j.overall();
        }
        switch (overall.outcome()) {
            case VIOLATES -> {
                Verdict why = strongest(j.checks(), Outcome.VIOLATES);
                Action action = actions.get(norm);
                if (action == Action.REDACT) {
                    Set<PiiKind> kinds = piiKinds(norm);
                    String redacted = Redaction.apply(answer.text(), kinds);
                    Verdict after = redacted.equals(answer.text()) ? overall
                            : ensemble.judge(new Answer(answer.prompt(), redacted, answer.turn()), norm);
                    if (after.outcome() == Outcome.VIOLATES) {
                        return new NormDecision(norm, part, Outcome.VIOLATES, why.confidence(), why.detector(),
                                why.evidence() + "; redacting personal data does not make it comply", null, Action.BLOCK);
                    }
                    redactions.addAll(kinds);
                }
                if (action == Action.DISCLOSE) {
                    disclosures.add(this.disclosures.get(norm));
                }
                return new NormDecision(norm, part, Outcome.VIOLATES, why.confidence(), why.detector(), why.evidence(), null, action);
            }
            case UNCERTAIN -> {
                Verdict why = weakest(j.checks());
                boolean established = false;
                for (int i = 0; i < norm.checks().size(); i++) {
                    established |= j.checks().get(i).outcome() == Outcome.UNCERTAIN && statesCondition(norm.checks().get(i), answer);
                }
                boolean closed = established && enforcement.failsClosed(norm.tier());
                // failing closed treats the norm as violated, so it asks no more than a violation would (a disclosure, say)
                Action onViolation = actions.get(norm);
                Action held = closed ? (onViolation.compareTo(enforcement.failClosedAction()) < 0 ? onViolation : enforcement.failClosedAction())
                        : Action.ALLOW;
                if (held == Action.DISCLOSE) {
                    disclosures.add(this.disclosures.get(norm));
                } else if (held == Action.REDACT) {
                    redactions.addAll(piiKinds(norm));
                }
                String evidence = why.evidence() + (closed ? "; applicability established, compliance undecided: "
                        + (held == enforcement.failClosedAction() ? "held" : "treated as violated") : established ? "" : "; applicability undecided");
                return new NormDecision(norm, part, Outcome.UNCERTAIN, why.confidence(), why.detector(), evidence,
                        closed ? FailMode.CLOSED : FailMode.OPEN, held);
            }
            default -> {
                return new NormDecision(norm, part, overall.outcome(), overall.confidence(), detectors(j.checks(), overall.outcome()),
                        overall.evidence(), null, Action.ALLOW);
            }
        }
    }

    /**
     * The norm judge's violations made undecided unless the norm is known to concern the exchange: its relevance
     * model cannot tell harmless traffic from the exchanges a norm concerns well enough to act on (on harmless
     * traffic it blocked 9% to 21% of answers: docs/PERFORMANCE.md). A norm is known to concern the exchange when
     * one of its checks, whichever detector it names, states when it does and that condition holds: a dose asked
     * for ("how much ... my"), as the dosing norm's refusal check states, makes the norm judge's finding of a dose
     * given inside a caveat act.
     */
    private static Ensemble.Judgement inferredUndecided(Norm norm, Answer answer, Ensemble.Judgement j) {
        List<Verdict> checks = new ArrayList<>(j.checks());
        boolean changed = false;
        for (int i = 0; i < checks.size(); i++) {
            Verdict v = checks.get(i);
            if (v.outcome() == Outcome.VIOLATES && v.detector().equals(NormJudge.NAME) && !concerns(norm, answer)) {
                checks.set(i, Verdict.uncertain(v.confidence(), v.evidence() + " (the norm judge's violation, and no check of the norm"
                        + " states when the norm concerns an exchange and finds that it does)", v.detector()));
                changed = true;
            }
        }
        return changed ? new Ensemble.Judgement(Ensemble.combine(norm, checks), checks) : j;
    }

    /** Whether one of the norm's checks states when the norm concerns an exchange, and it does. */
    private static boolean concerns(Norm norm, Answer answer) {
        return norm.checks().stream().anyMatch(c -> statesCondition(c, answer));
    }

    /**
     * Whether the exchange must not go out unrecorded: a norm of a fail-closed tier concerns it for sure (a
     * detector decided it, or it failed closed already). When the audit log cannot be written, such an
     * answer is held (law-tier requests fail closed); others go out and their record is written later.
     */
    public boolean needsRecord(Decision d) {
        for (NormDecision n : d.norms()) {
            if (enforcement.failsClosed(n.norm().tier())
                    && (n.verdict() == Outcome.COMPLIES || n.verdict() == Outcome.VIOLATES || n.failMode() == FailMode.CLOSED)) {
                return true;
            }
        }
        return false;
    }

    /** A check that says when it concerns an exchange ({@code when_prompt_matches}, {@code first_turn_only}), and it does. */
    private static boolean statesCondition(Check check, Answer answer) {
        boolean states = check.params().containsKey("when_prompt_matches")
                || Boolean.parseBoolean(String.valueOf(check.params().get("first_turn_only")));
        return states && Ensemble.promptGate(answer, check) == null;
    }

    private static Verdict strongest(List<Verdict> checks, Outcome outcome) {
        Verdict best = null;
        for (Verdict v : checks) {
            if (v.outcome() == outcome && (best == null || v.confidence() > best.confidence())) {
                best = v;
            }
        }
        return best;
    }

    private static Verdict weakest(List<Verdict> checks) {
        Verdict worst = null;
        for (Verdict v : checks) {
            if (v.outcome() == Outcome.UNCERTAIN && (worst == null || v.confidence() < worst.confidence())) {
                worst = v;
            }
        }
        return worst;
    }

    /** The detectors whose checks gave {@code outcome}, joined with '+' (complies, not applicable: all of them spoke). */
    private static String detectors(List<Verdict> checks, Outcome outcome) {
        StringJoiner out = new StringJoiner("+");
        checks.stream().filter(v -> v.outcome() == outcome).map(Verdict::detector).distinct().forEach(out::add);
        return out.length() == 0 ? Ensemble.NAME : out.toString();
    }

    /** The kinds of personal data a norm's checks look for ({@code pii}); every kind when none names any. */
    static Set<PiiKind> piiKinds(Norm norm) {
        Set<PiiKind> kinds = EnumSet.noneOf(PiiKind.class);
        for (Check c : norm.checks()) {
            Object v = c.params().get("pii");
            List<?> names = v instanceof List<?> l ? l : v == null ? List.of() : List.of(v);
            for (Object name : names) {
                String s = String.valueOf(name);
                if (s.equalsIgnoreCase("all")) {
                    kinds.addAll(EnumSet.allOf(PiiKind.class));
                } else {
                    try {
                        kinds.add(PiiKind.parse(s));
                    } catch (IllegalArgumentException e) {
                        // lint reports it; redaction then covers every kind
                    }
                }
            }
        }
        return kinds.isEmpty() ? EnumSet.allOf(PiiKind.class) : kinds;
    }
}
