package dev.apiauth.reliability.properties;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * A property: a {@code @ParameterizedTest} whose {@code @MethodSource} returns {@link Tries#of}
 * samples. A failing try fails with its input and the command that replays it first.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "try {index}, {0}")
@ExtendWith(Property.ReportSeed.class)
@interface Property {

    /** Wraps a try's failure in one that names the seed, the input and how to replay it. */
    final class ReportSeed implements InvocationInterceptor {
        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation,
                ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext)
                throws Throwable {
            try {
                invocation.proceed();
            } catch (Throwable failure) {
                Tries.Sample<?> sample = Arrays.stream(invocationContext.getArguments().toArray())
                        .filter(Tries.Sample.class::isInstance).map(Tries.Sample.class::cast).findFirst()
                        .orElse(null);
                if (sample == null) {
                    throw failure;
                }
                Method method = invocationContext.getExecutable();
                AssertionError reported = new AssertionError(String.format(
                        "property %s failed at try %d (run seed %d) on input:%n  %s%n"
                                + "replay it as the first try: ./mvnw -pl auth-reliability test -Dtest='%s#%s' -D%s=%d",
                        method.getName(), sample.index(), Tries.RUN_SEED, sample.value(),
                        method.getDeclaringClass().getSimpleName(), method.getName(), Tries.SEED_PROPERTY,
                        sample.seed()), failure);
                throw reported;
            }
        }
    }
}
