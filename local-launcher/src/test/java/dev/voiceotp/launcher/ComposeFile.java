package dev.voiceotp.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml as the tests read it: services, their raw environment (YAML merge keys applied by
 * SnakeYAML) and the environment as a container would see it, with compose's {@code ${VAR:-default}} taking its
 * default and {@code ${VAR:?message}} a stand-in value named after the variable.
 */
final class ComposeFile {

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(?:(:?[-?])([^}]*))?}");

    private final Map<String, Object> root;

    ComposeFile(Path file) {
        this.root = MonitoringFiles.readYaml(file);
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) root.get("services");
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        if (service == null) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    /** The services built from a module of this repository, by name. */
    /** A build argument of a service built from the shared Dockerfile. */
    String buildArgument(String serviceName, String argument) {
        Object build = service(serviceName).get("build");
        if (build instanceof Map<?, ?> map && map.get("args") instanceof Map<?, ?> args && args.get(argument) != null) {
            return String.valueOf(args.get(argument));
        }
        throw new AssertionError(serviceName + " has no build argument " + argument);
    }

    /** Services built from the shared Dockerfile, with the module each one's MODULE build argument names. */
    Map<String, String> builtServices() {
        Map<String, String> built = new LinkedHashMap<>();
        services().forEach((name, service) -> {
            Object build = service.get("build");
            if (build instanceof Map<?, ?> map && map.get("args") instanceof Map<?, ?> args) {
                built.put(name, String.valueOf(args.get("MODULE")));
            }
        });
        return built;
    }

    @SuppressWarnings("unchecked")
    Map<String, String> rawEnvironment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        Object declared = service(service).get("environment");
        if (declared instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((name, value) -> environment.put(name, value == null ? "" : String.valueOf(value)));
        } else if (declared instanceof List<?> list) {
            list.forEach(entry -> {
                String[] pair = String.valueOf(entry).split("=", 2);
                environment.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
        }
        return environment;
    }

    Map<String, String> resolvedEnvironment(String service) {
        Map<String, String> resolved = new LinkedHashMap<>();
        rawEnvironment(service).forEach((name, value) -> resolved.put(name, interpolate(value)));
        return resolved;
    }

    /** Variables compose insists on ({@code ${VAR:?message}}) anywhere in the file. */
    Set<String> requiredVariables(String text) {
        Set<String> required = new TreeSet<>();
        Matcher matcher = INTERPOLATION.matcher(text);
        while (matcher.find()) {
            if ("?".equals(matcher.group(2)) || ":?".equals(matcher.group(2))) {
                required.add(matcher.group(1));
            }
        }
        return required;
    }

    static String interpolate(String value) {
        Matcher matcher = INTERPOLATION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String operator = matcher.group(2);
            String replacement = operator != null && operator.endsWith("-") ? matcher.group(3) : "value-of-" + matcher.group(1);
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(resolved).toString();
    }

    static boolean isRequired(String value) {
        Matcher matcher = INTERPOLATION.matcher(value);
        return matcher.find() && matcher.group(2) != null && matcher.group(2).endsWith("?");
    }
}
