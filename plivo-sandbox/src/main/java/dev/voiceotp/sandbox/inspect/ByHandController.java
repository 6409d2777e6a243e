package dev.voiceotp.sandbox.inspect;

import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.voiceotp.sandbox.call.ByHandNumbers;
import dev.voiceotp.sandbox.call.PhoneFormat;

/** Which numbers a person answers on the phone page ({@link ByHandNumbers}); the page's "answer by hand" button. */
@RestController
@RequestMapping("/sandbox/scenarios/by-hand")
class ByHandController {

    private final ByHandNumbers numbers;

    ByHandController(ByHandNumbers numbers) {
        this.numbers = numbers;
    }

    @GetMapping
    Set<String> numbers() {
        return numbers.all();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void add(@RequestParam String number) {
        numbers.add(PhoneFormat.e164(number));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@RequestParam String number) {
        numbers.remove(PhoneFormat.e164(number));
    }
}
