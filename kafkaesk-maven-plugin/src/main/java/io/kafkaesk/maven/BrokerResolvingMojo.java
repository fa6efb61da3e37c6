package io.kafkaesk.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;

/**
 * The base of the goals that may start a Kafka broker ({@code broker}, {@code run}): owns what Maven injects so that
 * {@link BrokerKit} can resolve the broker's code of the plugin's own version from the project's repositories.
 */
abstract class BrokerResolvingMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    private RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    private final RepositorySystem repositorySystem;

    BrokerResolvingMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    final MavenProject project() {
        return project;
    }

    /** Starts brokers from kafkaesk-test of this plugin's version, resolved when first needed. */
    final BrokerKit brokerKit() {
        return new BrokerKit(repositorySystem, repositorySession, project.getRemoteProjectRepositories(),
                plugin.getVersion(), getLog());
    }
}
