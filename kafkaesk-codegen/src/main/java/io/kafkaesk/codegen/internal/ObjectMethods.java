package io.kafkaesk.codegen.internal;

import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JExpr;
import com.sun.codemodel.JFieldVar;
import com.sun.codemodel.JInvocation;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JMod;
import com.sun.codemodel.JVar;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites the {@code equals}, {@code hashCode} and {@code toString} jsonschema2pojo writes into data classes as
 * short methods over the same fields: a chain of {@link Objects#equals}, one {@link Objects#hash} and one string
 * concatenation ({@code Order[id=o-1, lines=[...]]}).
 *
 * <p>jsonschema2pojo writes each field as a nested null-checking expression; javac spends a measurable part of a
 * large build on them (see the codegen section of BENCHMARKS.md). The fields compared stay the ones jsonschema2pojo
 * chose (so {@code excludedFromEqualsAndHashCode} holds) and equal values still hash alike. A method that calls its
 * superclass's or compares arrays or primitives bit by bit is left as written.
 */
final class ObjectMethods {
    private static final Pattern FIELD = Pattern.compile("this\\.([A-Za-z_$][A-Za-z0-9_$]*)");
    /** How a long expression continues on the next line, indented as in the rest of the class. */
    private static final String CONTINUED = "\n                ";
    private static final List<String> LEAVE_ALONE = List.of("super.", "Arrays.", "doubleToLongBits",
            "floatToIntBits");

    private ObjectMethods() {}

    /** Rewrites the three methods of every data class of the model, with either style of data class. */
    static void apply(JCodeModel model) {
        for (JDefinedClass cls : ValueClasses.classes(model)) {
            rewrite(cls);
        }
    }

    private static void rewrite(JDefinedClass cls) {
        JCodeModel model = cls.owner();
        JMethod equals = method(cls, "equals", 1);
        JMethod hashCode = method(cls, "hashCode", 0);
        List<JFieldVar> compared = equals == null ? null : fields(cls, equals);
        if (equals != null && hashCode != null && compared != null && compared.equals(fields(cls, hashCode))) {
            JMethod m = replacement(cls, equals);
            JVar other = m.param(equals.params().get(0).type(), "other");
            m.body()._if(other.eq(JExpr._this()))._then()._return(JExpr.TRUE);
            m.body()._if(other._instanceof(cls).not())._then()._return(JExpr.FALSE);
            JVar rhs = m.body().decl(cls, "rhs", JExpr.cast(cls, other));
            String objects = objectsName(cls);
            StringBuilder same = new StringBuilder(compared.isEmpty() ? "true" : "");
            for (int i = 0; i < compared.size(); i++) {
                String name = compared.get(i).name();
                same.append(i == 0 ? "" : CONTINUED + "&& ").append(objects).append(".equals(this.").append(name)
                        .append(", rhs.").append(name).append(')');
            }
            m.body()._return(JExpr.direct(same.toString()));
            swap(cls, equals, m);

            JMethod h = replacement(cls, hashCode);
            JInvocation hash = model.ref(Objects.class).staticInvoke("hash");
            for (JFieldVar f : compared) {
                hash.arg(JExpr._this().ref(f));
            }
            h.body()._return(hash);
            swap(cls, hashCode, h);
        }
        JMethod toString = method(cls, "toString", 0);
        List<JFieldVar> shown = toString == null ? null : fields(cls, toString);
        if (toString != null && shown != null) {
            JMethod m = replacement(cls, toString);
            StringBuilder text = new StringBuilder("\"").append(cls.name()).append("[");
            for (int i = 0; i < shown.size(); i++) {
                String name = shown.get(i).name();
                text.append(i == 0 ? "" : CONTINUED + "+ \", ").append(name).append("=\" + this.").append(name);
            }
            text.append(shown.isEmpty() ? "]\"" : " + \"]\"");
            m.body()._return(JExpr.direct(text.toString()));
            swap(cls, toString, m);
        }
    }

    /**
     * The fields a method reads, in the class's declaration order; null when it reads something this class does
     * not rewrite (a superclass's method, arrays, primitives bit by bit) or a name that is not a field of the class.
     */
    private static @Nullable List<JFieldVar> fields(JDefinedClass cls, JMethod method) {
        String text = ValueClasses.declared(method);
        for (String marker : LEAVE_ALONE) {
            if (text.contains(marker)) {
                return null;
            }
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        List<JFieldVar> fields = new ArrayList<>();
        for (JFieldVar f : cls.fields().values()) {
            if (names.remove(f.name())) {
                if ((f.mods().getValue() & JMod.STATIC) != 0 || f.type().isPrimitive()) {
                    return null;
                }
                fields.add(f);
            }
        }
        return names.isEmpty() ? fields : null;
    }

    /**
     * How the class's code names {@link Objects}: qualified when a class of the package or a nested one is called
     * {@code Objects} too (codemodel then qualifies it in {@code hashCode} as well).
     */
    private static String objectsName(JDefinedClass cls) {
        String simple = Objects.class.getSimpleName();
        for (Iterator<JDefinedClass> it = cls.classes(); it.hasNext(); ) {
            if (it.next().name().equals(simple)) {
                return Objects.class.getName();
            }
        }
        return cls._package()._getClass(simple) == null ? simple : Objects.class.getName();
    }

    /**
     * The method of this name and arity; found by arity because {@link ValueClasses} may have made the parameter of
     * {@code equals} {@code @Nullable Object}, which {@link JDefinedClass#getMethod} no longer matches.
     */
    private static @Nullable JMethod method(JDefinedClass cls, String name, int parameters) {
        for (JMethod m : cls.methods()) {
            if (m.name().equals(name) && m.params().size() == parameters) {
                return m;
            }
        }
        return null;
    }

    /** A new public method like {@code old} ({@code @Override}, return type), with an empty body. */
    private static JMethod replacement(JDefinedClass cls, JMethod old) {
        JMethod m = cls.method(JMod.PUBLIC, old.type(), old.name());
        m.annotate(Override.class);
        return m;
    }

    /** Puts {@code replacement} in the place of {@code old} in the class's method list. */
    private static void swap(JDefinedClass cls, JMethod old, JMethod replacement) {
        List<JMethod> methods = ValueClasses.methods(cls);
        methods.remove(replacement);
        methods.set(methods.indexOf(old), replacement);
    }
}
