package dev.polity.store;

import dev.polity.model.Answer;
import dev.polity.model.AnswerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's writer in a process of its own, to be killed by {@link SqliteRunStoreTest}: plans N items, then
 * stores their answers one by one, printing "stored CASE" after each commit. Run as {@code main(db, n)}.
 */
public final class StoreWriterProcess {
    private StoreWriterProcess() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[1]);
        try (RunStore store = RunStore.open(args[0])) {
            String run = store.createRun(new Provenance("c", "s", RunStoreContract.SOURCE, Map.of(), "test"));
            List<PlannedRequest> plan = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                AnswerRequest r = AnswerRequest.of("prompt " + i);
                plan.add(new PlannedRequest(new RunItem(String.format("case-%04d", i), "ctx", "none"), r.hash(RunStoreContract.SOURCE), r));
            }
            store.plan(run, plan);
            System.out.println("run " + run);
            System.out.flush();
            for (PlannedRequest p : plan) {
                store.storeAnswer(run, new RunStore.NewAnswer(p.item(), p.requestHash(), p.request(),
                        new Answer("answer to " + p.request().lastUserText(), "fake", Duration.ofMillis(1), null, null, "stop")));
                System.out.println("stored " + p.item().caseId());
                System.out.flush();
            }
        }
    }
}
