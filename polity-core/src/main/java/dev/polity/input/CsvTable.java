package dev.polity.input;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV file read whole through {@link CsvReader} (same rules): the header and every row with the line
 * it starts on. Columns are found by name; cells are read as text, whole numbers or numbers, and a cell
 * that is not what was expected is a one-line error naming the file, the line and the column.
 */
public record CsvTable(Header header, List<Row> rows) {

    public CsvTable {
        rows = List.copyOf(rows);
    }

    public static CsvTable read(Path file) {
        return read(file, CsvReader.ShortRows.ERROR);
    }

    public static CsvTable read(Path file, CsvReader.ShortRows shortRows) {
        try (CsvReader r = CsvReader.open(file, shortRows)) {
            return new CsvTable(r.header(), r.rows());
        }
    }

    /** CSV text held in memory, reported as {@code file}. */
    public static CsvTable parse(String file, String text) {
        try (CsvReader r = CsvReader.of(file, text)) {
            return new CsvTable(r.header(), r.rows());
        }
    }

    public String file() {
        return header.file();
    }

    /** The index of a column; a one-line error listing the columns when there is none of that name. */
    public int column(String name) {
        return header.column(name);
    }

    /** As {@link #column(String)}, the error starting with the option that named the column. */
    public int column(String name, String option) {
        return header.column(name, option);
    }

    public boolean has(String name) {
        return header.find(name) >= 0;
    }

    /** The header row: column names as written (stripped), found ignoring case. */
    public static final class Header {
        private final String file;
        private final int line;
        private final List<String> names;
        private final Map<String, Integer> index = new HashMap<>();

        Header(String file, int line, List<String> names) {
            this.file = file;
            this.line = line;
            this.names = List.copyOf(names);
            for (int c = 0; c < names.size(); c++) {
                String name = names.get(c);
                if (name.isEmpty()) {
                    continue;
                }
                Integer before = index.putIfAbsent(key(name), c);
                if (before != null) {
                    throw new InvalidInputException(file, line, "duplicate column '" + name + "' in the header (columns "
                            + (before + 1) + " and " + (c + 1) + ")");
                }
            }
        }

        private static String key(String name) {
            return name.toLowerCase(Locale.ROOT);
        }

        public String file() {
            return file;
        }

        /** The line the header is on (1 unless empty lines come first). */
        public int line() {
            return line;
        }

        public List<String> names() {
            return names;
        }

        public int size() {
            return names.size();
        }

        public String name(int column) {
            return names.get(column);
        }

        /** The index of the first of {@code candidates} the header has; -1 when it has none. */
        public int find(String... candidates) {
            for (String name : candidates) {
                Integer c = index.get(key(name.strip()));
                if (c != null) {
                    return c;
                }
            }
            return -1;
        }

        public int column(String name) {
            return column(name, null);
        }

        /** The index of a column, or a one-line error (prefixed with the option, when given) listing the columns. */
        public int column(String name, String option) {
            int c = find(name);
            if (c < 0) {
                throw error((option == null ? "" : option + ": ") + "no column '" + name + "'; the columns are " + String.join(", ", names));
            }
            return c;
        }

        /** An error about the header, at its line. */
        public InvalidInputException error(String message) {
            return new InvalidInputException(file, line, message);
        }
    }

    /** One record: its cells as written and the line it starts on. */
    public static final class Row {
        private final Header header;
        private final int line;
        private final String[] cells;

        Row(Header header, int line, String[] cells) {
            this.header = header;
            this.line = line;
            this.cells = cells;
        }

        public String file() {
            return header.file();
        }

        public int line() {
            return line;
        }

        /** The cells as written, one per column. */
        public List<String> values() {
            return List.of(cells);
        }

        /** The cell as written. */
        public String text(int column) {
            return cells[column];
        }

        /** Whether the cell is empty or only spaces. */
        public boolean isBlank(int column) {
            return cells[column].isBlank();
        }

        /** The cell as a whole number in int range; anything else is an error naming the line and column. */
        public int integer(int column) {
            long v = longInteger(column);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw invalid(column, "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
            }
            return (int) v;
        }

        /** The cell as a whole number (surrounding spaces allowed); anything else is an error naming the line and column. */
        public long longInteger(int column) {
            try {
                return Long.parseLong(cells[column].strip());
            } catch (NumberFormatException e) {
                throw invalid(column, "a whole number");
            }
        }

        /**
         * The cell as a finite decimal number ({@code 3}, {@code -0.5}, {@code 1e-3}; not {@code NaN},
         * {@code Infinity}, hexadecimal or Java's {@code 1d}); anything else is an error naming the line and column.
         */
        public double number(int column) {
            double v = decimal(cells[column].strip());
            if (!Double.isFinite(v)) {
                throw invalid(column, "a number");
            }
            return v;
        }

        /** The cell as a finite number above zero; anything else is an error naming the line and column. */
        public double positiveNumber(int column) {
            double v = decimal(cells[column].strip());
            if (!(v > 0) || Double.isInfinite(v)) {
                throw invalid(column, "a positive number");
            }
            return v;
        }

        /** The value of a decimal number; NaN for any other text. */
        private static double decimal(String s) {
            if (!isDecimal(s)) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        /** Only the characters of a decimal number; Double.parseDouble checks their order. */
        private static boolean isDecimal(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if ((c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                    return false;
                }
            }
            return !s.isEmpty();
        }

        /** {@code FILE:LINE: column 'NAME': expected WHAT, got 'CELL'}. */
        public InvalidInputException invalid(int column, String expected) {
            String cell = cells[column].strip();
            return error("column '" + header.name(column) + "': expected " + expected + ", got '"
                    + (cell.length() > 60 ? cell.substring(0, 60) + "..." : cell) + "'");
        }

        /** An error about this row, at the line it starts on. */
        public InvalidInputException error(String message) {
            return new InvalidInputException(header.file(), line, message);
        }
    }
}
