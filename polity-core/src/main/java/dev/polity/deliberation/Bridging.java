package dev.polity.deliberation;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Bridging scores by matrix factorisation as in Community Notes (Wojcik et al. 2022, "Birdwatch: Crowd
 * wisdom and bridging algorithms can inform understanding and reduce the spread of misinformation",
 * sec. 3; Community Notes guide, "Matrix factorization"): vote ~ mu + participant intercept + statement
 * intercept + participant factor x statement factor, one factor, minimising squared error plus
 * lambda_i (intercepts^2 + mu^2) + lambda_f (factors^2) with lambda_i = 5 lambda_f. Agree is 1, disagree
 * 0; a pass is no rating and is left out. The factor soaks up the divide, so the statement intercept is
 * the support that remains across it.
 *
 * <p>Fitted by alternating least squares (block coordinate descent; Hu, Koren & Volinsky 2008, sec. 4;
 * Takács et al. 2009, sec. 3): given the statements, every participant's (intercept, factor) is a 2x2
 * ridge regression over that participant's votes, solved in closed form, and symmetrically for the
 * statements; mu is closed form. Each block's rows are independent, so they are solved in parallel.
 * Alternating updates alone crawl along the directions in which the predictions do not change at all
 * and only the penalty does (a shift between mu and the intercepts, a factor's scale against the other
 * side's, a factor's mean absorbed into the other side's intercepts); after every sweep those are taken
 * to their exact minimum in closed form (reparametrisation steps, as in parameter-expanded EM, Liu, Rubin
 * & Wu 1998). Every step is an exact minimisation, so the loss never rises; the fit stops when a sweep
 * lowers it by less than {@code tolerance} times itself.
 */
public record Bridging(double mu, double[] statementIntercept, double[] statementFactor, double[] participantIntercept,
                       double[] participantFactor, int[] statementVotes, int sweeps, double loss) {

    public static final double LAMBDA_FACTOR = 0.03;
    public static final double LAMBDA_INTERCEPT = 5 * LAMBDA_FACTOR;
    public static final double BRIDGING_INTERCEPT = 0.40;
    public static final double BRIDGING_FACTOR = 0.5;
    /** Rows per parallel task: large enough that scheduling costs nothing next to the sums. */
    private static final int CHUNK = 2048;

    /** Whether statement j is bridging: intercept >= 0.40 and |factor| < 0.5 (Community Notes' helpful rule). */
    public boolean isBridging(int j) {
        return statementIntercept[j] >= BRIDGING_INTERCEPT && Math.abs(statementFactor[j]) < BRIDGING_FACTOR;
    }

    public static Bridging fit(VoteMatrix m, boolean[] column, long seed, double tolerance, int maxSweeps) {
        return fit(m, column, seed, tolerance, maxSweeps, sweep -> { });
    }

    /**
     * Fits the model to the votes on the given columns (statement indices); other statements get NaN.
     *
     * @param tolerance relative loss decrease per sweep below which the fit has converged
     * @param onSweep   told the number of each finished sweep (progress)
     */
    public static Bridging fit(VoteMatrix m, boolean[] column, long seed, double tolerance, int maxSweeps, IntConsumer onSweep) {
        Ratings r = Ratings.of(m, column);
        int n = m.participants();
        int s = m.statements();
        double[] b = new double[n];
        double[] f = new double[n];
        double[] c = new double[s];
        double[] g = new double[s];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            f[i] = 0.1 * (random.nextDouble() * 2 - 1);
        }
        for (int j = 0; j < s; j++) {
            g[j] = 0.1 * (random.nextDouble() * 2 - 1);
        }
        double[] mu = {0};
        double loss = Double.POSITIVE_INFINITY;
        int sweeps = 0;
        while (sweeps < maxSweeps) {
            double m0 = mu[0];
            inParallel(n, i -> solve(r.rowStart, r.rowOther, r.rowRating, i, m0, c, g, b, f));
            inParallel(s, j -> solve(r.colStart, r.colOther, r.colRating, j, m0, b, f, c, g));
            mu[0] = bestMu(r, b, f, c, g);
            reparametrise(r, mu, b, f, c, g);
            sweeps++;
            onSweep.accept(sweeps);
            double now = loss(r, mu[0], b, f, c, g);
            boolean converged = loss - now <= tolerance * now;
            loss = now;
            if (converged) {
                break;
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
        int[] votes = new int[s];
        for (int j = 0; j < s; j++) {
            votes[j] = r.colStart[j + 1] - r.colStart[j];
            if (!column[j]) {
                c[j] = Double.NaN;
                g[j] = Double.NaN;
            }
        }
        return new Bridging(mu[0], c, g, b, f, votes, sweeps, loss);
    }

    /** The ratings (passes and statements outside the analysis dropped), by participant and by statement. */
    private record Ratings(int[] rowStart, int[] rowOther, byte[] rowRating, int[] colStart, int[] colOther, byte[] colRating,
                           int count, int ratedParticipants, int ratedStatements) {
        static Ratings of(VoteMatrix m, boolean[] column) {
            int n = m.participants();
            int s = m.statements();
            int[] rowStart = new int[n + 1];
            int[] colStart = new int[s + 1];
            for (int i = 0; i < n; i++) {
                for (int k = m.rowStart(i); k < m.rowEnd(i); k++) {
                    if (m.rowVote(k) != 0 && column[m.rowCol(k)]) {
                        rowStart[i + 1]++;
                        colStart[m.rowCol(k) + 1]++;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                rowStart[i + 1] += rowStart[i];
            }
            for (int j = 0; j < s; j++) {
                colStart[j + 1] += colStart[j];
            }
            int count = rowStart[n];
            int[] rowOther = new int[count];
            byte[] rowRating = new byte[count];
            int[] colOther = new int[count];
            byte[] colRating = new byte[count];
            int[] colNext = java.util.Arrays.copyOf(colStart, s);
            int at = 0;
            for (int i = 0; i < n; i++) {
                for (int k = m.rowStart(i); k < m.rowEnd(i); k++) {
                    int j = m.rowCol(k);
                    byte v = m.rowVote(k);
                    if (v != 0 && column[j]) {
                        byte y = (byte) (v > 0 ? 1 : 0);
                        rowOther[at] = j;
                        rowRating[at++] = y;
                        colOther[colNext[j]] = i;
                        colRating[colNext[j]++] = y;
                    }
                }
            }
            int ratedParticipants = (int) IntStream.range(0, n).filter(i -> rowStart[i + 1] > rowStart[i]).count();
            int ratedStatements = (int) IntStream.range(0, s).filter(j -> colStart[j + 1] > colStart[j]).count();
            return new Ratings(rowStart, rowOther, rowRating, colStart, colOther, colRating, count, ratedParticipants, ratedStatements);
        }
    }

    private static void inParallel(int size, IntConsumer body) {
        IntStream.range(0, (size + CHUNK - 1) / CHUNK).parallel().forEach(t -> {
            int end = Math.min(size, (t + 1) * CHUNK);
            for (int x = t * CHUNK; x < end; x++) {
                body.accept(x);
            }
        });
    }

    /**
     * Ridge regression of row x's ratings, less mu and the other side's intercepts, on [1, other side's
     * factor]: the exact minimiser of the loss over this row's (intercept, factor) with all else fixed.
     */
    private static void solve(int[] start, int[] other, byte[] rating, int x, double mu, double[] otherIntercept,
                              double[] otherFactor, double[] intercept, double[] factor) {
        double s11 = LAMBDA_INTERCEPT;
        double s12 = 0;
        double s22 = LAMBDA_FACTOR;
        double r1 = 0;
        double r2 = 0;
        for (int k = start[x]; k < start[x + 1]; k++) {
            int o = other[k];
            double g = otherFactor[o];
            double y = rating[k] - mu - otherIntercept[o];
            s11 += 1;
            s12 += g;
            s22 += g * g;
            r1 += y;
            r2 += y * g;
        }
        double det = s11 * s22 - s12 * s12;
        intercept[x] = (s22 * r1 - s12 * r2) / det;
        factor[x] = (s11 * r2 - s12 * r1) / det;
    }

    private static double bestMu(Ratings r, double[] b, double[] f, double[] c, double[] g) {
        double[] part = new double[(b.length + CHUNK - 1) / CHUNK];
        IntStream.range(0, part.length).parallel().forEach(t -> {
            double sum = 0;
            for (int i = t * CHUNK; i < Math.min(b.length, (t + 1) * CHUNK); i++) {
                for (int k = r.rowStart[i]; k < r.rowStart[i + 1]; k++) {
                    int j = r.rowOther[k];
                    sum += r.rowRating[k] - b[i] - c[j] - f[i] * g[j];
                }
            }
            part[t] = sum;
        });
        double sum = 0;
        for (double p : part) {
            sum += p;
        }
        return sum / (r.count + LAMBDA_INTERCEPT);
    }

    /**
     * Moves that leave every prediction unchanged and take the penalty to its minimum along them, each in
     * closed form: (1) mu - beta - gamma, b + beta, c + gamma; (2) f * a, g / a; (3) g + gamma with
     * b - gamma f, and f + delta with c - delta g. Only rows with ratings move (the others are at zero,
     * which is already their optimum).
     */
    private static void reparametrise(Ratings r, double[] mu, double[] b, double[] f, double[] c, double[] g) {
        int nb = r.ratedParticipants;
        int nc = r.ratedStatements;
        if (nb == 0 || nc == 0) {
            return;
        }
        boolean[] ratedRow = new boolean[b.length];
        boolean[] ratedCol = new boolean[c.length];
        for (int i = 0; i < b.length; i++) {
            ratedRow[i] = r.rowStart[i + 1] > r.rowStart[i];
        }
        for (int j = 0; j < c.length; j++) {
            ratedCol[j] = r.colStart[j + 1] > r.colStart[j];
        }
        // (1) Intercept shift: minimise (mu-beta-gamma)^2 + sum (b+beta)^2 + sum (c+gamma)^2.
        double sb = sum(b, ratedRow);
        double sc = sum(c, ratedCol);
        double a11 = 1 + nb;
        double a22 = 1 + nc;
        double det = a11 * a22 - 1;
        double beta = (a22 * (mu[0] - sb) - (mu[0] - sc)) / det;
        double gamma = (a11 * (mu[0] - sc) - (mu[0] - sb)) / det;
        mu[0] -= beta + gamma;
        add(b, ratedRow, beta);
        add(c, ratedCol, gamma);
        // (2) Scale: minimise a^2 sum f^2 + sum g^2 / a^2.
        double ff = dot(f, f, ratedRow);
        double gg = dot(g, g, ratedCol);
        if (ff > 0 && gg > 0) {
            double a = Math.sqrt(Math.sqrt(gg / ff));
            scale(f, ratedRow, a);
            scale(g, ratedCol, 1 / a);
        }
        // (3) A constant added to the statement factors is absorbed by the participant intercepts, and vice versa:
        // minimise lambda_f sum (g+gamma)^2 + lambda_i sum (b - gamma f)^2 over gamma.
        double shiftG = (LAMBDA_INTERCEPT * dot(f, b, ratedRow) - LAMBDA_FACTOR * sum(g, ratedCol))
                / (LAMBDA_FACTOR * nc + LAMBDA_INTERCEPT * dot(f, f, ratedRow));
        add(g, ratedCol, shiftG);
        for (int i = 0; i < b.length; i++) {
            b[i] -= shiftG * f[i];
        }
        double shiftF = (LAMBDA_INTERCEPT * dot(g, c, ratedCol) - LAMBDA_FACTOR * sum(f, ratedRow))
                / (LAMBDA_FACTOR * nb + LAMBDA_INTERCEPT * dot(g, g, ratedCol));
        add(f, ratedRow, shiftF);
        for (int j = 0; j < c.length; j++) {
            if (ratedCol[j]) {
                c[j] -= shiftF * g[j];
            }
        }
    }

    private static double sum(double[] v, boolean[] on) {
        double s = 0;
        for (int x = 0; x < v.length; x++) {
            if (on[x]) {
                s += v[x];
            }
        }
        return s;
    }

    private static double dot(double[] u, double[] v, boolean[] on) {
        double s = 0;
        for (int x = 0; x < v.length; x++) {
            if (on[x]) {
                s += u[x] * v[x];
            }
        }
        return s;
    }

    private static void add(double[] v, boolean[] on, double delta) {
        for (int x = 0; x < v.length; x++) {
            if (on[x]) {
                v[x] += delta;
            }
        }
    }

    private static void scale(double[] v, boolean[] on, double a) {
        for (int x = 0; x < v.length; x++) {
            if (on[x]) {
                v[x] *= a;
            }
        }
    }

    static double rating(byte vote) {
        return vote > 0 ? 1.0 : 0.0;
    }

    private static double loss(Ratings r, double mu, double[] b, double[] f, double[] c, double[] g) {
        double[] part = new double[(b.length + CHUNK - 1) / CHUNK];
        IntStream.range(0, part.length).parallel().forEach(t -> {
            double sum = 0;
            for (int i = t * CHUNK; i < Math.min(b.length, (t + 1) * CHUNK); i++) {
                sum += LAMBDA_INTERCEPT * b[i] * b[i] + LAMBDA_FACTOR * f[i] * f[i];
                for (int k = r.rowStart[i]; k < r.rowStart[i + 1]; k++) {
                    int j = r.rowOther[k];
                    double e = r.rowRating[k] - mu - b[i] - c[j] - f[i] * g[j];
                    sum += e * e;
                }
            }
            part[t] = sum;
        });
        double loss = LAMBDA_INTERCEPT * mu * mu;
        for (double p : part) {
            loss += p;
        }
        for (int j = 0; j < c.length; j++) {
            loss += LAMBDA_INTERCEPT * c[j] * c[j] + LAMBDA_FACTOR * g[j] * g[j];
        }
        return loss;
    }

    /** The model's loss on the given columns: squared error over the ratings plus the penalties. */
    public double lossOn(VoteMatrix m, boolean[] column) {
        Ratings r = Ratings.of(m, column);
        double[] c = statementIntercept.clone();
        double[] g = statementFactor.clone();
        for (int j = 0; j < c.length; j++) {
            if (!column[j]) {
                c[j] = 0;
                g[j] = 0;
            }
        }
        return loss(r, mu, participantIntercept, participantFactor, c, g);
    }
}
