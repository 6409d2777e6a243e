package dev.voiceotp.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import tools.jackson.databind.JsonNode;

/**
 * docker-compose.yml, prometheus/ and grafana/ against the services' own configuration, without Docker: every
 * service the compose file builds comes from its module's executable jar and listens where its application.yml
 * says; every environment variable compose sets is one the service reads; every secret a service needs is
 * demanded by compose; Prometheus scrapes each service on its port and actuator path and loads the rules compose
 * mounts; each alert carries a runbook section of docs/operations.md; Grafana's dashboards use the data source it
 * provisions.
 */
class DeploymentConfigTest {

    private static final Path ROOT = Checkout.root();
    private static final ComposeFile COMPOSE = new ComposeFile(ROOT.resolve("docker-compose.yml"));
    /** Read by the JVM or the image, not by Spring. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    /** Placeholders with an empty default that the service accepts empty (meaning: not used); lists are found alone. */
    private static final Set<String> OPTIONAL_PLACEHOLDERS = Set.of("PLIVO_API_BASE_URL", "LOG_FORMAT",
            "PLIVO_PHLO_ID", "PLIVO_PHLO_RUNNER_URL", "OTP_PREVIOUS_HMAC_SECRETS", "WORKER_INSTANCE_ID");

    @Test
    void shouldBuildEachServiceImageFromItsModulesExecutableJarAndPort() throws IOException {
        assertThat(COMPOSE.builtServices()).containsOnlyKeys("api-gateway", "otp-worker", "verifier", "plivo-sandbox");
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("COPY ${MODULE}/target/${MODULE}-*-exec.jar").contains("EXPOSE ${PORT}")
                .containsPattern("(?m)^USER (?!root)\\w+");
        assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("!*/target/*-exec.jar");
        for (Map.Entry<String, String> built : COMPOSE.builtServices().entrySet()) {
            String module = built.getValue();
            assertThat(built.getKey()).isEqualTo(module);
            assertThat(Files.isDirectory(ROOT.resolve(module).resolve("src/main/java"))).as(module + " is a module").isTrue();
            assertThat(COMPOSE.buildArgument(module, "PORT")).as(module + " PORT").isEqualTo(String.valueOf(service(module).serverPort()));
        }
    }

