package dev.voiceotp.worker.app;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.DeliveryMethod;
import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.app.ProducerAppsProperties.App;
import dev.voiceotp.worker.WorkerProperties;

/**
 * A producer app's call settings with the worker's defaults filled in, in one place, so that the answer XML, the
 * Call API request and the PHLO run cannot disagree about which caller id or language an app gets. Looked up
 * by id in a map built once: the answer webhook asks on every call.
 */
@Component
public class AppSettings {

    private static final String UNKNOWN_BRAND = "your verification service";

    private final Map<String, App> apps;
    private final WorkerProperties properties;

    public AppSettings(ProducerAppsProperties apps, WorkerProperties properties) {
        this.apps = apps.apps().stream().collect(Collectors.toUnmodifiableMap(App::id, Function.identity()));
        this.properties = properties;
    }

    /** The name the greeting says. */
    public String brand(String appId) {
        return find(appId).map(App::name).orElse(UNKNOWN_BRAND);
    }

    /** The number the callee sees (E.164): the app's own caller id, else the worker's from-number. */
    public String callerId(String appId) {
        return find(appId).map(App::callerId).orElse(properties.plivo().fromNumber());
    }

    /** The app's prompt language when a request names none, or null to go by the number's country. */
    public @Nullable String defaultLocale(String appId) {
        return find(appId).map(App::defaultLocale).orElse(null);
    }

    /** How to reach the person: the request's choice, else the app's, else the Call API. */
    public DeliveryMethod delivery(OtpRequest request) {
        if (request.delivery() != null) {
            return request.delivery();
        }
        return find(request.appId()).map(App::delivery).orElse(DeliveryMethod.CALL);
    }

    /** The PHLO to run for an app: its own, else the worker's default; empty when neither is configured. */
    public Optional<String> phloId(String appId) {
        return find(appId).map(App::phloId).or(() -> Optional.ofNullable(properties.phlo().defaultPhloId()))
                .filter(id -> !id.isBlank());
    }

    private Optional<App> find(String appId) {
        return Optional.ofNullable(apps.get(appId));
    }
}
