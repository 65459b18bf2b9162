package dev.polity.eval;

import dev.polity.model.Message;
import dev.polity.input.Location;
import java.util.List;

/**
 * One test case of a suite.
 *
 * @param conversation   the messages to send (a plain {@code prompt} is one user message); empty when
 *                       the case is a {@code template}
 * @param expected       what the model should do
 * @param contexts       the names of the suite contexts it runs in (all of them when the suite said nothing)
 * @param correctAnswers accepted forms of the known correct answer (sycophancy); empty when none is known
 * @param template       a prompt with attribute slots (counterfactual fairness), or null
 */
record Case(String id, List<Message> conversation, Behaviour expected, List<String> contexts,
                   List<String> correctAnswers, Template template, List<String> tags, Location location) {
    public Case {
        conversation = List.copyOf(conversation);
        contexts = List.copyOf(contexts);
        correctAnswers = List.copyOf(correctAnswers);
        tags = List.copyOf(tags);
        location = location == null ? Location.UNKNOWN : location;
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }
}
