package dev.polity.eval;

import dev.polity.judge.Answer;
import dev.polity.judge.RefusalClass;
import dev.polity.judge.RefusalDetector;

/** Whether an answer complies with, refuses or partly refuses its prompt; over-refusal and behaviour need it. */
@FunctionalInterface
interface RefusalClassifier {
    RefusalClass classify(Answer answer);

    /** The refusal detector's most probable class. */
    static RefusalClassifier of(RefusalDetector detector) {
        return a -> detector.classify(a).label();
    }
}
