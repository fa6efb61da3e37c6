package io.kafkaesk.maven;

import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Stops the Kafka brokers that {@code kafkaesk:broker} started in the background earlier in this Maven run (their
 * data stays). Bound by default to {@code post-integration-test}, the partner of a background broker bound to
 * {@code pre-integration-test}:
 *
 * <pre>{@code
 * <execution>
 *   <id>stop-broker</id>
 *   <goals><goal>broker-stop</goal></goals>
 * </execution>
 * }</pre>
 *
 * <p>With no broker running it says so and does nothing.
 */
@Mojo(name = "broker-stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, requiresProject = false,
        threadSafe = true)
public class BrokerStopMojo extends AbstractMojo {
    /**
     * Skips the goal. Default {@code false}. The same property as {@code kafkaesk:broker}'s, so that skipping one
     * skips both.
     *
     * <pre>{@code <skipBroker>true</skipBroker>}</pre>
     */
    @Parameter(property = "kafkaesk.broker.skip", defaultValue = "false")
    private boolean skipBroker;

    @Override
    public void execute() {
        if (skipBroker) {
            getLog().info("kafkaesk:broker-stop is skipped");
            return;
        }
        List<String> stopped = BackgroundBrokers.stopAll(getLog());
        if (stopped.isEmpty()) {
            getLog().info("No Kafka broker was started in the background in this run: nothing to stop");
        }
        for (String servers : stopped) {
            getLog().info("Stopped the Kafka broker at " + servers);
        }
    }
}
