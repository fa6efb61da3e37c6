package io.kafkaesk.spring.internal;

import io.kafkaesk.Application;
import io.kafkaesk.MessageHandler;
import io.kafkaesk.RetryPolicy;
import io.kafkaesk.Subscription;
import io.kafkaesk.spring.KafkaeskListener;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds the beans and bean methods annotated {@link KafkaeskListener} as the context creates them, and subscribes
 * them to the application when the lifecycle starts it.
 *
 * <p>Beans are only collected here, not subscribed: a subscription must be registered before the application
 * starts its consumers, and the lifecycle does both in that order once every singleton exists.
 */
public final class ListenerRegistrar implements BeanPostProcessor, BeanFactoryAware {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerRegistrar.class);

    /** One annotated bean or bean method: its options and how to make its handler for an application. */
    record Endpoint(String source, String pattern, String group, KafkaeskListener options, String deadLetterStream,
            Function<Application, MessageHandler> handler) {}

    private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();
    private @Nullable ConfigurableBeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory instanceof ConfigurableBeanFactory c ? c : null;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        Class<?> type = AopUtils.getTargetClass(bean);
        KafkaeskListener onClass = AnnotatedElementUtils.findMergedAnnotation(type, KafkaeskListener.class);
        if (onClass != null) {
            if (!(bean instanceof MessageHandler handler)) {
                throw new BeanInitializationException("Bean '" + beanName + "' (" + type.getName() + ") is "
                        + "annotated @KafkaeskListener but is no handler: implement a generated subscriber (such as "
                        + "OrderPlacedSubscriber), BytesHandler, RecordHandler or EnvelopeHandler, or put the "
                        + "annotation on a method");
            }
            add("bean '" + beanName + "'", onClass, type.getName(), app -> handler);
        }
        Map<Method, KafkaeskListener> methods = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<KafkaeskListener>) method ->
                        AnnotatedElementUtils.findMergedAnnotation(method, KafkaeskListener.class));
        methods.forEach((method, options) -> {
            Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
            String name = type.getName() + "." + method.getName();
            ListenerMethod.check(invocable, name);
            add("method " + name, options, name, app -> ListenerMethod.handler(bean, invocable, name, app));
        });
        return bean;
    }

    private void add(String source, KafkaeskListener options, String defaultGroup,
            Function<Application, MessageHandler> handler) {
        String pattern = resolve(options.pattern());
        if (pattern.isBlank()) {
            throw new BeanInitializationException("@KafkaeskListener on " + source + " has a blank pattern: "
                    + "name the stream pattern, such as pattern = \"orders.*\"");
        }
        if (options.maxBatchSize() < 0) {
            throw new BeanInitializationException("@KafkaeskListener on " + source + " has maxBatchSize "
                    + options.maxBatchSize() + ": it must be 1 or more, or 0 for kafkaesk's default");
        }
        String group = resolve(options.group());
        endpoints.add(new Endpoint(source, pattern, group.isBlank() ? defaultGroup : group, options,
                resolve(options.deadLetterStream()), handler));
    }

    private String resolve(String value) {
        ConfigurableBeanFactory factory = beanFactory;
        String resolved = factory == null ? value : factory.resolveEmbeddedValue(value);
        return resolved == null ? "" : resolved;
    }

    /** Subscribes every listener found so far; called by the lifecycle before it initializes the application. */
    public void subscribeAll(Application application) {
        for (Endpoint e : endpoints) {
            Subscription s = application.subscribe(e.pattern(), e.group(), e.handler().apply(application))
                    .concurrency(e.options().concurrency())
                    .validate(e.options().validate());
            RetryPolicy retry = e.options().attempts() > 0 ? RetryPolicy.attempts(e.options().attempts())
                    : RetryPolicy.defaults();
            s.retry(e.options().exhausted() == RetryPolicy.Exhausted.STOP ? retry.thenStop() : retry);
            if (!e.deadLetterStream().isBlank()) {
                s.deadLetterStream(e.deadLetterStream());
            }
            if (e.options().maxBatchSize() > 0) {
                s.maxBatchSize(e.options().maxBatchSize());
            }
            LOG.info("Subscribed {} to '{}' in group {}", e.source(), e.pattern(), e.group());
        }
        endpoints.clear();
    }
}
