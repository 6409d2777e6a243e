package dev.voiceotp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Producer apps are isolated whichever of their keys they use: the shop and the other app each have two active
 * keys (a rotation in progress), and no key of one app reads or cancels the other's verifications.
 */
class AppIsolationTest extends GatewayIntegrationTest {

    @Test
    void shouldLetEitherActiveKeyOfTheOwningAppReadAndCancel() throws Exception {
        String id = createdId(SHOP_KEY, "+14155550221");

        assertThat(mvc.get().uri("/v1/verifications/{id}", id).header(HttpHeaders.AUTHORIZATION, SHOP_KEY_2)).hasStatusOk();
        assertThat(mvc.post().uri("/v1/verifications/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, SHOP_KEY_2)).hasStatusOk()
                .bodyJson().extractingPath("$.status").isEqualTo("canceled");
    }

    @Test
    void shouldHideAVerificationFromEveryKeyOfAnotherApp() throws Exception {
        String id = createdId(SHOP_KEY_2, "+14155550222");

        for (String otherKey : new String[] {OTHER_KEY, OTHER_KEY_2}) {
            assertThat(mvc.get().uri("/v1/verifications/{id}", id).header(HttpHeaders.AUTHORIZATION, otherKey))
                    .hasStatus(HttpStatus.NOT_FOUND);
            assertThat(mvc.post().uri("/v1/verifications/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, otherKey))
                    .hasStatus(HttpStatus.NOT_FOUND);
        }
        assertThat(hash(id)).containsEntry("app", "shop").containsEntry("status", "pending");
    }
}
