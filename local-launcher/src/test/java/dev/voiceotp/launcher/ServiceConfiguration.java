package dev.voiceotp.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one deployable module reads: its application.yml and the shared observability file it imports, its
 * port, the environment variables named in their placeholders, and every configuration property it knows, taken
 * from its own run-time class path (the one the launcher starts it with): the {@code @ConfigurationProperties}
 * records of the project and the configuration metadata of Spring Boot and the libraries.
 */
final class ServiceConfiguration {

    static final Path SHARED_YML = Path.of("otp-contract/src/main/resources/config/voice-otp-observability.yml");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:?)([^}]*)}");
    private static final String CONFIGURATION_PROPERTIES = "org.springframework.boot.context.properties.ConfigurationProperties";

    private final Path root;
    private final String module;
    private List<Known> knownProperties;

    /** A property (or family of properties) a service binds, as a pattern over normalized names, and its type. */
    private record Known(Pattern name, Class<?> type) {

        boolean isMultiValued() {
            return Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type) || type.isArray();
        }
    }

    ServiceConfiguration(Path root, String module) {
        this.root = root;
        this.module = module;
    }

    String module() {
        return module;
    }

    Map<String, Object> applicationYml() {
        return MonitoringFiles.readYaml(root.resolve(module).resolve("src/main/resources/application.yml"));
    }

    Map<String, Object> sharedYml() {
        return MonitoringFiles.readYaml(root.resolve(SHARED_YML));
    }

    int serverPort() {
        Object port = path(applicationYml(), "server", "port");
        Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(port));
        return Integer.parseInt(placeholder.matches() ? placeholder.group(3) : String.valueOf(port));
    }

    /** The actuator's own port ({@code management.server.port}, its default where a placeholder gives one). */
    int managementPort() {
        Object port = path(applicationYml(), "management", "server", "port");
        if (port == null) {
            throw new IllegalStateException("management.server.port is not set: the actuator would share the public port");
        }
        Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(port));
        return Integer.parseInt(placeholder.matches() ? placeholder.group(3) : String.valueOf(port));
    }

    /** Endpoints exposed over HTTP: the shared file's list wins, because an imported file overrides its importer. */
    List<String> exposedEndpoints() {
        Object shared = path(sharedYml(), "management", "endpoints", "web", "exposure", "include");
        Object own = path(applicationYml(), "management", "endpoints", "web", "exposure", "include");
        Object include = shared != null ? shared : own;
        return include == null ? List.of() : Arrays.stream(String.valueOf(include).split(",")).map(String::trim).toList();
    }

    /** Environment variables named in placeholders, with their default ({@code null} when there is none). */
    Map<String, String> placeholders() {
        Map<String, String> placeholders = new java.util.TreeMap<>();
        for (Path file : List.of(root.resolve(module).resolve("src/main/resources/application.yml"), root.resolve(SHARED_YML))) {
            Matcher matcher = PLACEHOLDER.matcher(read(file));
            while (matcher.find()) {
                placeholders.put(matcher.group(1), matcher.group(2).isEmpty() ? null : matcher.group(3));
            }
        }
        return placeholders;
    }

    /** Whether an environment variable reaches a property of this service, by Spring Boot's relaxed binding. */
    boolean reads(String variable) {
        if (placeholders().containsKey(variable)) {
            return true;
        }
        String normalized = normalize(variable);
        return knownProperties().stream().anyMatch(known -> known.name().matcher(normalized).matches());
    }

    /**
     * Whether a placeholder feeds a list or map property, which an empty value leaves empty (optional) rather than
     * blank (missing). Found by the placeholder's place in application.yml.
     */
    boolean feedsMultiValuedProperty(String variable) {
        String property = propertyWithPlaceholder(applicationYml(), "", variable);
        if (property == null) {
            return false;
        }
        String normalized = normalize(property);
        return knownProperties().stream().anyMatch(known -> known.isMultiValued() && known.name().matcher(normalized).matches());
    }

    private static String propertyWithPlaceholder(Map<String, Object> yaml, String prefix, String variable) {
        for (Map.Entry<String, Object> entry : yaml.entrySet()) {
            String name = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                String found = propertyWithPlaceholder((Map<String, Object>) nested, name, variable);
                if (found != null) {
                    return found;
                }
            } else if (String.valueOf(entry.getValue()).contains("${" + variable)) {
                return name;
            }
        }
        return null;
    }

    boolean dependsOn(String artifactId) {
        return read(root.resolve(module).resolve("pom.xml")).contains("<artifactId>" + artifactId + "</artifactId>");
    }

    private synchronized List<Known> knownProperties() {
        if (knownProperties == null) {
            List<Known> known = new ArrayList<>();
            try (URLClassLoader loader = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
                for (String className : projectClassNames()) {
                    Class<?> type = load(loader, className);
                    String prefix = type == null ? null : configurationPrefix(type);
                    if (prefix != null && type.isRecord()) {
                        addRecord(known, Pattern.quote(normalize(prefix)), type);
                    }
                }
                for (String resource : List.of("META-INF/spring-configuration-metadata.json", "META-INF/additional-spring-configuration-metadata.json")) {
                    for (URL url : Collections.list(loader.getResources(resource))) {
                        addMetadata(known, url);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            knownProperties = known;
        }
        return knownProperties;
    }

    private void addRecord(List<Known> known, String prefix, Class<?> type) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + Pattern.quote(normalize(component.getName()));
            Class<?> raw = component.getType();
            Type generic = component.getGenericType();
            if (raw.isRecord()) {
                addRecord(known, name, raw);
            } else if (Collection.class.isAssignableFrom(raw) && generic instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
                addRecord(known, name + "\\d+", element);
            } else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
                known.add(new Known(Pattern.compile(name + "(\\d+)?"), raw));
            } else if (Map.class.isAssignableFrom(raw)) {
                known.add(new Known(Pattern.compile(name + ".*"), raw));
            } else {
                known.add(new Known(Pattern.compile(name), raw));
            }
        }
    }

    private static void addMetadata(List<Known> known, URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            JsonNode metadata = JsonMapper.builder().build().readTree(in);
            for (JsonNode property : metadata.path("properties")) {
                String name = Pattern.quote(normalize(property.path("name").asString()));
                String type = property.path("type").asString();
                boolean nested = type.startsWith("java.util.Map") || type.startsWith("java.util.List") || type.endsWith("[]");
                known.add(new Known(Pattern.compile(nested ? name + ".*" : name), nested ? List.class : String.class));
            }
        }
    }

    private URL[] classPath() throws IOException {
        Path classes = root.resolve(module).resolve("target/classes");
        Path dependencies = root.resolve(module).resolve("target/runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(dependencies)) {
            throw new IllegalStateException(module + " is not built: run ./mvnw package -DskipTests first");
        }
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        for (String entry : Files.readString(dependencies).trim().split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }

    /** Classes of this module and of otp-contract, the two places configuration records of a service live. */
    private List<String> projectClassNames() throws IOException {
        List<String> names = new ArrayList<>(classNamesIn(root.resolve(module).resolve("target/classes")));
        for (String entry : Files.readString(root.resolve(module).resolve("target/runtime-classpath.txt")).trim().split(File.pathSeparator)) {
            if (entry.contains("otp-contract")) {
                names.addAll(Files.isDirectory(Path.of(entry)) ? classNamesIn(Path.of(entry)) : classNamesInJar(Path.of(entry)));
            }
        }
        return names;
    }

    private static List<String> classNamesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(file -> dir.relativize(file).toString()).filter(ServiceConfiguration::isTopLevelClass)
                    .map(ServiceConfiguration::className).toList();
        }
    }

    private static List<String> classNamesInJar(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(entry -> entry.getName()).filter(ServiceConfiguration::isTopLevelClass)
                    .map(ServiceConfiguration::className).toList();
        }
    }

    private static boolean isTopLevelClass(String path) {
        return path.endsWith(".class") && !path.contains("$") && !path.endsWith("package-info.class");
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.').replace(File.separatorChar, '.');
    }

    private static Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static String configurationPrefix(Class<?> type) {
        for (Annotation annotation : type.getAnnotations()) {
            if (annotation.annotationType().getName().equals(CONFIGURATION_PROPERTIES)) {
                try {
                    String prefix = (String) annotation.annotationType().getMethod("prefix").invoke(annotation);
                    return prefix.isEmpty() ? (String) annotation.annotationType().getMethod("value").invoke(annotation) : prefix;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }

    /** Relaxed binding's view of a name: case, dots, dashes, underscores and brackets do not matter. */
    static String normalize(String name) {
        return name.toLowerCase().replaceAll("[._\\-\\[\\]]", "");
    }

    static Object path(Map<String, Object> yaml, String... keys) {
        Object current = yaml;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
