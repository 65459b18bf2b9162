package dev.polity.guard;

import static dev.polity.guard.GuardFixtures.context;
import static dev.polity.guard.GuardFixtures.guard;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamCheckTest {
    private static final GuardConfig.Streaming SMALL = new GuardConfig.Streaming(8, 12);

    private static String feed(StreamCheck s, List<String> pieces) {
        StringBuilder out = new StringBuilder();
        for (String p : pieces) {
            out.append(s.offer(p));
        }
        return out.toString();
    }

    @Test
    void aCleanAnswerFlowsWithTheHoldBackAndEndsWithTheDisclosure() {
        StreamCheck s = StreamCheck.start(guard(), context("DE", "general"), "hello", 1, SMALL);
        assertThat(s.fullHold()).isFalse();
        String early = feed(s, List.of("Hello ", "there, ", "here is ", "a friendly ", "answer ", "for you."));
        String all = "Hello there, here is a friendly answer for you.";
        assertThat(early).isNotEmpty();
        assertThat(all).startsWith(early);
        assertThat(all.length() - early.length()).isGreaterThanOrEqualTo(12);
        Decision last = s.finish();
        assertThat(last.action()).isEqualTo(Action.DISCLOSE);
        assertThat(early + s.rest(last)).isEqualTo(all + "\n\n" + Enforcement.DEFAULT_DISCLOSURE);
    }

    @Test
    void aProhibitedPhraseIsStoppedBeforeAnyOfItLeaves() {
        StreamCheck s = StreamCheck.start(guard(), context("DE", "general"), "hello", 1, SMALL);
        String out = feed(s, List.of("I am an AI. ", "Here is some ", "friendly text ", "and now SHUT ", "UP please, ", "more text."));
        assertThat(s.held()).isNotNull();
        assertThat(s.held().action()).isEqualTo(Action.REVIEW);
        assertThat(s.held().decidingNorms()).containsExactly("operator.no-shouting");
        assertThat(out).startsWith("I am an AI.").doesNotContain("SHUT");
        assertThat(s.finish()).isSameAs(s.held());
        assertThat(s.rest(s.finish())).isEmpty();
    }

    @Test
    void personalDataInAStreamIsRedactedBeforeItLeaves() {
        StreamCheck s = StreamCheck.start(guard(), context("DE", "general"), "contact?", 1, SMALL);
        String out = feed(s, List.of("I am an AI. ", "Write to ", "bob@exam", "ple.org ", "any time ", "you like, ", "thank you."));
        Decision last = s.finish();
        String whole = out + s.rest(last);
        assertThat(whole).isEqualTo("I am an AI. Write to [email redacted] any time you like, thank you.");
        assertThat(whole).doesNotContain("bob@");
    }

    @Test
    void anAnswerThatWouldBeHeldUnlessDecidedIsHeldBackWhole() {
        StreamCheck s = StreamCheck.start(guard(), context("DE", "general"), "I want to hurt myself", 1, SMALL);
        assertThat(s.fullHold()).isTrue();
        assertThat(feed(s, List.of("I am an AI. ", "Please talk to ", "someone you trust today."))).isEmpty();
        Decision last = s.finish();
        assertThat(last.action()).isEqualTo(Action.BLOCK);
        assertThat(s.rest(last)).isEmpty();
    }
}
