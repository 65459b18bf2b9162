package dev.polity.guard;

import dev.polity.judge.Outcome;
import dev.polity.judge.PiiKind;
import dev.polity.norms.Context;
import java.util.EnumSet;
import java.util.Set;

/**
 * Enforcement on an answer that arrives in pieces (a streamed completion). The text so far is checked every
 * {@code window} new characters against the prohibitions that apply (must not, should not: a violation
 * shows as soon as its words arrive); only checked text is released, and the last {@code holdback}
 * characters of it are kept back, so a violation whose evidence starts within the hold-back of the last
 * check is caught before any of it leaves. When a window is held (blocked or sent to review) nothing more
 * is released and the caller ends the stream cleanly. The whole answer is checked once more at the end,
 * against every norm, which decides the disclosures appended and the final action.
 *
 * <p>Obligations (must, should) can only be settled on the whole answer. The check therefore starts by
 * judging the empty answer: when that already holds (an obligation whose action blocks, or a fail-closed
 * norm that cannot be decided), nothing is released before the end (full hold-back), so that no answer
 * that would be held reaches the client in part.
 *
 * <p>Not thread-safe: one per stream.
 */
public final class StreamCheck {
    private final Guard guard;
    private final Context context;
    private final String prompt;
    private final int turn;
    private final int window;
    private final int holdback;
    private final boolean fullHold;
    private final StringBuilder raw = new StringBuilder();
    private final Set<PiiKind> redactions = EnumSet.noneOf(PiiKind.class);
    private int checked;
    private int released;
    private Decision held;

    private StreamCheck(Guard guard, Context context, String prompt, int turn, GuardConfig.Streaming streaming) {
        this.guard = guard;
        this.context = context;
        this.prompt = prompt == null ? "" : prompt;
        this.turn = turn;
        this.window = Math.max(1, streaming.windowChars());
        this.holdback = Math.max(0, streaming.holdbackChars());
        this.fullHold = guard.checkAnswer(context, this.prompt, "", turn).holds();
    }

    public static StreamCheck start(Guard guard, Context context, String prompt, int turn, GuardConfig.Streaming streaming) {
        return new StreamCheck(guard, context, prompt, turn, streaming);
    }

    /** Nothing is released before the end: a norm the empty answer fails would hold the answer. */
    public boolean fullHold() {
        return fullHold;
    }

    /** The decision of the window that held the answer, or null while it flows. */
    public Decision held() {
        return held;
    }

    /** Takes the next piece of the answer; returns the text that may go to the client now (possibly empty). */
    public String offer(String piece) {
        raw.append(piece);
        if (held != null || fullHold) {
            return "";
        }
        if (raw.length() - checked >= window) {
            checkWindow();
        }
        return held != null ? "" : release(false);
    }

    private void checkWindow() {
        checked = raw.length();
        Decision d = guard.checkAnswer(context, prompt, raw.toString(), turn);
        for (NormDecision n : d.norms()) {
            if (n.verdict() != Outcome.VIOLATES || n.norm().kind().polarity() >= 0) {
                continue;
            }
            if (n.action() == Action.REDACT) {
                redactions.addAll(d.answerRedactions());
            }
            if (d.holds() && n.action().holds()) {
                held = d;
            }
        }
    }

    private String release(boolean end) {
        String out = Redaction.apply(raw.substring(0, checked), redactions);
        int upTo = end ? out.length() : Math.max(released, out.length() - holdback);
        if (upTo <= released) {
            return "";
        }
        String next = out.substring(released, upTo);
        released = upTo;
        return next;
    }

    /** The whole answer, checked against every norm; call once, when the upstream's stream has ended. */
    public Decision finish() {
        if (held != null) {
            return held;
        }
        return guard.checkAnswer(context, prompt, raw.toString(), turn);
    }

    /** What is left to send after {@code finish} (redacted, with the disclosures); empty when the answer is held. */
    public String rest(Decision last) {
        if (last.holds()) {
            return "";
        }
        String all = last.deliver(raw.toString());
        return released >= all.length() ? "" : all.substring(released);
    }

    /** The answer as the model wrote it so far. */
    public String text() {
        return raw.toString();
    }
}
