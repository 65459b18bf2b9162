package dev.polity.deliberation;

import java.util.Arrays;

/**
 * Sparse participant x statement matrix of votes (+1 agree, -1 disagree, 0 pass; absent = never seen),
 * held both by row and by column so that PCA and the factorisation can sweep either way in O(votes).
 */
public final class VoteMatrix {
    private final int participants;
    private final int statements;
    private final int[] rowStart;
    private final int[] rowCol;
    private final byte[] rowVote;
    private final int[] colStart;
    private final int[] colRow;
    private final byte[] colVote;

    private VoteMatrix(int participants, int statements, int[] rowStart, int[] rowCol, byte[] rowVote) {
        this.participants = participants;
        this.statements = statements;
        this.rowStart = rowStart;
        this.rowCol = rowCol;
        this.rowVote = rowVote;
        int n = rowCol.length;
        colStart = new int[statements + 1];
        for (int k = 0; k < n; k++) {
            colStart[rowCol[k] + 1]++;
        }
        for (int j = 0; j < statements; j++) {
            colStart[j + 1] += colStart[j];
        }
        colRow = new int[n];
        colVote = new byte[n];
        int[] next = Arrays.copyOf(colStart, statements);
        for (int i = 0; i < participants; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                int at = next[rowCol[k]]++;
                colRow[at] = i;
                colVote[at] = rowVote[k];
            }
        }
    }

    /**
     * Builds the matrix from vote events; where a participant voted on a statement more than once, the
     * event with the largest {@code order} (timestamp, or position in the file) wins.
     */
    public static VoteMatrix of(int participants, int statements, int[] participant, int[] statement, byte[] vote, long[] order) {
        int n = participant.length;
        Integer[] idx = new Integer[n];
        for (int k = 0; k < n; k++) {
            idx[k] = k;
        }
        Arrays.sort(idx, (a, b) -> {
            int c = Integer.compare(participant[a], participant[b]);
            if (c == 0) {
                c = Integer.compare(statement[a], statement[b]);
            }
            if (c == 0) {
                c = Long.compare(order[a], order[b]);
            }
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] rowStart = new int[participants + 1];
        int[] cols = new int[n];
        byte[] votes = new byte[n];
        int m = 0;
        for (int t = 0; t < n; t++) {
            int k = idx[t];
            boolean lastOfPair = t + 1 == n || participant[idx[t + 1]] != participant[k] || statement[idx[t + 1]] != statement[k];
            if (lastOfPair) {
                cols[m] = statement[k];
                votes[m] = vote[k];
                rowStart[participant[k] + 1]++;
                m++;
            }
        }
        for (int i = 0; i < participants; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        return new VoteMatrix(participants, statements, rowStart, Arrays.copyOf(cols, m), Arrays.copyOf(votes, m));
    }

    /** From a dense table; {@code Byte.MIN_VALUE} marks a missing vote. Used by tests and the wide export. */
    public static VoteMatrix dense(byte[][] table, int statements) {
        int count = 0;
        for (byte[] row : table) {
            for (byte v : row) {
                if (v != Byte.MIN_VALUE) {
                    count++;
                }
            }
        }
        int[] p = new int[count];
        int[] s = new int[count];
        byte[] v = new byte[count];
        long[] o = new long[count];
        int k = 0;
        for (int i = 0; i < table.length; i++) {
            for (int j = 0; j < table[i].length; j++) {
                if (table[i][j] != Byte.MIN_VALUE) {
                    p[k] = i;
                    s[k] = j;
                    v[k] = table[i][j];
                    k++;
                }
            }
        }
        return of(table.length, statements, p, s, v, o);
    }

    public int participants() {
        return participants;
    }

    public int statements() {
        return statements;
    }

    public int size() {
        return rowCol.length;
    }

    public int rowStart(int participant) {
        return rowStart[participant];
    }

    public int rowEnd(int participant) {
        return rowStart[participant + 1];
    }

    public int rowCol(int k) {
        return rowCol[k];
    }

    public byte rowVote(int k) {
        return rowVote[k];
    }

    public int colStart(int statement) {
        return colStart[statement];
    }

    public int colEnd(int statement) {
        return colStart[statement + 1];
    }

    public int colRow(int k) {
        return colRow[k];
    }

    public byte colVote(int k) {
        return colVote[k];
    }

    /** The vote, or {@code null} when the participant never voted on the statement. */
    public Integer vote(int participant, int statement) {
        int k = Arrays.binarySearch(rowCol, rowStart[participant], rowStart[participant + 1], statement);
        return k >= 0 ? (int) rowVote[k] : null;
    }

    public int votesOf(int participant) {
        return rowStart[participant + 1] - rowStart[participant];
    }
}
