package dev.apiauth.tck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract run once for every {@link ContractFixture} registered with {@link ServiceLoader}
 * ({@code META-INF/services/dev.apiauth.tck.ContractFixture}): the black-box way in, used by
 * {@link TckRunner}. Select it with your build's test filter, e.g.
 * {@code mvn test -Dtest=dev.apiauth.tck.ContractSuite}. Set the system property
 * {@value #PROVIDERS_PROPERTY} to a comma-separated list of ids to run only those.
 */
@ParameterizedClass
@MethodSource("fixtures")
public class ContractSuite extends AuthProviderContract {
    /** System property limiting the suite to some provider ids. */
    public static final String PROVIDERS_PROPERTY = "apiauth.tck.providers";

    @Parameter
    ContractFixture fixture;

    @Override
    protected ContractFixture fixture() {
        return fixture;
    }

    /** Every registered fixture, named by its provider id; none found is a configuration error. */
    static Stream<Arguments> fixtures() {
        List<ContractFixture> found = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Iterator<ContractFixture> fixtures = ServiceLoader.load(ContractFixture.class, ProviderLookup.contextLoader())
                .iterator();
        while (true) {
            try {
                if (!fixtures.hasNext()) {
                    break;
                }
                found.add(fixtures.next());
            } catch (ServiceConfigurationError e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new TckConfigurationException(failures.stream()
                    .map(failure -> "a registered ContractFixture could not be loaded: " + failure).toList());
        }
        String wanted = System.getProperty(PROVIDERS_PROPERTY, "").strip();
        if (!wanted.isEmpty()) {
            Set<String> ids = Arrays.stream(wanted.split(",")).map(String::strip).collect(Collectors.toSet());
            Set<String> available = new TreeSet<>();
            found.forEach(fixture -> available.add(fixture.providerId()));
            found.removeIf(fixture -> !ids.contains(fixture.providerId()));
            if (found.isEmpty()) {
                throw new TckConfigurationException("no registered ContractFixture is for " + ids
                        + "; fixtures were found for " + available);
            }
        }
        if (found.isEmpty()) {
            throw new TckConfigurationException("no ContractFixture is registered in"
                    + " META-INF/services/dev.apiauth.tck.ContractFixture on the class path; register the provider's"
                    + " fixture class there (public, with a no-argument constructor)");
        }
        return found.stream().map(fixture -> Arguments.argumentSet(fixture.providerId(), fixture));
    }
}
