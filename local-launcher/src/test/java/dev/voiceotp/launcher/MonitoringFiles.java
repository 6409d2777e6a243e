package dev.voiceotp.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PromQL of the monitoring files, by where it is written: every target of every Grafana dashboard panel
 * (rows included), every dashboard variable query, and every alert and recording rule.
 */
final class MonitoringFiles {

    /** Series Prometheus makes itself, or that rules define; no service exports them. */
    static final Set<String> NOT_SCRAPED = Set.of("up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds");

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,)]+)");

    private final Path projectDir;

    MonitoringFiles(Path projectDir) {
        this.projectDir = projectDir;
    }

    /** Metric names by the place that reads them, such as {@code grafana/dashboards/overview.json: Requests by outcome}. */
    Map<String, Set<String>> metricsByPlace() {
        Map<String, Set<String>> places = new TreeMap<>();
        for (Path dashboard : files(projectDir.resolve("grafana/dashboards"), ".json")) {
            dashboardQueries(dashboard).forEach((place, query) -> add(places, place, query));
        }
        Set<String> recorded = new TreeSet<>();
        for (Path rules : files(projectDir.resolve("prometheus/rules"), ".yml")) {
            for (Map<String, Object> rule : rules(rules)) {
                String name = String.valueOf(rule.getOrDefault("alert", rule.get("record")));
                add(places, relative(rules) + ": " + name, String.valueOf(rule.get("expr")));
                if (rule.containsKey("record")) {
                    recorded.add(String.valueOf(rule.get("record")));
                }
            }
        }
        places.values().forEach(names -> {
            names.removeAll(NOT_SCRAPED);
            names.removeAll(recorded);
        });
        places.values().removeIf(Set::isEmpty);
        return places;
    }

    /** Every query of a dashboard: panel targets (nested rows included) and variable queries. */
    Map<String, String> dashboardQueries(Path dashboard) {
        JsonNode root = readJson(dashboard);
        Map<String, String> queries = new TreeMap<>();
        List<JsonNode> panels = root.path("panels").valueStream()
                .flatMap(panel -> Stream.concat(Stream.of(panel), panel.path("panels").valueStream())).toList();
        for (JsonNode panel : panels) {
            int i = 0;
            for (JsonNode target : panel.path("targets")) {
                queries.put(relative(dashboard) + ": " + panel.path("title").asString() + " #" + i++, target.path("expr").asString());
            }
        }
        for (JsonNode variable : root.path("templating").path("list")) {
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asString() : query.asString();
            Matcher labelValues = LABEL_VALUES.matcher(text);
            queries.put(relative(dashboard) + ": variable " + variable.path("name").asString(),
                    labelValues.find() ? labelValues.group(1) : "prometheus".equals(variable.path("type").asString()) ? "" : text);
        }
        return queries;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rules(Path file) {
        Map<String, Object> root = readYaml(file);
        return ((List<Map<String, Object>>) root.get("groups")).stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream()).toList();
    }

    List<Path> dashboards() {
        return files(projectDir.resolve("grafana/dashboards"), ".json");
    }

    JsonNode readJson(Path file) {
        try {
            return JsonMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> readYaml(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String relative(Path file) {
        return projectDir.relativize(file).toString();
    }

    private static void add(Map<String, Set<String>> places, String place, String query) {
        places.computeIfAbsent(place, p -> new TreeSet<>()).addAll(PromQl.metricNames(query));
    }

    private static List<Path> files(Path dir, String extension) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.toString().endsWith(extension)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
