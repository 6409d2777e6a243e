package dev.voiceotp.launcher;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample names of one or more {@code /actuator/prometheus} scrapes (Prometheus text format), and the
 * families they belong to. A name a dashboard uses exists when a scrape has exactly that sample, or when the
 * name less a family suffix ({@code _total}, {@code _count}, {@code _sum}, {@code _max}) is a family: the text
 * and OpenMetrics formats name counters differently. {@code _bucket} must exist as such, because a timer without
 * a histogram has every other sample but that one, and a quantile panel would stay empty.
 */
final class PrometheusScrape {

    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");
    private static final List<String> FAMILY_SUFFIXES = List.of("_total", "_count", "_sum", "_max", "_created");

    private final Set<String> samples = new TreeSet<>();
    private final Set<String> families = new TreeSet<>();

    PrometheusScrape add(String exposition) {
        for (String line : exposition.lines().toList()) {
            Matcher type = TYPE.matcher(line);
            if (type.find()) {
                families.add(type.group(1));
                families.add(family(type.group(1)));
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.find()) {
                samples.add(sample.group(1));
                families.add(family(sample.group(1)));
            }
        }
        return this;
    }

    boolean has(String name) {
        if (samples.contains(name)) {
            return true;
        }
        return !name.endsWith("_bucket") && !family(name).equals(name) && families.contains(family(name));
    }

    Set<String> samples() {
        return samples;
    }

    private static String family(String name) {
        for (String suffix : FAMILY_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }
}
