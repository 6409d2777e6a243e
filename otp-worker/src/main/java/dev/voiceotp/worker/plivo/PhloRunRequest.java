package dev.voiceotp.worker.plivo;

import java.util.Map;

import com.plivo.api.PhloRestClient;
import com.plivo.api.PlivoClient;
import com.plivo.api.models.phlo.PhloUpdater;

import dev.voiceotp.worker.WorkerProperties;
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
     * The PHLO runner client: the account's credentials over {@link PlivoHttpClients}, rewritten to
     * {@code voice-otp.worker.phlo.runner-base-url} when set (the sandbox).
     */
    static PlivoClient newClient(WorkerProperties properties, PlivoExchanges exchanges) {
        OkHttpClient.Builder http = PlivoHttpClients.builder(properties, exchanges, properties.phlo().runnerBaseUrl());
        return new PhloRestClient(properties.plivo().authId(), properties.plivo().authToken(), http).getClient();
    }
}
