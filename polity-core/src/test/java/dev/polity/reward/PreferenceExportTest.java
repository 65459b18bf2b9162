package dev.polity.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.input.Location;
import dev.polity.judge.Outcome;
import dev.polity.model.Answer;
import dev.polity.model.AnswerRequest;
import dev.polity.model.Message;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.guard.GuardFixtures;
import dev.polity.store.Provenance;
import dev.polity.store.RunItem;
import dev.polity.store.RunRecord;
import dev.polity.store.StoredAnswer;
import dev.polity.store.StoredVerdict;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreferenceExportTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final PreferencePair PAIR = new PreferencePair("\n\nHuman: hi\n\nAssistant: hello\n\nHuman: insult me\n\nAssistant:", "You fool.", "No, thanks.",
            Map.of("region", "north"), new Location("p.jsonl", 3, 0));

    static Reward reward(double r, Outcome... verdicts) {
        List<NormPenalties.Charged> norms = new java.util.ArrayList<>();
        for (int i = 0; i < verdicts.length; i++) {
            norms.add(new NormPenalties.Charged("n" + i, "operator", verdicts[i], 0.9, verdicts[i] == Outcome.VIOLATES ? 0.5 : 0, "rules", ""));
        }
        return new Reward(r, r, r, Map.of(), "one head", 0, 0, norms, "DE/*/*", verdicts.length);
    }

    /**
     * TRL's documented preference columns ("Dataset formats and types"): exactly prompt, chosen and rejected; standard: three
     * texts; conversational: the prompt a list of messages with a role of system, user or assistant and a text content, each
     * answer a list of assistant messages.
     */
    static void assertTrlPreference(JsonNode line, PreferenceExport.Form form) {
        Set<String> keys = new java.util.TreeSet<>();
        line.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("chosen", "prompt", "rejected");
        if (form == PreferenceExport.Form.PLAIN) {
            assertThat(line.get("prompt").isTextual() && line.get("chosen").isTextual() && line.get("rejected").isTextual()).isTrue();
            return;
        }
        for (String k : List.of("prompt", "chosen", "rejected")) {
            assertThat(line.get(k).isArray()).as(k).isTrue();
            assertThat(line.get(k)).as(k).isNotEmpty();
            for (JsonNode m : line.get(k)) {
                Set<String> mk = new java.util.TreeSet<>();
                m.fieldNames().forEachRemaining(mk::add);
                assertThat(mk).containsExactly("content", "role");
                assertThat(m.get("content").isTextual()).isTrue();
                assertThat(m.get("role").asText()).isIn(k.equals("prompt") ? Set.of("system", "user", "assistant") : Set.of("assistant"));
            }
        }
    }

    @Test
    void theSocietalRewardRelabelsAndTheLineHasTrlsColumns() throws Exception {
        PreferenceExport.Candidate c = PreferenceExport.relabel(PAIR, reward(0.2, Outcome.VIOLATES), reward(0.7, Outcome.COMPLIES));
        assertThat(c.flipped()).isTrue();
        assertThat(c.chosen()).isEqualTo("No, thanks.");
        assertThat(c.margin()).isEqualTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(c.chosenViolations()).isZero();
        assertThat(c.rejectedViolations()).isEqualTo(1);
        assertThat(c.source()).isEqualTo("p.jsonl:3");

        JsonNode plain = JSON.valueToTree(PreferenceExport.line(c, PreferenceExport.Form.PLAIN));
        assertTrlPreference(plain, PreferenceExport.Form.PLAIN);
        assertThat(plain.get("prompt").asText() + plain.get("chosen").asText()).isEqualTo(PAIR.prompt() + " No, thanks.");
        JsonNode conv = JSON.valueToTree(PreferenceExport.line(c, PreferenceExport.Form.CONVERSATIONAL));
        assertTrlPreference(conv, PreferenceExport.Form.CONVERSATIONAL);
        assertThat(conv.get("prompt")).hasSize(3);
        assertThat(conv.at("/prompt/2/content").asText()).isEqualTo("insult me");
        assertThat(conv.at("/chosen/0/content").asText()).isEqualTo("No, thanks.");

        PreferenceExport.Candidate tie = PreferenceExport.relabel(PAIR, reward(0.5), reward(0.5));
        assertThat(tie.flipped()).isFalse();
        assertThat(tie.chosen()).isEqualTo("You fool.");
    }

    @Test
    void filtersByMarginAndVerdictAndTheCardCountsPerGroup() {
        PreferencePair south = new PreferencePair("q", "a", "b", Map.of("region", "south"), new Location("p.jsonl", 4, 0));
        List<PreferenceExport.Candidate> all = List.of(
                PreferenceExport.relabel(PAIR, reward(0.2, Outcome.VIOLATES), reward(0.7, Outcome.COMPLIES)),
                PreferenceExport.relabel(south, reward(0.55), reward(0.5)),
                PreferenceExport.relabel(south, reward(0.9, Outcome.COMPLIES), reward(0.1, Outcome.VIOLATES)));
        PreferenceExport.Filters f = new PreferenceExport.Filters(0.1, PreferenceExport.Verdicts.ANY);
        assertThat(PreferenceExport.filter(all, f)).hasSize(2);
        assertThat(PreferenceExport.filter(all, new PreferenceExport.Filters(0, PreferenceExport.Verdicts.BOTH))).hasSize(2);
        assertThat(PreferenceExport.filter(all, new PreferenceExport.Filters(0, PreferenceExport.Verdicts.REJECTED_VIOLATES))).hasSize(2);
        DataCard card = DataCard.of("t", "2026-12-01", Map.of("pairs", "p.jsonl"), Map.of("format", "plain"), all, PreferenceExport.filter(all, f), f, Map.of());
        assertThat(card.counts()).containsEntry("candidates", 3).containsEntry("exported", 2).containsEntry("relabelled", 1L)
                .containsEntry("dropped_margin", 1L).containsEntry("dropped_verdict", 0L);
        assertThat(card.groups().get("region").get("north")).containsEntry("pairs", 1).containsEntry("relabelled", 1).containsEntry("agreement", 0.0);
        assertThat(card.groups().get("region").get("south")).containsEntry("pairs", 2).containsEntry("exported", 1).containsEntry("agreement", 1.0);
        assertThat(card.markdown()).contains("| region | south | 2 | 1 | 0 | 1.0 |").contains("## Source");
        assertThat(card.json()).contains("\"agreement\"");
        assertThatThrownBy(() -> new PreferenceExport.Filters(-1, PreferenceExport.Verdicts.ANY)).hasMessage("--min-margin: expected a number >= 0, got -1.0");
        assertThatThrownBy(() -> PreferenceExport.Verdicts.parse("some")).hasMessageStartingWith("--verdict: expected any");
    }

    static StoredAnswer answer(String run, String id, String text) {
        return new StoredAnswer(id, run, new RunItem("c1", "DE/healthcare/-", "none"), "h", new AnswerRequest(List.of(Message.user("my head hurts")),
                null, null, null), Answer.of(text, "m"), Instant.EPOCH);
    }

    @Test
    void judgedRunsGiveTheBestAnswerUnderTheNormsAgainstTheWorst() throws Exception {
        Provenance p = new Provenance("c", "s", "m", Map.of(), "polity");
        RunRecord a = new RunRecord("run-a", Instant.EPOCH, p, List.of(answer("run-a", "a1", "Take 500 mg.")), List.of(
                new StoredVerdict("a1", "law.no-dose", "ensemble", "violates", 0.9, "500 mg"),
                new StoredVerdict("a1", "operator.no-shouting", "ensemble", "complies", 0.9, null),
                new StoredVerdict("a1", "law.no-dose", "check1:rules", "violates", 0.9, "500 mg")));
        RunRecord b = new RunRecord("run-b", Instant.EPOCH, p, List.of(answer("run-b", "b1", "See a doctor.")), List.of(
                new StoredVerdict("b1", "law.no-dose", "ensemble", "complies", 0.9, null),
                new StoredVerdict("b1", "operator.no-shouting", "ensemble", "complies", 0.9, null)));
        var constitution = ConstitutionLoader.fromString("c.yaml", GuardFixtures.YAML);
        RunPreferences.Result r = RunPreferences.of(List.of(a, b), constitution, NormPenalties.standard(constitution.tiers()));
        assertThat(r.candidates()).hasSize(1);
        PreferenceExport.Candidate c = r.candidates().get(0);
        assertThat(c.chosen()).isEqualTo("See a doctor.");
        assertThat(c.rejected()).isEqualTo("Take 500 mg.");
        // unit = 2 + operator 0.5: one law violation against none
        assertThat(c.margin()).isEqualTo(2.5);
        assertThat(c.rejectedViolations()).isEqualTo(1);
        assertThat(c.source()).isEqualTo("run-b/c1/DE/healthcare/-/none vs run-a/c1/DE/healthcare/-/none");
        assertTrlPreference(JSON.valueToTree(PreferenceExport.line(c, PreferenceExport.Form.CONVERSATIONAL)), PreferenceExport.Form.CONVERSATIONAL);
        RunPreferences.Result alone = RunPreferences.of(List.of(a), constitution, NormPenalties.standard(constitution.tiers()));
        assertThat(alone.candidates()).isEmpty();
        assertThat(alone.single()).isEqualTo(1);
        RunRecord empty = new RunRecord("run-c", Instant.EPOCH, p, List.of(answer("run-c", "c1", "x")), List.of());
        assertThatThrownBy(() -> RunPreferences.of(List.of(empty), constitution, NormPenalties.standard(constitution.tiers())))
                .hasMessage("run run-c has no judged answers");
    }
}
