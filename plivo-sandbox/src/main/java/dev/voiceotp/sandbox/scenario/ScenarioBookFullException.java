package dev.voiceotp.sandbox.scenario;

/** More rules than the sandbox keeps: a script that adds rules in a loop without clearing them. */
class ScenarioBookFullException extends RuntimeException {

    ScenarioBookFullException(int maxRules) {
        super("the sandbox holds at most " + maxRules + " scenario rules; DELETE /sandbox/scenarios clears them");
    }
}
