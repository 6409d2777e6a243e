package dev.voiceotp.verifier.check;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.voiceotp.contract.check.CodeCheck;
import dev.voiceotp.contract.check.CodeCheckScript;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;

/**
 * Sends the shared check script ({@link CodeCheckScript}) without blocking a thread: one EVALSHA per check, and EVAL,
 * which also loads the script, only when Redis answers NOSCRIPT (after a restart or a SCRIPT FLUSH). Completes with
 * the reply, or with a Lettuce {@code RedisException} when Redis cannot answer.
 */
final class CheckScript implements CodeCheck.ScriptRunner {

    private final CheckConnection connection;

    CheckScript(CheckConnection connection) {
        this.connection = connection;
    }

    @Override
    public CompletableFuture<List<?>> run(String[] keys, String[] arguments) {
        return send(keys, arguments, false)
                .exceptionallyCompose(failure -> cause(failure) instanceof RedisNoScriptException ? send(keys, arguments, true)
                        : CompletableFuture.failedFuture(cause(failure)));
    }

    private CompletableFuture<List<?>> send(String[] keys, String[] arguments, boolean withText) {
        return connection.send(redis -> withText
                ? redis.<List<?>>eval(CodeCheckScript.SCRIPT.text(), ScriptOutputType.MULTI, keys, arguments)
                : redis.<List<?>>evalsha(CodeCheckScript.SCRIPT.sha1(), ScriptOutputType.MULTI, keys, arguments));
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
