package io.kafkaesk.internal;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * What to check when Kafka refuses a client: a sentence appended to kafkaesk's error messages for authentication
 * and authorization failures, naming the settings involved (never their values, which may be secrets).
 */
public final class SecurityErrors {
    private SecurityErrors() {}

    /**
     * The advice for a failure, starting with a space, or an empty string when the failure is not about security.
     */
    public static String hint(Throwable failure) {
        // Kafka may wrap the refusal, e.g. an idempotent producer that was refused a producer id fails its later
        // sends with "Cannot execute transactional method because we are in an error state", caused by it.
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String hint = direct(t);
            if (!hint.isEmpty()) {
                return hint;
            }
        }
        return "";
    }

    private static String direct(Throwable failure) {
        if (failure instanceof SaslAuthenticationException) {
            return " (authentication failed: check the user name and password in the sasl.jaas.config of "
                    + "kafkaSettings, and that sasl.mechanism is one the broker enables)";
        }
        if (failure instanceof SslAuthenticationException) {
            return " (TLS handshake failed: the trust store in kafkaSettings (ssl.truststore.*) must hold the "
                    + "certificate authority of the broker, and the broker's certificate must name the host in "
                    + "kafkaServers unless ssl.endpoint.identification.algorithm is empty)";
        }
        if (failure instanceof AuthenticationException) {
            return " (authentication failed: check security.protocol, sasl.mechanism and the credentials in "
                    + "kafkaSettings)";
        }
        if (failure instanceof TopicAuthorizationException) {
            return " (not authorized: publishing needs the WRITE and DESCRIBE operations on the topic, letting "
                    + "kafkaesk create it needs CREATE, consuming needs READ and DESCRIBE; ask for ACLs for the "
                    + "user of kafkaSettings)";
        }
        if (failure instanceof GroupAuthorizationException group) {
            return " (not authorized: consuming in group '" + group.groupId() + "' needs the READ operation on that "
                    + "group; ask for an ACL for the user of kafkaSettings)";
        }
        if (failure instanceof ClusterAuthorizationException) {
            // The first thing an idempotent producer does is ask for a producer id, which Kafka allows to users
            // that may write to some topic: a user with no WRITE at all is refused on the cluster, not the topic.
            return " (not authorized on the cluster: publishing with kafkaesk's idempotent producer needs the WRITE "
                    + "operation on the topic, or IDEMPOTENT_WRITE on the cluster; ask for ACLs for the user of "
                    + "kafkaSettings)";
        }
        if (failure instanceof AuthorizationException) {
            return " (not authorized: check the ACLs of the user of kafkaSettings)";
        }
        return "";
    }
}
