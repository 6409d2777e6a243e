package dev.voiceotp.verifier;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/** Records every observation the application starts, with its parent, so tests can tell what was traced. */
public final class ObservationsSeen implements ObservationHandler<Observation.Context> {

    /** One started observation: its name, its parent's name, and its context. */
    public record Seen(String name, @Nullable String parent, Observation.Context context) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @Override
    public void onStart(Observation.Context context) {
        var parent = context.getParentObservation();
        seen.add(new Seen(context.getName(), parent == null ? null : parent.getContextView().getName(), context));
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return true;
    }

    public List<Seen> named(String name) {
        return seen.stream().filter(observation -> observation.name().equals(name)).toList();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        ObservationsSeen observationsSeen() {
            return new ObservationsSeen();
        }
    }
}
