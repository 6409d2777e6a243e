package dev.voiceotp.sandbox.phlo;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Lists the PHLO runs (oldest first) with what their calls said; holds codes, so local and test use only. */
@RestController
@RequestMapping("/sandbox/phlo-runs")
class PhloRunsController {

    private final PhloRuns runs;

    PhloRunsController(PhloRuns runs) {
        this.runs = runs;
    }

    @GetMapping
    List<PhloRunSnapshot> runs() {
        return runs.all().stream().map(PhloRun::snapshot).toList();
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void forgetAll() {
        runs.clear();
    }
}
