package dev.voiceotp.worker.phlo;

import java.net.URI;
import java.util.Map;

import com.plivo.api.PhloRestClient;
import com.plivo.api.PlivoClient;
import com.plivo.api.models.phlo.PhloUpdater;

import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.call.PlivoExchanges;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * plivo-java's own PHLO run request ({@code Phlo.updater(phloId).payload(...).run()}), pointed at a client the
 * worker builds, so that no SDK static is touched.
 *
 * <p>Why a subclass: {@code Phlo.updater} reads its client from the static {@code Plivo.getPhloClient()}, which
 * only {@code Plivo.init(id, token)} creates, from the static {@code PhloRestClient.BASE_URL} and with OkHttp's
 * default timeouts; {@code .client(...)} sets another field that {@code run()} never reads. Initialising those
 * statics would make the PHLO client one mutable global per JVM (one account and URL, set from a class in the
 * SDK's package, racing between application contexts in tests). The subclass sets the protected field that
 * {@code run()} reads, per request, and everything else is the SDK's code path.
 */
final class PhloRunRequest extends PhloUpdater {

    PhloRunRequest(PlivoClient client, String phloId, Map<String, Object> payload) {
        super(phloId);
        this.plivoClient = client; // PhloUpdater's own field: the one run() sends with
        client(client); // BaseRequest's field: the one validate() insists on
        payload(payload);
    }

    /**
     * The PHLO runner client: the account's credentials, the worker's timeouts, and when
     * {@code voice-otp.worker.phlo.runner-base-url} is set (the sandbox) every request rewritten to that host; the
     * exchanges record whether a request left and what status came back, as for the Call API's client.
     */
    static PlivoClient newClient(WorkerProperties properties, PlivoExchanges exchanges) {
        WorkerProperties.Plivo plivo = properties.plivo();
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(plivo.connectTimeout())
                .readTimeout(plivo.readTimeout())
                .writeTimeout(plivo.readTimeout())
                .retryOnConnectionFailure(false)
                .eventListenerFactory(exchanges.sendTracker());
        URI runner = properties.phlo().runnerBaseUrl();
        if (runner != null && !runner.toString().isBlank()) {
            HttpUrl target = HttpUrl.get(runner.toString());
            http.addInterceptor(chain -> chain.proceed(chain.request().newBuilder().url(chain.request().url().newBuilder()
                    .scheme(target.scheme()).host(target.host()).port(target.port()).build()).build()));
        }
        http.addInterceptor(exchanges.statusRecorder());
        return new PhloRestClient(plivo.authId(), plivo.authToken(), http).getClient();
    }
}
