package dev.voiceotp.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

import dev.voiceotp.gateway.GatewayProperties.Destinations;
import dev.voiceotp.gateway.GatewayProperties.Limits;

/** {@link GatewayProperties} for unit tests: the defaults, with one section replaced. */
public final class TestGatewayProperties {

    /** The refused types application.yml and the binder default to. */
    public static final Set<PhoneNumberType> DEFAULT_REFUSED_TYPES = Set.of(PhoneNumberType.PREMIUM_RATE,
            PhoneNumberType.SHARED_COST, PhoneNumberType.UAN, PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.PAGER,
            PhoneNumberType.VOICEMAIL, PhoneNumberType.VOIP, PhoneNumberType.UNKNOWN);

    private TestGatewayProperties() {
    }

    public static GatewayProperties withTrustedProxies(List<String> trustedProxies) {
        return of(defaultLimits(), trustedProxies, new Destinations(Set.of(), DEFAULT_REFUSED_TYPES));
    }

    public static GatewayProperties withLimits(Limits limits) {
        return of(limits, List.of(), new Destinations(Set.of(), DEFAULT_REFUSED_TYPES));
    }

    public static GatewayProperties withDestinations(Destinations destinations) {
        return of(defaultLimits(), List.of(), destinations);
    }

    private static Limits defaultLimits() {
        return new Limits(new GatewayProperties.Limit(-1, null), new GatewayProperties.Limit(-1, null),
                new GatewayProperties.Limit(-1, null), 3);
    }

    public static GatewayProperties withKafkaAckTimeout(Duration kafkaAckTimeout) {
        return of(kafkaAckTimeout, defaultLimits(), List.of(), new Destinations(Set.of(), DEFAULT_REFUSED_TYPES));
    }

    private static GatewayProperties of(Limits limits, List<String> trustedProxies, Destinations destinations) {
        return of(Duration.ofSeconds(5), limits, trustedProxies, destinations);
    }

    private static GatewayProperties of(Duration kafkaAckTimeout, Limits limits, List<String> trustedProxies, Destinations destinations) {
        return new GatewayProperties(kafkaAckTimeout, new GatewayProperties.Topic(1, (short) 1),
                new GatewayProperties.Legacy(false, null, java.util.Set.of()), limits, trustedProxies,
                new GatewayProperties.Resend(Duration.ofSeconds(30), 5, 10), destinations,
                new GatewayProperties.Spend(1000, Map.of()));
    }
}
