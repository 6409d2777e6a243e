package dev.voiceotp.gateway;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * What {@code /v3/api-docs} says beyond the annotations: the bearer API key and the shape of every error
 * ({@code application/problem+json}, RFC 9457, with {@code errors} naming rejected fields and {@code reason}
 * naming the rule that refused a request).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info().title("voice-otp api-gateway").version("v1")
                        .description("Phone verification by voice call: start a verification, then read its status or cancel it."))
                .components(new Components()
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("The producer app's API key"))
                        .addSchemas("Problem", problemSchema()));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().example("phoneNumber"))
                .addProperty("reason", new StringSchema().example("must be in E.164 format, for example +14155550123"));
        return new ObjectSchema().description("RFC 9457 problem details")
                .properties(Map.of(
                        "type", new StringSchema(),
                        "title", new StringSchema(),
                        "status", new IntegerSchema(),
                        "detail", new StringSchema(),
                        "instance", new StringSchema(),
                        "errors", new ArraySchema().items(fieldError),
                        "reason", new StringSchema().example("rate_limit_number")
                                .description("Why a request was refused (422, 429): the otp.refusals reason; absent on the guide's "
                                        + "routes and for a reused Idempotency-Key")));
    }
}
