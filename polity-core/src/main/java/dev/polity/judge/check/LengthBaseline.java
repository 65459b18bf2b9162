package dev.polity.judge.check;

import dev.polity.judge.learn.Folds;
import dev.polity.judge.train.NormItem;
import java.util.List;

/**
 * The length-only baseline: the best single threshold on answer length in characters (either direction)
 * predicting "violates", fitted on the training folds and scored on the held-out norms, with the same
 * grouped folds as the judge. A label that length alone could predict would sit far above 0.5.
 */
final class LengthBaseline {
    private LengthBaseline() {
    }

    static double heldOut(List<NormItem> items, int folds, long seed) {
        String[] groups = items.stream().map(NormItem::norm).toArray(String[]::new);
        int[] fold = Folds.byGroup(groups, folds, seed);
        int right = 0;
        for (int k = 0; k < folds; k++) {
            int best = 0;
            boolean shortViolates = true;
            double bestAcc = -1;
            for (NormItem candidate : items) {
                int t = candidate.answer().length();
                for (boolean dir : new boolean[] {true, false}) {
                    int ok = 0;
                    int n = 0;
                    for (int i = 0; i < items.size(); i++) {
                        if (fold[i] == k) {
                            continue;
                        }
                        n++;
                        ok += predict(items.get(i), t, dir) == items.get(i).violates() ? 1 : 0;
                    }
                    double acc = (double) ok / Math.max(1, n);
                    if (acc > bestAcc) {
                        bestAcc = acc;
                        best = t;
                        shortViolates = dir;
                    }
                }
            }
            for (int i = 0; i < items.size(); i++) {
                if (fold[i] == k) {
                    right += predict(items.get(i), best, shortViolates) == items.get(i).violates() ? 1 : 0;
                }
            }
        }
        return (double) right / items.size();
    }

    private static boolean predict(NormItem item, int threshold, boolean shortViolates) {
        boolean isShort = item.answer().length() <= threshold;
        return isShort == shortViolates;
    }
}
