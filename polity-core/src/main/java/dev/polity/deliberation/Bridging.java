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
        return fit(new InMemory(RatingRows.of(m, column, false), RatingRows.of(m, column, true)), column, seed, tolerance, maxSweeps, onSweep);
    }

    /**
     * The ratings as the fit sees them: the passes over the data that one sweep needs. {@link #fit(VoteMatrix,
     * boolean[], long, double, int, IntConsumer)} holds them in memory; polity-spark runs the same passes over
     * partitions, each a {@link RatingRows} block, so that both fit with one implementation of every formula.
     * Arrays are indexed by participant and statement.
     */
    public interface Data {
        int participants();

        int statements();

        /** The ratings (agree 1, disagree 0) in all. */
        long count();

        /** Ratings per participant. */
        int[] participantVotes();

        /** Ratings per statement. */
        int[] statementVotes();

        /** Every participant's (intercept b, factor f) by {@link RatingRows#solve}, given the statements' (c, g). */
        void solveParticipants(double mu, double[] c, double[] g, double[] b, double[] f);

        /** Every statement's (intercept c, factor g) by {@link RatingRows#solve}, given the participants' (b, f). */
        void solveStatements(double mu, double[] b, double[] f, double[] c, double[] g);

        /** The sum over ratings of rating - b - c - f g ({@link RatingRows#residualSum}). */
        double residualSum(double[] b, double[] f, double[] c, double[] g);

        /** The participants' penalties and squared errors ({@link RatingRows#rowLoss}). */
        double rowLoss(double mu, double[] b, double[] f, double[] c, double[] g);
    }

    /** Fits the model to ratings given as {@link Data}; statements outside {@code column} get NaN. */
    public static Bridging fit(Data r, boolean[] column, long seed, double tolerance, int maxSweeps, IntConsumer onSweep) {
        int n = r.participants();
        int s = r.statements();
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
        int[] statementVotes = r.statementVotes();
        boolean[] ratedCol = new boolean[s];
        for (int j = 0; j < s; j++) {
            ratedCol[j] = statementVotes[j] > 0;
        }
        int[] participantVotes = r.participantVotes();
        boolean[] ratedRow = new boolean[n];
        for (int i = 0; i < n; i++) {
            ratedRow[i] = participantVotes[i] > 0;
        }
        double[] mu = {0};
        double loss = Double.POSITIVE_INFINITY;
        int sweeps = 0;
        while (sweeps < maxSweeps) {
            double m0 = mu[0];
            r.solveParticipants(m0, c, g, b, f);
            r.solveStatements(m0, b, f, c, g);
            mu[0] = r.residualSum(b, f, c, g) / (r.count() + LAMBDA_INTERCEPT);
            reparametrise(ratedRow, ratedCol, mu, b, f, c, g);
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
        for (int j = 0; j < s; j++) {
            if (!column[j]) {
                c[j] = Double.NaN;
                g[j] = Double.NaN;
            }
        }
        return new Bridging(mu[0], c, g, b, f, statementVotes, sweeps, loss);
    }

    /**
     * Ratings by row (participant, or statement when transposed) for the rows of one block: all rows of the
     * matrix in memory, or one partition's in polity-spark. A row's index in the block is its position;
     * {@code id} gives its index in the whole matrix (null: the same), {@code other} the other side's index.
     * Passes and statements outside the analysis are left out; agree is 1, disagree 0.
     */
    public record RatingRows(int[] id, int[] start, int[] other, byte[] rating) implements java.io.Serializable {

        /** The ratings of a vote matrix (or of a block of its rows) on the given columns, by participant or transposed. */
        public static RatingRows of(VoteMatrix m, boolean[] column, boolean byStatement) {
            int rows = byStatement ? m.statements() : m.participants();
            int[] start = new int[rows + 1];
            ratings(m, column, byStatement, (x, o, y) -> start[x + 1]++);
            for (int x = 0; x < rows; x++) {
                start[x + 1] += start[x];
            }
            int[] other = new int[start[rows]];
            byte[] rating = new byte[start[rows]];
            int[] at = {0};
            ratings(m, column, byStatement, (x, o, y) -> {
                other[at[0]] = o;
                rating[at[0]++] = y;
            });
            return new RatingRows(null, start, other, rating);
        }

        /** One rating: row x rated (or was rated by) {@code other} with {@code rating}. */
        private interface Visit {
            void rating(int x, int other, byte rating);
        }

        /** Every rating of the matrix, row by row: votes other than passes, on the given columns; agree 1, disagree 0. */
        private static void ratings(VoteMatrix m, boolean[] column, boolean byStatement, Visit visit) {
            int rows = byStatement ? m.statements() : m.participants();
            for (int x = 0; x < rows; x++) {
                int from = byStatement ? m.colStart(x) : m.rowStart(x);
                int to = byStatement ? m.colEnd(x) : m.rowEnd(x);
                for (int k = from; k < to; k++) {
                    byte v = byStatement ? m.colVote(k) : m.rowVote(k);
                    int j = byStatement ? x : m.rowCol(k);
                    if (v != 0 && column[j]) {
                        visit.rating(x, byStatement ? m.colRow(k) : j, (byte) (v > 0 ? 1 : 0));
                    }
                }
            }
        }

        public int rows() {
            return start.length - 1;
        }

        public int size() {
            return other.length;
        }

        public int id(int x) {
            return id == null ? x : id[x];
        }

        /** Ratings per row, at each row's index in the whole matrix. */
        public int[] counts(int total) {
            int[] n = new int[total];
            for (int x = 0; x < rows(); x++) {
                n[id(x)] = start[x + 1] - start[x];
            }
            return n;
        }

        /**
         * Ridge regression of each row's ratings, less mu and the other side's intercepts, on [1, other side's
         * factor]: the exact minimiser of the loss over the row's (intercept, factor) with all else fixed.
         * Writes row x's at {@code intercept[id(x)]}, {@code factor[id(x)]}. The whole matrix ({@code id} null)
         * is solved in parallel; a block is one Spark task's work, and Spark runs the blocks in parallel.
         */
        public void solve(double mu, double[] otherIntercept, double[] otherFactor, double[] intercept, double[] factor) {
            chunks(rows(), id == null).forEach(t -> {
                for (int x = t * CHUNK; x < Math.min(rows(), (t + 1) * CHUNK); x++) {
                    solveRow(x, mu, otherIntercept, otherFactor, intercept, factor);
                }
            });
        }

        private void solveRow(int x, double mu, double[] otherIntercept, double[] otherFactor, double[] intercept, double[] factor) {
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
            intercept[id(x)] = (s22 * r1 - s12 * r2) / det;
            factor[id(x)] = (s11 * r2 - s12 * r1) / det;
        }

        /** Sum over this block's ratings of rating - b - c - f g (rows are participants). */
        public double residualSum(double[] b, double[] f, double[] c, double[] g) {
            double[] part = new double[(rows() + CHUNK - 1) / CHUNK];
            chunks(rows(), id == null).forEach(t -> {
                double sum = 0;
                for (int x = t * CHUNK; x < Math.min(rows(), (t + 1) * CHUNK); x++) {
                    int i = id(x);
                    for (int k = start[x]; k < start[x + 1]; k++) {
                        int j = other[k];
                        sum += rating[k] - b[i] - c[j] - f[i] * g[j];
                    }
                }
                part[t] = sum;
            });
            double sum = 0;
            for (double p : part) {
                sum += p;
            }
            return sum;
        }

        /** This block's participants' penalties plus the squared errors of their ratings (rows are participants). */
        public double rowLoss(double mu, double[] b, double[] f, double[] c, double[] g) {
            double[] part = new double[(rows() + CHUNK - 1) / CHUNK];
            chunks(rows(), id == null).forEach(t -> {
                double sum = 0;
                for (int x = t * CHUNK; x < Math.min(rows(), (t + 1) * CHUNK); x++) {
                    int i = id(x);
                    sum += LAMBDA_INTERCEPT * b[i] * b[i] + LAMBDA_FACTOR * f[i] * f[i];
                    for (int k = start[x]; k < start[x + 1]; k++) {
                        int j = other[k];
                        double e = rating[k] - mu - b[i] - c[j] - f[i] * g[j];
                        sum += e * e;
                    }
                }
                part[t] = sum;
            });
            double sum = 0;
            for (double p : part) {
                sum += p;
            }
            return sum;
        }
    }

    /** The whole matrix in memory, by participant and by statement. */
    private record InMemory(RatingRows rows, RatingRows cols) implements Data {
        @Override
        public int participants() {
            return rows.rows();
        }

        @Override
        public int statements() {
            return cols.rows();
        }

        @Override
        public long count() {
            return rows.size();
        }

        @Override
        public int[] participantVotes() {
            return rows.counts(rows.rows());
        }

        @Override
        public int[] statementVotes() {
            return cols.counts(cols.rows());
        }

        @Override
        public void solveParticipants(double mu, double[] c, double[] g, double[] b, double[] f) {
            rows.solve(mu, c, g, b, f);
        }

        @Override
        public void solveStatements(double mu, double[] b, double[] f, double[] c, double[] g) {
            cols.solve(mu, b, f, c, g);
        }

        @Override
        public double residualSum(double[] b, double[] f, double[] c, double[] g) {
            return rows.residualSum(b, f, c, g);
        }

        @Override
        public double rowLoss(double mu, double[] b, double[] f, double[] c, double[] g) {
            return rows.rowLoss(mu, b, f, c, g);
        }
    }

    /** The chunks of rows, in parallel or not. */
    private static IntStream chunks(int size, boolean parallel) {
        IntStream chunks = IntStream.range(0, (size + CHUNK - 1) / CHUNK);
        return parallel ? chunks.parallel() : chunks;
    }

    /**
     * Moves that leave every prediction unchanged and take the penalty to its minimum along them, each in
     * closed form: (1) mu - beta - gamma, b + beta, c + gamma; (2) f * a, g / a; (3) g + gamma with
     * b - gamma f, and f + delta with c - delta g. Only rows with ratings move (the others are at zero,
     * which is already their optimum).
     */
    private static void reparametrise(boolean[] ratedRow, boolean[] ratedCol, double[] mu, double[] b, double[] f, double[] c, double[] g) {
        int nb = count(ratedRow);
        int nc = count(ratedCol);
        if (nb == 0 || nc == 0) {
            return;
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

    private static int count(boolean[] on) {
        int n = 0;
        for (boolean x : on) {
            n += x ? 1 : 0;
        }
        return n;
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

    /** The loss: squared error over the ratings plus every penalty. */
    private static double loss(Data r, double mu, double[] b, double[] f, double[] c, double[] g) {
        double loss = LAMBDA_INTERCEPT * mu * mu + r.rowLoss(mu, b, f, c, g);
        for (int j = 0; j < c.length; j++) {
            loss += LAMBDA_INTERCEPT * c[j] * c[j] + LAMBDA_FACTOR * g[j] * g[j];
        }
        return loss;
    }

    /** The model's loss on the given columns: squared error over the ratings plus the penalties. */
    public double lossOn(VoteMatrix m, boolean[] column) {
        double[] c = statementIntercept.clone();
        double[] g = statementFactor.clone();
        for (int j = 0; j < c.length; j++) {
            if (!column[j]) {
                c[j] = 0;
                g[j] = 0;
            }
        }
        return loss(new InMemory(RatingRows.of(m, column, false), RatingRows.of(m, column, true)), mu, participantIntercept, participantFactor, c, g);
    }
}
