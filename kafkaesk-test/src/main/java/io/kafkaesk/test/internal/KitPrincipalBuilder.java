package io.kafkaesk.test.internal;

import org.apache.kafka.common.security.auth.AuthenticationContext;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.authenticator.DefaultKafkaPrincipalBuilder;
import org.apache.kafka.common.security.ssl.SslPrincipalMapper;

/**
 * The principal builder of a secured embedded cluster: connections on the kit's own plaintext listeners (between
 * brokers, to the KRaft controller) are the broker principal, a super user; every other listener gets Kafka's
 * default principal (the SASL user name, {@code User:ANONYMOUS} for TLS without a client certificate).
 *
 * <p>Without it, the plaintext listeners would be {@code User:ANONYMOUS} as well, and that principal would have
 * to be a super user, which would also make every TLS client one.
 */
public final class KitPrincipalBuilder extends DefaultKafkaPrincipalBuilder {
    /** The broker principal's user name; it is listed in {@code super.users}. */
    public static final String BROKER_USER = "kafkaesk-broker";
    /** The kit's plaintext listener between brokers (and for its own admin client). */
    public static final String INTERNAL_LISTENER = "INTERNAL";
    /** The KRaft controller listener. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** Called by the broker, which instantiates its principal builder by class name. */
    public KitPrincipalBuilder() {
        super(null, SslPrincipalMapper.fromRules("DEFAULT"));
    }

    @Override
    public KafkaPrincipal build(AuthenticationContext context) {
        // Broker configs are not handed to a principal builder, so the kit's listener names are fixed.
        String listener = context.listenerName();
        if (INTERNAL_LISTENER.equals(listener) || CONTROLLER_LISTENER.equals(listener)) {
            return new KafkaPrincipal(KafkaPrincipal.USER_TYPE, BROKER_USER);
        }
        return super.build(context);
    }
}
