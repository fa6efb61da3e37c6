package io.kafkaesk.cli;

import io.kafkaesk.Application;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Finds the {@link Application} a worker runs, from a spec {@code com.acme.App} or {@code com.acme.App#member}.
 *
 * <p>With a member: a static field of type {@code Application}, or a static no-argument method returning one.
 * Without: a class that implements {@code Supplier<Application>} (instantiated with its no-argument
 * constructor), else the class's only static {@code Application} field or no-argument method.
 */
final class ApplicationLoader {
    private final ClassLoader loader;

    ApplicationLoader(ClassLoader loader) {
        this.loader = loader;
    }

    Application load(String spec) {
        int hash = spec.indexOf('#');
        String className = hash < 0 ? spec : spec.substring(0, hash);
        String member = hash < 0 ? null : spec.substring(hash + 1);
        if (className.isBlank() || (member != null && member.isBlank())) {
            throw new UsageException("Invalid application '" + spec
                    + "': expected a class name, optionally followed by #field or #method, e.g. com.acme.App#app");
        }
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new UsageException("Application class " + className + " was not found on the class path: "
                    + "check the name and that the application's classes and dependencies are on the class path", e);
        } catch (LinkageError e) {
            throw new UsageException("Application class " + className + " could not be loaded: " + e, e);
        }
        return member == null ? fromClass(type) : fromMember(type, member);
    }

    private Application fromMember(Class<?> type, String member) {
        for (Field field : type.getFields()) {
            if (field.getName().equals(member)) {
                return fromField(field);
            }
        }
        for (Method method : type.getMethods()) {
            if (method.getName().equals(member) && method.getParameterCount() == 0) {
                return fromMethod(method);
            }
        }
        throw new UsageException(type.getName() + " has no public static field or no-argument method named '"
                + member + "' that gives an Application");
    }

    private Application fromClass(Class<?> type) {
        if (Supplier.class.isAssignableFrom(type)) {
            return fromSupplier(type);
        }
        List<Field> fields = new ArrayList<>();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && Application.class.isAssignableFrom(field.getType())) {
                fields.add(field);
            }
        }
        List<Method> methods = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) && method.getParameterCount() == 0
                    && Application.class.isAssignableFrom(method.getReturnType())) {
                methods.add(method);
            }
        }
        if (fields.size() + methods.size() == 1) {
            return fields.isEmpty() ? fromMethod(methods.get(0)) : fromField(fields.get(0));
        }
        String found = fields.size() + methods.size() == 0 ? "none" : "several";
        throw new UsageException(type.getName() + " does not name one Application (found " + found
                + "): say which with " + type.getName() + "#member, or implement Supplier<Application>");
    }

    private static Application fromField(Field field) {
        if (!Modifier.isStatic(field.getModifiers())) {
            throw new UsageException(field.getDeclaringClass().getName() + "#" + field.getName()
                    + " is not static: the worker reads static fields only");
        }
        try {
            return expectApplication(field.get(null), field.getDeclaringClass().getName() + "#" + field.getName());
        } catch (IllegalAccessException e) {
            throw new UsageException("Cannot read " + field + ": " + e.getMessage(), e);
        }
    }

    private static Application fromMethod(Method method) {
        String where = method.getDeclaringClass().getName() + "#" + method.getName() + "()";
        if (!Modifier.isStatic(method.getModifiers())) {
            throw new UsageException(where + " is not static: the worker calls static methods only");
        }
        try {
            return expectApplication(method.invoke(null), where);
        } catch (IllegalAccessException e) {
            throw new UsageException("Cannot call " + where + ": " + e.getMessage(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(where + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static Application fromSupplier(Class<?> type) {
        try {
            Constructor<?> constructor = type.getConstructor();
            Supplier<?> supplier = (Supplier<?>) constructor.newInstance();
            return expectApplication(supplier.get(), type.getName() + ".get()");
        } catch (NoSuchMethodException e) {
            throw new UsageException(type.getName() + " implements Supplier but has no public no-argument constructor", e);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new UsageException("Cannot instantiate " + type.getName() + ": " + e, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("The constructor of " + type.getName() + " failed: " + e.getCause(),
                    e.getCause());
        }
    }

    private static Application expectApplication(Object value, String where) {
        if (value instanceof Application app) {
            return app;
        }
        throw new UsageException(where + " gave " + (value == null ? "null" : "a " + value.getClass().getName())
                + ", not an io.kafkaesk.Application");
    }
}
