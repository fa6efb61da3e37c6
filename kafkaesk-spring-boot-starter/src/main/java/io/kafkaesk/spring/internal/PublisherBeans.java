package io.kafkaesk.spring.internal;

import io.kafkaesk.Application;
import io.kafkaesk.SchemaIndex;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.util.ClassUtils;

/**
 * Registers one bean per generated publisher found through {@link SchemaIndex}: named after the interface
 * ({@code orderPlacedPublisher}, or the class name when that is taken), created from the context's {@link Application} when first needed.
 */
public final class PublisherBeans implements BeanDefinitionRegistryPostProcessor, BeanClassLoaderAware {
    private @Nullable ClassLoader classLoader;

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        ClassLoader loader = classLoader != null ? classLoader : ClassUtils.getDefaultClassLoader();
        if (loader == null || !(registry instanceof ListableBeanFactory beans)) {
            return;
        }
        for (SchemaIndex index : SchemaIndex.discover(loader)) {
            for (SchemaIndex.PublisherType<?> publisher : index.publishers()) {
                register(registry, beans, publisher);
            }
        }
    }

    private static <P> void register(BeanDefinitionRegistry registry, ListableBeanFactory beans,
            SchemaIndex.PublisherType<P> publisher) {
        Class<P> type = publisher.type();
        String name = Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1);
        if (beans.getBeanNamesForType(type, true, false).length > 0) {
            return; // the application declares its own
        }
        if (registry.containsBeanDefinition(name)) {
            name = type.getName(); // another bean, or a publisher of the same simple name in another package
        }
        BeanFactory factory = (BeanFactory) registry;
        RootBeanDefinition definition = new RootBeanDefinition(type,
                () -> publisher.bind(factory.getBean(Application.class)));
        registry.registerBeanDefinition(name, definition);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        // Everything happens on the registry.
    }
}
