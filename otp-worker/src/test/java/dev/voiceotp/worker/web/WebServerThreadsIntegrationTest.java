package dev.voiceotp.worker.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import dev.voiceotp.worker.WorkerIntegrationTest;

class WebServerThreadsIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    WebhookServerThreads webhookThreads;

    @Test
    void shouldServeTheWebhooksWithTheConfiguredBoundOfRequestsAtOnce() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();

        assertThat(server.getTomcat().getConnector().getProtocolHandler().getExecutor()).isSameAs(webhookThreads.threads());
        // application.yml's server.tomcat.threads.max
        assertThat(webhookThreads.threads().getMaximumPoolSize()).isEqualTo(32);
    }
}
