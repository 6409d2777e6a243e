package dev.voiceotp.launcher;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, found without a full parser: strings, label matchers, ranges and
 * grouping clauses are removed first (they hold label names and values, never metric names); what remains are
 * metric names, function and aggregation names (always followed by {@code (}, or by {@code by}/{@code without}),
 * keywords and numbers. Grafana variables ({@code $app}, {@code $__rate_interval}) are removed as well.
 */
final class PromQl {

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^{}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^\\[\\]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    /** A name not glued to a word character, dot or colon before it, so {@code 5m}, {@code 1e3} and {@code 0.5} are not names. */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

    /** Keywords, aggregation operators and literals: names that can stand without a following parenthesis. */
    private static final Set<String> NOT_METRICS = Set.of(
            "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset",
            "atan2", "inf", "nan", "start", "end",
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio");

    private PromQl() {
    }

    static Set<String> metricNames(String expression) {
        String rest = STRINGS.matcher(expression).replaceAll(" ");
        rest = VARIABLES.matcher(rest).replaceAll(" ");
        rest = removeRepeatedly(LABEL_MATCHERS, rest);
        rest = removeRepeatedly(RANGES, rest);
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifiers = IDENTIFIER.matcher(rest);
        while (identifiers.find()) {
            String name = identifiers.group(1);
            boolean isCall = identifiers.group(2) != null;
            if (!isCall && !NOT_METRICS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    private static String removeRepeatedly(Pattern pattern, String text) {
        String previous;
        String current = text;
        do {
            previous = current;
            current = pattern.matcher(previous).replaceAll(" ");
        } while (!current.equals(previous));
        return current;
    }
}
