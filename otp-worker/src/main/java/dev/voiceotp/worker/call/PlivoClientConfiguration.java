package dev.voiceotp.worker.call;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.plivo.api.PlivoClient;

import dev.voiceotp.worker.WorkerProperties;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * The one {@link PlivoClient} of the worker. When {@code voice-otp.worker.plivo.api-base-url} is set, an
 * OkHttp interceptor sends every SDK request there: the SDK's voice clients ignore its base-URL argument
 * and have two fallback hosts, so rewriting at the HTTP layer is the only way that covers them all.
 * OkHttp's own retry is off: a silently repeated POST could place a second call. Pacing is not the client's
 * business: a call is placed only once it holds its slot ({@link dev.voiceotp.worker.pacing.CallPacer}).
 */
@Configuration(proxyBeanMethods = false)
class PlivoClientConfiguration {

    @Bean
    PlivoExchanges plivoExchanges() {
        return new PlivoExchanges();
    }

    @Bean
    PlivoClient plivoClient(WorkerProperties properties, PlivoExchanges exchanges) {
        WorkerProperties.Plivo plivo = properties.plivo();
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(plivo.connectTimeout())
                .readTimeout(plivo.readTimeout())
                .writeTimeout(plivo.readTimeout())
                .retryOnConnectionFailure(false)
                .eventListenerFactory(exchanges.sendTracker());
        if (plivo.apiBaseUrl() != null && !plivo.apiBaseUrl().toString().isBlank()) {
            http.addInterceptor(redirectTo(plivo.apiBaseUrl()));
        }
        http.addInterceptor(exchanges.statusRecorder());
        return new PlivoClient(plivo.authId(), plivo.authToken(), http);
    }

    private static Interceptor redirectTo(URI baseUrl) {
        HttpUrl target = HttpUrl.get(baseUrl.toString());
        return chain -> {
            HttpUrl original = chain.request().url();
            HttpUrl rewritten = original.newBuilder().scheme(target.scheme()).host(target.host()).port(target.port()).build();
            return chain.proceed(chain.request().newBuilder().url(rewritten).build());
        };
    }
}
