package dev.apiauth.simulator;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link VendorSimulator} for JUnit 5 tests. Registered on a {@code static} field it serves
 * the whole test class (counters and tokens carry over between its tests); on an instance field,
 * each test gets a fresh simulator. Test and lifecycle methods can also take a
 * {@link VendorSimulator} parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final VendorSimulatorExtension VENDORS = new VendorSimulatorExtension();
 *
 * @Test
 * void listsUsers() {
 *     Map<String, String> settings = VENDORS.simulator().settingsFor("domo");
 *     …
 * }
 * }</pre>
 */
public final class VendorSimulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private final VendorSimulator.Builder builder;
    private volatile VendorSimulator simulator;
    private volatile boolean perClass;

    /** A simulator with the demo accounts and the vendors' default token lifetimes. */
    public VendorSimulatorExtension() {
        this(VendorSimulator.builder());
    }

    /** A simulator configured by {@code builder} (clock, lifetimes, accounts); the extension builds it. */
    public VendorSimulatorExtension(VendorSimulator.Builder builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /**
     * The running simulator.
     *
     * @throws IllegalStateException outside a test's lifecycle
     */
    public VendorSimulator simulator() {
        VendorSimulator running = simulator;
        if (running == null) {
            throw new IllegalStateException("the vendor simulator runs only while a test runs; register the extension"
                    + " with @RegisterExtension and call simulator() from a test or lifecycle method");
        }
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // Only a static field's extension is called before all tests.
        perClass = true;
        simulator = builder.build();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (simulator == null) {
            simulator = builder.build();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
        perClass = false;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == VendorSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return simulator();
    }

    private void stop() {
        VendorSimulator running = simulator;
        simulator = null;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public String toString() {
        VendorSimulator running = simulator;
        return "VendorSimulatorExtension[" + (running == null ? "stopped" : running.toString()) + "]";
    }
}
