package dev.voiceotp.contract.app;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The producer apps this installation serves ({@code voice-otp.apps}). API keys are configured only as
 * SHA-256 hex digests so that a leaked configuration file does not leak usable keys; several digests per
 * app allow rotating keys without downtime.
 */
@Validated
@ConfigurationProperties("voice-otp")
public record ProducerAppsProperties(@DefaultValue @Valid List<App> apps) {

    public record App(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String id,
            @NotBlank String name,
            @NotEmpty List<@Pattern(regexp = "[0-9a-f]{64}", message = "must be a lower-case SHA-256 hex digest") String> apiKeySha256) {
    }
}
