package cn.yaan.carbonsink.web.api;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A public read that clients and shared caches may keep: {@link ConditionalReads} gives its JSON answer an
 * {@code ETag} and the {@code Cache-Control} named here, and answers a matching {@code If-None-Match} with 304.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Conditional {

    /**
     * The operation extension that tells {@link ApiContract} to document the 304 and the tag; each marked method
     * carries {@code @Extension(name = Conditional.EXTENSION, value = "true")} beside this annotation.
     */
    String EXTENSION = "x-conditional";

    /** Kept without asking again for a minute: data officers change seldom (species, factors, projects). */
    String MINUTE = "public, max-age=60";
    /** Kept, but asked again each time (304 while unchanged): what must never be seen stale (keys, revocations). */
    String REVALIDATE = "public, no-cache";

    /** The answer's {@code Cache-Control}. */
    String value() default REVALIDATE;
}
