package dev.polity.deliberation;

import java.util.SplittableRandom;

/**
 * Bridging scores by matrix factorisation as in Community Notes (Wojcik et al. 2022, "Birdwatch: Crowd
 * wisdom and bridging algorithms can inform understanding and reduce the spread of misinformation",
 * sec. 3; twitter/communitynotes matrix_factorization): vote ~ mu + participant intercept + statement
 * intercept + participant factor x statement factor, one factor, minimising squared error plus
 * lambda_i (intercepts^2 + mu^2) + lambda_f (factors^2) with lambda_i = 5 lambda_f. Agree is 1, disagree
 * 0; a pass is no rating and is left out. The factor soaks up the divide, so the statement intercept is
 * the support that remains across it.
 *
 * <p>Fitted by exact block coordinate descent (alternating ridge regressions: each participant's and each
 * statement's intercept and factor solved jointly in closed form), which lowers the loss at every sweep,
 * until the largest parameter change is below the tolerance or ten sweeps improve the loss by less than
 * a millionth of itself.
 */
public record Bridging(double mu, double[] statementIntercept, double[] statementFactor, double[] participantIntercept,
                       double[] participantFactor, int[] statementVotes, int sweeps, double loss) {

    public static final double LAMBDA_FACTOR = 0.03;
    public static final double LAMBDA_INTERCEPT = 5 * LAMBDA_FACTOR;
    public static final double BRIDGING_INTERCEPT = 0.40;
    public static final double BRIDGING_FACTOR = 0.5;
    /** Relative loss improvement over ten sweeps below which the fit counts as converged. */
    public static final double LOSS_TOLERANCE = 1e-6;

    /** Whether statement j is bridging: intercept >= 0.40 and |factor| < 0.5 (Community Notes' helpful rule). */
    public boolean isBridging(int j) {
        return statementIntercept[j] >= BRIDGING_INTERCEPT && Math.abs(statementFactor[j]) < BRIDGING_FACTOR;
    }

    /** Fits the model to the votes on the given columns (statement indices); other statements get NaN. */
    public static Bridging fit(VoteMatrix m, boolean[] column, long seed, double tolerance, int maxSweeps) {
        int n = m.participants();
        int s = m.statements();
        double[] b = new double[n];
        double[] f = new double[n];
        double[] c = new double[s];
        double[] g = new double[s];
        int[] votes = new int[s];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            f[i] = 0.1 * (random.nextDouble() * 2 - 1);
        }
        for (int j = 0; j < s; j++) {
            g[j] = 0.1 * (random.nextDouble() * 2 - 1);
        }
        double mu = 0;
        int sweeps = 0;
        double previousLoss = Double.POSITIVE_INFINITY;
        for (; sweeps < maxSweeps; sweeps++) {
            double change = 0;
            // mu given everything else.
            double sum = 0;
            int count = 0;
            for (int i = 0; i < n; i++) {
                for (int k = m.rowStart(i); k < m.rowEnd(i); k++) {
                    int j = m.rowCol(k);
                    byte v = m.rowVote(k);
                    if (v == 0 || !column[j]) {
                        continue;
                    }
                    sum += rating(v) - b[i] - c[j] - f[i] * g[j];
                    count++;
                }
            }
            double newMu = sum / (count + LAMBDA_INTERCEPT);
            change = Math.max(change, Math.abs(newMu - mu));
            mu = newMu;
            // Each participant: ridge regression of residual on [1, g_j].
            for (int i = 0; i < n; i++) {
                double s11 = LAMBDA_INTERCEPT;
                double s12 = 0;
                double s22 = LAMBDA_FACTOR;
                double r1 = 0;
                double r2 = 0;
                for (int k = m.rowStart(i); k < m.rowEnd(i); k++) {
                    int j = m.rowCol(k);
                    byte v = m.rowVote(k);
                    if (v == 0 || !column[j]) {
                        continue;
                    }
                    double y = rating(v) - mu - c[j];
                    s11 += 1;
                    s12 += g[j];
                    s22 += g[j] * g[j];
                    r1 += y;
                    r2 += y * g[j];
                }
                double det = s11 * s22 - s12 * s12;
                double nb = (s22 * r1 - s12 * r2) / det;
                double nf = (s11 * r2 - s12 * r1) / det;
                change = Math.max(change, Math.max(Math.abs(nb - b[i]), Math.abs(nf - f[i])));
                b[i] = nb;
                f[i] = nf;
            }
            // Each statement: ridge regression of residual on [1, f_i].
            for (int j = 0; j < s; j++) {
                if (!column[j]) {
                    continue;
                }
                double s11 = LAMBDA_INTERCEPT;
                double s12 = 0;
                double s22 = LAMBDA_FACTOR;
                double r1 = 0;
                double r2 = 0;
                int nv = 0;
                for (int k = m.colStart(j); k < m.colEnd(j); k++) {
                    int i = m.colRow(k);
                    byte v = m.colVote(k);
                    if (v == 0) {
                        continue;
                    }
                    double y = rating(v) - mu - b[i];
                    s11 += 1;
                    s12 += f[i];
                    s22 += f[i] * f[i];
                    r1 += y;
                    r2 += y * f[i];
                    nv++;
                }
                votes[j] = nv;
                double det = s11 * s22 - s12 * s12;
                double nc = (s22 * r1 - s12 * r2) / det;
                double ng = (s11 * r2 - s12 * r1) / det;
                change = Math.max(change, Math.max(Math.abs(nc - c[j]), Math.abs(ng - g[j])));
                c[j] = nc;
                g[j] = ng;
            }
            if (change < tolerance) {
                sweeps++;
                break;
            }
            // Along the factor's scale and rotation the parameters can creep for thousands of sweeps while the
            // fit no longer improves; stop when ten sweeps lower the loss by less than a millionth.
            if (sweeps % 10 == 9) {
                double now = loss(m, column, mu, b, f, c, g);
                if (previousLoss - now < LOSS_TOLERANCE * now) {
                    sweeps++;
                    break;
                }
                previousLoss = now;
            }
        }
        // The factor's sign is arbitrary; pin it so that the statement with the largest |factor| is positive.
        int arg = -1;
        for (int j = 0; j < s; j++) {
            if (column[j] && (arg < 0 || Math.abs(g[j]) > Math.abs(g[arg]))) {
                arg = j;
            }
        }
        if (arg >= 0 && g[arg] < 0) {
            for (int j = 0; j < s; j++) {
                g[j] = -g[j];
            }
            for (int i = 0; i < n; i++) {
                f[i] = -f[i];
            }
        }
        for (int j = 0; j < s; j++) {
            if (!column[j]) {
                c[j] = Double.NaN;
                g[j] = Double.NaN;
            }
        }
        return new Bridging(mu, c, g, b, f, votes, sweeps, loss(m, column, mu, b, f, c, g));
    }

    static double rating(byte vote) {
        return vote > 0 ? 1.0 : 0.0;
    }

    private static double loss(VoteMatrix m, boolean[] column, double mu, double[] b, double[] f, double[] c, double[] g) {
        double loss = LAMBDA_INTERCEPT * mu * mu;
        for (int i = 0; i < m.participants(); i++) {
            loss += LAMBDA_INTERCEPT * b[i] * b[i] + LAMBDA_FACTOR * f[i] * f[i];
            for (int k = m.rowStart(i); k < m.rowEnd(i); k++) {
                int j = m.rowCol(k);
                byte v = m.rowVote(k);
                if (v == 0 || !column[j]) {
                    continue;
                }
                double e = rating(v) - mu - b[i] - c[j] - f[i] * g[j];
                loss += e * e;
            }
        }
        for (int j = 0; j < c.length; j++) {
            if (column[j]) {
                loss += LAMBDA_INTERCEPT * c[j] * c[j] + LAMBDA_FACTOR * g[j] * g[j];
            }
        }
        return loss;
    }
}
