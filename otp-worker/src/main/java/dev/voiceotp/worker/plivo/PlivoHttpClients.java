package dev.voiceotp.worker.plivo;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.worker.WorkerProperties;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The HTTP client under every SDK client of the worker: the worker's timeouts; no OkHttp retry (a silently
 * repeated POST could place a second call); the exchanges recorded, so failures can be sorted; and, when a base
 * URL is configured (the sandbox), every request rewritten to that host. Rewriting at the HTTP layer is the only
 * way that covers the SDK's fallback hosts and its clients that ignore their base-URL argument.
 *
 * <p>The connection pool is not ours to size: {@code PlivoClient} sets its own on this builder (5 idle connections
 * for 5 minutes), so with more requests than that at once the extra connections are closed after use.
 */
final class PlivoHttpClients {

    private PlivoHttpClients() {
    }

    static OkHttpClient.Builder builder(WorkerProperties.Plivo plivo, PlivoExchanges exchanges, @Nullable URI baseUrl) {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(plivo.connectTimeout())
                .readTimeout(plivo.readTimeout())
                .writeTimeout(plivo.readTimeout())
                .retryOnConnectionFailure(false)
                .eventListenerFactory(exchanges.sendTracker());
        if (baseUrl != null && !baseUrl.toString().isBlank()) {
            HttpUrl target = HttpUrl.get(baseUrl.toString());
            http.addInterceptor(chain -> chain.proceed(chain.request().newBuilder().url(chain.request().url().newBuilder()
                    .scheme(target.scheme()).host(target.host()).port(target.port()).build()).build()));
        }
        return http.addInterceptor(exchanges.statusRecorder());
    }
}
