package dev.voiceotp.sandbox.scenario;

import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Adds, lists and clears scenario rules; no auth, like the rest of {@code /sandbox/**}. */
@RestController
@RequestMapping("/sandbox/scenarios")
class ScenarioController {

    private final ScenarioBook book;

    ScenarioController(ScenarioBook book) {
        this.book = book;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ScenarioRule add(@Valid @RequestBody Scenario scenario) {
        return book.add(scenario);
    }

    /** Newest first, the order they are matched in. */
    @GetMapping
    List<ScenarioRule> list() {
        return book.rules();
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear() {
        book.clear();
    }
}
