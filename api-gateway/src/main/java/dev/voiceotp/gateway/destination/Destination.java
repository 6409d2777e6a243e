package dev.voiceotp.gateway.destination;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

/**
 * A number the gateway accepted as valid E.164, with what libphonenumber found out about it while checking: parsing
 * and matching a number against its country's patterns is the costliest step of a dispatch, so it is done once.
 *
 * @param e164 the number in canonical E.164 form
 * @param region its ISO 3166 region ({@code US}), or {@code 001} for non-geographic numbers
 * @param type what kind of line it is
 */
public record Destination(String e164, String region, PhoneNumberType type) {
}
