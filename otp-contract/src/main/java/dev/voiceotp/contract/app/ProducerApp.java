package dev.voiceotp.contract.app;

/**
 * A client application that dispatches verifications; every verification belongs to exactly one app,
 * and only that app may read or check it.
 *
 * @param id short stable identifier (lower case, digits, dashes), stored with each verification
 * @param name human-readable name, spoken in the call greeting
 */
public record ProducerApp(String id, String name) {
}
