package dev.apiauth.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How far users and provider authors may rely on a public type (or, where marked, a member), after
 * JUnit's apiguardian {@code @API}. Every public type of auth-spi, auth-core and the providers
 * carries one; a nested type without its own mark has its enclosing type's status.
 *
 * <p>Retained at run time, as apiguardian's is, so tools and our own checks read it by reflection
 * without a byte-code library; it costs a few bytes per class and adds no dependency.
 */
@Api(status = Api.Status.STABLE)
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface Api {

    /** {@return how far the marked element may be relied on} */
    Status status();

    /** {@return the version that introduced the element at this status; empty for the first release} */
    String since() default "";

    /** What a mark promises. */
    enum Status {
        /** Kept compatible within a major version; changes are announced a minor version ahead. */
        STABLE,
        /** New and open to feedback: may change in a minor version, with a note in the change log. */
        EXPERIMENTAL,
        /** Public only because Java's packages require it; may change or go in any release. Do not use. */
        INTERNAL
    }
}