    @Test
    void shouldPinEveryImageLimitMemoryAndCheckHealth() {
        COMPOSE.services().forEach((name, service) -> {
            String image = String.valueOf(service.get("image"));
            assertThat(image).as(name + " image").matches("[\\w./-]+:[\\w.${}:-]*\\d[\\w.${}:-]*").doesNotEndWith(":latest");
            assertThat(ServiceConfiguration.path(service, "deploy", "resources", "limits", "memory")).as(name + " memory limit").isNotNull();
            assertThat(ServiceConfiguration.path(service, "healthcheck", "test")).as(name + " healthcheck").isNotNull();
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldStartEveryServiceOnlyOnceItsDependenciesAreHealthy() {
        COMPOSE.services().forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            if (dependsOn == null) {
                return;
            }
            assertThat(dependsOn).as(name + " depends_on must name conditions").isInstanceOf(Map.class);
            ((Map<String, Map<String, Object>>) dependsOn).forEach((dependency, condition) -> {
                assertThat(condition.get("condition")).as(name + " -> " + dependency).isEqualTo("service_healthy");
                assertThat(COMPOSE.service(dependency)).containsKey("healthcheck");
            });
        });
    }

    @Test
    void shouldLetTheWorkerScaleOut() {
        Map<String, Object> worker = COMPOSE.service("otp-worker");

        assertThat(worker).doesNotContainKeys("container_name", "ports", "hostname");
        assertThat(String.valueOf(worker.get("expose"))).contains(Integer.toString(service("otp-worker").serverPort()));
    }

    @Test
    void shouldProbeEachServiceOnItsPortAndReadinessGroup() {
        COMPOSE.builtServices().forEach((name, module) -> {
            String probe = String.valueOf(ServiceConfiguration.path(COMPOSE.service(name), "healthcheck", "test"));
            boolean sandbox = "plivo-sandbox".equals(name);
            String path = sandbox ? "/actuator/health" : "/actuator/health/readiness";
            int actuatorPort = sandbox ? service(module).serverPort() : service(module).managementPort();
            assertThat(probe).as(name + " healthcheck").contains("localhost:" + actuatorPort + path);
            Object ports = COMPOSE.service(name).get("ports");
            if (ports != null) {
                assertThat(String.valueOf(ports)).as(name + " published port").contains(":" + service(module).serverPort());
                if (!sandbox) {
                    assertThat(String.valueOf(ports)).as(name + " publishes no management port")
                            .doesNotContain(Integer.toString(service(module).managementPort()));
                }
            }
        });
    }

    @Test
    void shouldKeepKafkaAndRedisOffTheHostAndRedisBehindAPassword() {
        assertThat(COMPOSE.service("kafka")).doesNotContainKey("ports");
        assertThat(COMPOSE.service("redis")).doesNotContainKey("ports");
        assertThat(String.valueOf(COMPOSE.service("redis").get("command"))).contains("--requirepass, ${REDIS_PASSWORD:?");
        assertThat(String.valueOf(COMPOSE.service("grafana").get("ports"))).startsWith("[127.0.0.1:");
    }

    @Test
    void shouldSetOnlyEnvironmentVariablesTheServicesRead() {
        Map<String, List<String>> unread = new LinkedHashMap<>();
        COMPOSE.builtServices().forEach((name, module) -> {
            ServiceConfiguration service = service(module);
            List<String> names = COMPOSE.rawEnvironment(name).keySet().stream()
                    .filter(variable -> !JVM_VARIABLES.contains(variable) && !service.reads(variable)).toList();
            if (!names.isEmpty()) {
                unread.put(name, names);
            }
        });

        assertThat(unread).as("environment variables compose sets that no property of the service reads").isEmpty();
    }

    @Test
    void shouldDemandEverySecretAServiceCannotStartWithout() throws IOException {
        String composeText = Files.readString(ROOT.resolve("docker-compose.yml"));
        COMPOSE.builtServices().forEach((name, module) -> {
            Map<String, String> environment = COMPOSE.rawEnvironment(name);
            ServiceConfiguration service = service(module);
            service.placeholders().forEach((variable, fallback) -> {
                if ((fallback == null || fallback.isEmpty()) && !OPTIONAL_PLACEHOLDERS.contains(variable)
                        && !service.feedsMultiValuedProperty(variable)) {
                    assertThat(environment).as(name + " needs " + variable).containsKey(variable);
                    assertThat(ComposeFile.isRequired(environment.get(variable))).as(name + ": " + variable + " must use ${VAR:?...}").isTrue();
                }
            });
        });
        Set<String> exampleVariables = Files.readAllLines(ROOT.resolve(".env.example")).stream()
                .filter(line -> line.matches("[A-Z][A-Z0-9_]*=.*")).map(line -> line.substring(0, line.indexOf('=')))
                .collect(Collectors.toSet());
        assertThat(exampleVariables).as(".env.example lists every variable compose demands")
                .containsAll(COMPOSE.requiredVariables(composeText));
    }

    @Test
    void shouldBindTheProducerAppAndInfrastructureSettingsLikeTheServicesDo() {
        for (String name : List.of("api-gateway", "otp-worker", "verifier")) {
            Map<String, Object> environment = new LinkedHashMap<>(COMPOSE.resolvedEnvironment(name));
            Binder binder = new Binder(ConfigurationPropertySources.from(
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)));

            ProducerAppsProperties apps = binder.bind("voice-otp", Bindable.of(ProducerAppsProperties.class)).get();

            assertThat(apps.apps()).as(name).singleElement().satisfies(app -> {
                assertThat(app.id()).isEqualTo("demo");
                assertThat(app.apiKeySha256()).containsExactly("value-of-VOICE_OTP_APP_KEY_SHA256");
            });
            // Redis requires the password (requirepass below): every service's URL carries it
            assertThat(binder.bind("spring.data.redis.url", String.class).get()).as(name)
                    .isEqualTo("redis://:value-of-REDIS_PASSWORD@redis:6379");
            assertThat(binder.bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class)).get()).as(name).containsExactly("kafka:9092");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldScrapeEveryServiceOnItsPortAtItsPrometheusEndpoint() {
        Map<String, Object> prometheus = MonitoringFiles.readYaml(ROOT.resolve("prometheus/prometheus.yml"));
        Map<String, Integer> scraped = new LinkedHashMap<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) prometheus.get("scrape_configs")) {
            if ("prometheus".equals(job.get("job_name"))) {
                continue;
            }
            assertThat(job.get("metrics_path")).as(job.get("job_name") + " path").isEqualTo("/actuator/prometheus");
            for (Map<String, Object> discovery : (List<Map<String, Object>>) job.get("dns_sd_configs")) {
                for (String host : (List<String>) discovery.get("names")) {
                    scraped.put(host, (Integer) discovery.get("port"));
                }
            }
        }

        Map<String, String> expected = new LinkedHashMap<>(COMPOSE.builtServices());
        expected.remove("plivo-sandbox");
        assertThat(scraped).as("scrape targets").containsOnlyKeys(expected.keySet());
        expected.forEach((name, module) -> {
            ServiceConfiguration service = service(module);
            assertThat(scraped.get(name)).as(name + " management port").isEqualTo(service.managementPort())
                    .isNotEqualTo(service.serverPort());
            assertThat(service.exposedEndpoints()).as(name + " exposes").contains("prometheus");
            assertThat(service.dependsOn("micrometer-registry-prometheus")).as(name + " has the Prometheus registry").isTrue();
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldMountThePrometheusConfigurationAndRulesWhereTheConfigurationLooksForThem() throws IOException {
        Map<String, Object> prometheus = MonitoringFiles.readYaml(ROOT.resolve("prometheus/prometheus.yml"));
        List<String> volumes = (List<String>) COMPOSE.service("prometheus").get("volumes");
        assertThat(volumes).contains("./prometheus:/etc/prometheus:ro");
        assertThat(String.valueOf(COMPOSE.service("prometheus").get("command"))).contains("--config.file=/etc/prometheus/prometheus.yml");
        for (String ruleFiles : (List<String>) prometheus.get("rule_files")) {
            assertThat(ruleFiles).startsWith("/etc/prometheus/");
            Path local = ROOT.resolve("prometheus").resolve(ruleFiles.substring("/etc/prometheus/".length()));
            try (var files = Files.newDirectoryStream(local.getParent(), local.getFileName().toString())) {
                assertThat(files).as(ruleFiles).isNotEmpty();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldGiveEveryAlertASeverityADescriptionAndARunbookSection() throws IOException {
        Set<String> anchors = anchors(Files.readString(ROOT.resolve("docs/operations.md")));
        MonitoringFiles files = new MonitoringFiles(ROOT);
        List<Map<String, Object>> alerts = new ArrayList<>();
        Files.list(ROOT.resolve("prometheus/rules")).forEach(file -> alerts.addAll(files.rules(file)));

        assertThat(alerts).isNotEmpty();
        for (Map<String, Object> alert : alerts) {
            String name = String.valueOf(alert.get("alert"));
            assertThat(alert).as(name).containsKeys("expr", "for", "labels", "annotations");
            assertThat(ServiceConfiguration.path(alert, "labels", "severity")).as(name).isIn("critical", "warning");
            Map<String, Object> annotations = (Map<String, Object>) alert.get("annotations");
            assertThat(annotations).as(name).containsKeys("summary", "description", "runbook_url");
            String runbook = String.valueOf(annotations.get("runbook_url"));
            assertThat(runbook).as(name).startsWith("docs/operations.md#");
            assertThat(anchors).as(name + " runbook section").contains(runbook.substring(runbook.indexOf('#') + 1));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldProvisionTheDataSourceAndTheDashboardsWhereGrafanaReadsThem() {
        Map<String, Object> datasources = MonitoringFiles.readYaml(ROOT.resolve("grafana/provisioning/datasources/prometheus.yml"));
        Map<String, Object> datasource = ((List<Map<String, Object>>) datasources.get("datasources")).getFirst();
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:" + 9090);
        assertThat(String.valueOf(COMPOSE.service("prometheus").get("ports"))).contains("9090:9090");

        Map<String, Object> providers = MonitoringFiles.readYaml(ROOT.resolve("grafana/provisioning/dashboards/voice-otp.yml"));
        String dashboardPath = String.valueOf(ServiceConfiguration.path(((List<Map<String, Object>>) providers.get("providers")).getFirst(), "options", "path"));
        List<String> volumes = (List<String>) COMPOSE.service("grafana").get("volumes");
        assertThat(volumes).contains("./grafana/provisioning:/etc/grafana/provisioning:ro", "./grafana/dashboards:" + dashboardPath + ":ro");

        MonitoringFiles files = new MonitoringFiles(ROOT);
        Set<String> uids = new TreeSet<>();
        Set<String> titles = new TreeSet<>();
        for (Path dashboard : files.dashboards()) {
            JsonNode root = files.readJson(dashboard);
            assertThat(uids.add(root.path("uid").asString())).as(dashboard + " uid is unique").isTrue();
            titles.add(root.path("title").asString());
            root.path("panels").valueStream().filter(panel -> !"row".equals(panel.path("type").asString())).forEach(panel -> {
                assertThat(panel.path("datasource").path("uid").asString()).as(dashboard + ": " + panel.path("title").asString())
                        .isEqualTo(datasource.get("uid"));
                assertThat(panel.path("targets").size()).as(dashboard + ": " + panel.path("title").asString()).isPositive();
            });
        }
        assertThat(titles).contains("voice-otp / Overview", "voice-otp / Delivery", "voice-otp / Fraud and limits", "voice-otp / Producer app");
        JsonNode perApp = files.readJson(ROOT.resolve("grafana/dashboards/producer-app.json"));
        assertThat(perApp.path("templating").path("list").valueStream().map(variable -> variable.path("name").asString()))
                .contains("app");
    }

    private static ServiceConfiguration service(String module) {
        return new ServiceConfiguration(ROOT, module);
    }

    /** GitHub's anchors for the headings of a Markdown page. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        Matcher heading = Pattern.compile("(?m)^#{1,6} (.+)$").matcher(markdown);
        while (heading.find()) {
            anchors.add(heading.group(1).trim().toLowerCase().replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
        }
        return anchors;
    }
}
