package dev.voiceotp.worker.prompt;

/**
 * The words of the call in one language, and the Amazon Polly voice that speaks them. {@code greeting}
 * contains {@code {brand}}, replaced by the producer app's name.
 */
record PromptLanguage(String locale, String voice, String greeting, String codeIntro, String repeatIntro, String goodbye) {
}
