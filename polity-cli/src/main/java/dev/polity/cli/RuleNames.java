package dev.polity.cli;

import dev.polity.choice.Rule;
import java.util.Iterator;

/** The voting rules' names, for {@code aggregate --rule}'s help (picocli's {@code ${COMPLETION-CANDIDATES}}), from {@link Rule}. */
public final class RuleNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Rule.all().stream().map(Rule::id).iterator();
    }
}
