package cn.yaan.carbonsink.web.api;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StrictJson} reads the boxed types ({@code Integer}, {@code Long}, {@code Boolean}); a primitive field would
 * fall back to JSON-B's lenient reading ({@code 1.5} becomes 1). So no request body may declare one.
 */
class RequestBodiesTest {

    private static final Set<Class<? extends Annotation>> NOT_THE_BODY = Set.of(PathParam.class, QueryParam.class,
            HeaderParam.class, FormParam.class, CookieParam.class, MatrixParam.class, BeanParam.class, Context.class);

    @Test
    void requestBodiesDeclareNoPrimitiveValues() throws Exception {
        List<Class<?>> bodies = new ArrayList<>();
        for (Class<?> resource : resources()) {
            for (Method method : resource.getDeclaredMethods()) {
                if (java.util.Arrays.stream(method.getAnnotations()).noneMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class))) {
                    continue;
                }
                for (Parameter p : method.getParameters()) {
                    if (java.util.Arrays.stream(p.getAnnotations()).noneMatch(a -> NOT_THE_BODY.contains(a.annotationType()))) {
                        bodies.add(p.getType());
                    }
                }
            }
        }
        assertThat(bodies).as("request bodies found").hasSizeGreaterThan(20);
        List<String> primitives = new ArrayList<>();
        bodies.forEach(b -> collect(b, b.getSimpleName(), primitives));
        assertThat(primitives).isEmpty();
    }

    private static void collect(Type type, String path, List<String> primitives) {
        if (type instanceof ParameterizedType generic) {
            for (Type argument : generic.getActualTypeArguments()) {
                collect(argument, path + "[]", primitives);
            }
            return;
        }
        if (!(type instanceof Class<?> c)) {
            return;
        }
        if (c.isPrimitive()) {
            primitives.add(path + " is " + c);
        }
        if (c.isRecord()) {
            for (RecordComponent component : c.getRecordComponents()) {
                collect(component.getGenericType(), path + "." + component.getName(), primitives);
            }
        }
    }

    /** The classes of the web module that JAX-RS serves (each context's package beside this one). */
    private static List<Class<?>> resources() throws Exception {
        File web = new File(Objects.requireNonNull(RestApplication.class.getResource("RestApplication.class")).toURI())
                .getParentFile().getParentFile();
        String webPackage = RestApplication.class.getPackageName().substring(0,
                RestApplication.class.getPackageName().lastIndexOf('.'));
        List<Class<?>> resources = new ArrayList<>();
        for (File folder : Objects.requireNonNull(web.listFiles(File::isDirectory))) {
            for (String name : Objects.requireNonNull(folder.list())) {
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> c = Class.forName(webPackage + "." + folder.getName() + "." + name.replace(".class", ""), false,
                        RestApplication.class.getClassLoader());
                if (c.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                    resources.add(c);
                }
            }
        }
        return resources;
    }
}
