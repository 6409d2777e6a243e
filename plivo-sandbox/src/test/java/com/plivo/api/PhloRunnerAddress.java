package com.plivo.api;

/**
 * Points plivo-java's PHLO runner at the sandbox. {@code Phlo.updater(...).run()} ignores {@code .client(...)} and
 * uses the static client {@code Plivo.init} builds from the static, protected {@code PhloRestClient.BASE_URL}; the
 * SDK's own tests set it from this package, and so must anyone who runs a PHLO anywhere but at Plivo.
 */
public final class PhloRunnerAddress {

    private PhloRunnerAddress() {
    }

    /** {@code baseUrl} like {@code http://localhost:8090/v1/}; then {@code Plivo.init} builds the PHLO client. */
    public static synchronized void use(String baseUrl, String authId, String authToken) {
        PhloRestClient.BASE_URL = baseUrl;
        Plivo.init(authId, authToken);
    }
}
