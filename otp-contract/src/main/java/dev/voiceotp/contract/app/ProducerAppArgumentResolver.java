package dev.voiceotp.contract.app;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands the authenticated {@link ProducerApp} to controller methods that declare it as a parameter. */
final class ProducerAppArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ProducerApp.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Object app = webRequest.getAttribute(ApiKeyInterceptor.APP_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (app == null) {
            throw new IllegalStateException("no producer app on the request: is the path covered by the API key interceptor?");
        }
        return app;
    }
}
