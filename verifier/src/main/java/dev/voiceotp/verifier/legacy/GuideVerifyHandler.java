package dev.voiceotp.verifier.legacy;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.voiceotp.contract.check.CheckOutcome;
import dev.voiceotp.contract.check.CheckResult;
import dev.voiceotp.contract.check.FailureBudget;
import dev.voiceotp.contract.check.MalformedCodeException;
import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.verifier.check.CodeChecker;
import dev.voiceotp.verifier.web.ClientAddresses;
import dev.voiceotp.verifier.web.Problems;
import dev.voiceotp.verifier.web.RequestObservation;
import reactor.core.publisher.Mono;

/**
 * Answers the guide's verify request for the one producer app it is bound to: always 200 with one of the guide's
 * bodies, except for a number that is not one (400 problem, as the API answers) and a check over a request limit
 * (429 problem with Retry-After; the route is limited per client address like the API, proxies or not).
 *
 * <p>Anyone can call this route, so it gives nothing away and can take nothing from other apps: a number without a
 * verification gets the same body as a wrong code (the guide's "number not found" would tell who is verifying
 * right now), and wrong codes spend a failure budget of the route's own ({@link FailureBudget#GUIDE_ROUTE}).
 */
final class GuideVerifyHandler {

    private final CodeChecker checker;
    private final ClientAddresses clients;
    private final String appId;

    GuideVerifyHandler(CodeChecker checker, ClientAddresses clients, String appId) {
        this.checker = checker;
        this.clients = clients;
        this.appId = appId;
    }

    Mono<ServerResponse> verify(ServerRequest request) {
        String phoneNumber;
        try {
            phoneNumber = PhoneNumbers.requireE164Lenient(request.pathVariable("number"), "number");
        } catch (ApiProblem problem) {
            return Problems.of(request, problem);
        }
        String code = request.pathVariable("code");
        // anonymous: limited per address even behind a trusted proxy that forwards none
        @Nullable String client = clients.ofAnonymous(request);
        return RequestObservation.within(() -> checker.checkNewestForNumber(appId, client, phoneNumber, code, FailureBudget.GUIDE_ROUTE))
                .flatMap(outcome -> outcome.result() == CheckResult.RATE_LIMITED
                        ? Problems.rateLimited(request, outcome.retryAfter()) : answer(outcome))
                // the guide compared strings: anything that is not the code simply does not match
                .onErrorResume(MalformedCodeException.class, malformed -> answer(GuideResponse.NOT_VERIFIED))
                .onErrorResume(failure -> Problems.failure(request, failure));
    }

    private static Mono<ServerResponse> answer(CheckOutcome outcome) {
        return answer(outcome.result() == CheckResult.APPROVED ? GuideResponse.VERIFIED : GuideResponse.NOT_VERIFIED);
    }

    private static Mono<ServerResponse> answer(GuideResponse answer) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(answer.json());
    }

}
