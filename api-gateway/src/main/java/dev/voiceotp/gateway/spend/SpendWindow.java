package dev.voiceotp.gateway.spend;

import java.time.Instant;

/**
 * The counters one call is charged to, with their caps (0 = none) and the end of each counter's window, which is
 * when a tripped cap opens again and after which the counter may expire.
 */
public record SpendWindow(
        String appKey, int appCap, Instant appWindowEnd,
        String countryKey, int countryCap, Instant countryWindowEnd) {
}
