package dev.voiceotp.worker.plivo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import com.plivo.api.PlivoClient;

import dev.voiceotp.worker.WorkerProperties;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The HTTP client under every SDK client of the worker: the worker's timeouts; no OkHttp retry (a silently
 * repeated POST could place a second call); the exchanges recorded, so failures can be sorted; when a base URL is
 * configured (the sandbox), every request rewritten to that host (the only way that covers the SDK's fallback hosts
 * and its clients that ignore their base-URL argument); an idle connection kept for every call in flight; and a
 * call's pacing slot confirmed as its request leaves ({@link CallSlot}).
 *
 * <p>Why the SDK's client only forwards: {@code PlivoClient} puts a connection pool of its own (5 idle connections)
 * on whatever builder it is given, so with more calls at once than that, the extra connections were closed after
 * use and the next requests connected again: a TCP and, with Plivo, a TLS handshake for most calls of a busy
 * worker. So the builder handed to the SDK carries one interceptor, which adds the headers the SDK's own
 * interceptor would (its credentials and user agent) and sends the request on the worker's own client, whose pool
 * keeps {@code calls-in-flight} idle connections; the SDK's client never opens a connection.
 */
final class PlivoHttpClients {

    /** How long an idle connection is kept: the SDK's own pool's figure. */
    private static final long KEEP_ALIVE_MINUTES = 5;

    /** What the SDK's interceptor sends as {@code User-Agent}. */
    private static final String USER_AGENT = sdkUserAgent();

    private PlivoHttpClients() {
    }

    /** The builder to hand to the SDK: its requests go out on a client of the worker's, configured as above. */
    static OkHttpClient.Builder builder(WorkerProperties properties, PlivoExchanges exchanges, @Nullable URI baseUrl) {
        OkHttpClient own = ownClient(properties, exchanges, baseUrl);
        String credentials = Credentials.basic(properties.plivo().authId(), properties.plivo().authToken());
        return new OkHttpClient.Builder().addInterceptor(chain -> own.newCall(chain.request().newBuilder()
                .header("Authorization", credentials).header("User-Agent", USER_AGENT).build()).execute());
    }

    private static OkHttpClient ownClient(WorkerProperties properties, PlivoExchanges exchanges, @Nullable URI baseUrl) {
        WorkerProperties.Plivo plivo = properties.plivo();
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(plivo.connectTimeout())
                .readTimeout(plivo.readTimeout())
                .writeTimeout(plivo.readTimeout())
                .retryOnConnectionFailure(false)
                .connectionPool(new ConnectionPool(properties.callsInFlight(), KEEP_ALIVE_MINUTES, TimeUnit.MINUTES))
                .eventListenerFactory(exchanges.sendTracker());
        if (baseUrl != null && !baseUrl.toString().isBlank()) {
            http.addInterceptor(rewriteTo(HttpUrl.get(baseUrl.toString())));
        }
        return http.addInterceptor(exchanges.statusRecorder())
                // a call's pacing slot is confirmed on the connection, right before the request is written: a new
                // connection's handshakes count toward the delay since the slot
                .addNetworkInterceptor(CallSlot::confirmedBeforeSending)
                .addNetworkInterceptor(PlivoHttpClients::unreadableAsNoContent)
                .build();
    }

    /** Sends every request to {@code target}'s scheme, host and port, whatever host the SDK chose. */
    static Interceptor rewriteTo(HttpUrl target) {
        return chain -> chain.proceed(chain.request().newBuilder().url(chain.request().url().newBuilder()
                .scheme(target.scheme()).host(target.host()).port(target.port()).build()).build());
    }

    /** The SDK's own network interceptor, kept: a response OkHttp cannot read becomes an empty 204. */
    private static Response unreadableAsNoContent(Interceptor.Chain chain) throws IOException {
        try {
            return chain.proceed(chain.request());
        } catch (ProtocolException e) {
            return new Response.Builder().request(chain.request()).code(204).protocol(Protocol.HTTP_1_1).message("")
                    .body(ResponseBody.create(new byte[0], null)).build();
        }
    }

    /** The SDK's user agent: its version (from its own resource) and the Java runtime's. */
    private static String sdkUserAgent() {
        Package runtime = Runtime.class.getPackage();
        return String.format("%s/%s (Implementation: %s %s %s, Specification: %s %s %s)", "plivo-java", sdkVersion(),
                runtime.getImplementationVendor(), runtime.getImplementationTitle(), runtime.getImplementationVersion(),
                runtime.getSpecificationVendor(), runtime.getSpecificationTitle(), runtime.getSpecificationVersion());
    }

    /** The first line of the SDK's {@code version.txt}, or what the SDK itself says without one. */
    private static String sdkVersion() {
        try (InputStream in = PlivoClient.class.getResourceAsStream("version.txt")) {
            String line = in == null ? null : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return line != null ? line : "Unknown Version";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
