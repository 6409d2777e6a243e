package dev.voiceotp.sandbox.call;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Numbers whose calls a person answers on the phone page: at each keypad prompt with nothing scripted, such a call
 * waits for keys typed there ({@code POST /sandbox/calls/{uuid}/keys}) instead of going on after the sandbox's short
 * pause.
 */
@Component
public class ByHandNumbers {

    private final Set<String> numbers = ConcurrentHashMap.newKeySet();

    public void add(String e164) {
        numbers.add(e164);
    }

    public void remove(String e164) {
        numbers.remove(e164);
    }

    public Set<String> all() {
        return Set.copyOf(numbers);
    }

    boolean contains(String e164) {
        return numbers.contains(e164);
    }
}
