package dev.polity.choice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LeastDistanceTest {
    @Test
    void theShortestPointOfAHalfPlaneIsItsFootFromTheOrigin() {
        // x + y >= 2: the nearest point to the origin is (1, 1)
        assertArrayEquals(new double[] {1, 1}, LeastDistance.solve(new double[][] {{1, 1}}, new double[] {2}), 1e-12);
    }

    @Test
    void aCornerWithDegenerateConstraintsIsFoundExactly() {
        // x >= 1, y >= 2, and x + y >= 3 tight at the same corner (1, 2): degenerate, as at a vertex of the lotteries
        double[] x = LeastDistance.solve(new double[][] {{1, 0}, {0, 1}, {1, 1}, {1, 1}}, new double[] {1, 2, 3, 3});
        assertArrayEquals(new double[] {1, 2}, x, 1e-12);
    }

    @Test
    void constraintsTheOriginMeetsLeaveItAlone() {
        assertArrayEquals(new double[] {0, 0}, LeastDistance.solve(new double[][] {{1, 0}, {0, -1}}, new double[] {-1, -3}), 0);
    }

    @Test
    void noPointIsAnError() {
        assertThrows(IllegalStateException.class, () -> LeastDistance.solve(new double[][] {{1}, {-1}}, new double[] {1, 1}));
    }
}
