package io.kafkaesk.security;

import io.kafkaesk.test.SecureKafka;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests one {@link SecureKafka} shared by every security test class of the run (started on first use, about
 * five seconds; closed by JUnit at the end), so that each class pays only for its users and ACLs.
 */
final class SecuredCluster implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SecuredCluster.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SecureKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // A plain AutoCloseable in the root store: JUnit closes it when the run ends.
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("cluster", key -> SecureKafka.builder().start(), SecureKafka.class);
    }

    /** A topic prefix no other test uses, e.g. {@code sec-1f3a9c0d-}. */
    static String uniquePrefix() {
        return "sec-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }
}
