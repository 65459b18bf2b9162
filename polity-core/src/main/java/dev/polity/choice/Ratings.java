package dev.polity.choice;

import java.util.List;
import java.util.Map;

/**
 * A rater x item table: row r says rater {@code rater[r]} gave {@code item[r]} the value {@code value[r]}.
 * {@code raterAttributes} holds each rater's attributes (from the first row that names the rater).
 */
public record Ratings(List<Object> items, List<String> raters, int[] rater, int[] item, double[] value,
                      List<String> attributeNames, List<Map<String, String>> raterAttributes, String valueName) {
    public int size() {
        return value.length;
    }
}
