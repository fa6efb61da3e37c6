package io.kafkaesk.spring.internal;

import java.util.Locale;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a missing {@code kafkaesk.*} property in Spring Boot's "APPLICATION FAILED TO START" form. */
public final class MissingPropertyFailureAnalyzer extends AbstractFailureAnalyzer<MissingPropertyException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingPropertyException cause) {
        return new FailureAnalysis(cause.getMessage(), "Set " + cause.action() + ", for example in "
                + "application.properties or as the environment variable "
                + cause.property().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ".",
                cause);
    }
}
