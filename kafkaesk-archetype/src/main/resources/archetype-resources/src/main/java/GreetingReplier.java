package ${package};

import ${package}.events.Greeting;
import ${package}.events.GreetingSubscriber;
import io.kafkaesk.MessageContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives greetings. Records of one partition arrive one at a time, in order; an exception is retried and then
 * dead-lettered, so nothing is lost.
 */
public final class GreetingReplier implements GreetingSubscriber {
    private static final Logger LOG = LoggerFactory.getLogger(GreetingReplier.class);
    private final List<Greeting> received = new CopyOnWriteArrayList<>();

    @Override
    public void onGreeting(Greeting greeting, MessageContext context) {
        LOG.info("{} says to {}: {} ({})", greeting.getFrom(), greeting.getTo(), greeting.getText(),
                context.record().topic());
        received.add(greeting);
    }

    /** The greetings received so far. */
    public List<Greeting> received() {
        return List.copyOf(received);
    }
}
