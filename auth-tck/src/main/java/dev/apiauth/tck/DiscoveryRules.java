package dev.apiauth.tck;

import static dev.apiauth.tck.Checks.check;
import static dev.apiauth.tck.Checks.fail;

import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.Setting;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** R1: discovery and metadata. */
final class DiscoveryRules {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern CREDENTIAL_NAME = Pattern.compile(".*(secret|password|passwd|api-?key|token).*");

    private DiscoveryRules() {
    }

    static void foundByServiceLoader(Tck tck) {
        String id = tck.fixture.providerId();
        List<AuthProvider> found = tck.lookup.withId(id);
        List<AuthProvider> otherCase = tck.lookup.withIdInOtherCase(id);
        if (found.isEmpty() && !otherCase.isEmpty()) {
            String foundId = safeId(otherCase.get(0));
            String lower = id.toLowerCase(Locale.ROOT);
            fail("ServiceLoader found no provider with id '" + id + "'; found provider '" + foundId + "' — ids are"
                    + " lower-case: " + (foundId.equals(lower)
                            ? "return '" + lower + "' from the fixture's providerId()"
                            : "make " + otherCase.get(0).getClass().getName() + ".id() return '" + lower + "'"
                                    + (id.equals(lower) ? "" : " and the fixture's providerId() too")));
        }
        if (found.isEmpty()) {
            List<String> ids = new ArrayList<>();
            tck.lookup.found.forEach(provider -> ids.add(safeId(provider) + " (" + provider.getClass().getName() + ")"));
            fail("ServiceLoader found no provider with id '" + id + "'; it found " + (ids.isEmpty() ? "none" : ids)
                    + (tck.lookup.loadFailures.isEmpty() ? "" : ", and could not load " + tck.lookup.loadFailures)
                    + ". The provider " + tck.provider.getClass().getName()
                    + " is not registered in META-INF/services/dev.apiauth.spi.AuthProvider");
        }
        if (found.size() > 1) {
            fail("ServiceLoader found " + found.size() + " providers with id '" + id + "': "
                    + found.stream().map(provider -> provider.getClass().getName()).toList()
                    + "; the engine refuses duplicate ids, so remove all but one");
        }
    }

    static void idFormat(Tck tck) {
        String id = safeId(tck.provider);
        check(id != null && ID.matcher(id).matches(), "id() returned '" + id + "', which is not lower-case letters,"
                + " digits and dashes starting with a letter (e.g. 'my-vendor')");
    }

    static void spiVersion(Tck tck) {
        int requested = tck.provider.requestedSpiVersion();
        check(requested >= 1 && requested <= AuthProvider.SPI_VERSION, "requestedSpiVersion() returned " + requested
                + ", but this engine supports SPI versions 1 to " + AuthProvider.SPI_VERSION
                + "; implement it as `return SPI_VERSION;` and build against the auth-spi you ship with");
    }

    static void infoComplete(Tck tck) {
        ProviderInfo info = info(tck);
        List<String> problems = new ArrayList<>();
        if (info.displayName().isBlank()) {
            problems.add("the display name is blank");
        }
        URI documentation = info.documentation();
        if (!documentation.isAbsolute() || !"https".equalsIgnoreCase(documentation.getScheme())
                || documentation.getHost() == null) {
            problems.add("the documentation link '" + documentation + "' is not an absolute https URL");
        }
        for (Setting setting : info.settings()) {
            if (setting.description().strip().length() < 3) {
                problems.add("setting '" + setting.name() + "' has no real description");
            }
        }
        if (!info.tokenRejectedStatuses().contains(401)) {
            problems.add("the token-rejected statuses " + info.tokenRejectedStatuses() + " do not include 401");
        }
        check(problems.isEmpty(), "the provider's info is incomplete: " + String.join("; ", problems));
    }

    static void capabilitiesMatch(Tck tck) {
        Set<Capability> declared = copy(info(tck).capabilities());
        Set<Capability> described = copy(tck.fixture.capabilities());
        if (tck.fixture.describesOneOfSeveralModes()) {
            Set<Capability> undeclared = copy(described);
            undeclared.removeAll(declared);
            check(undeclared.isEmpty(), "the fixture describes one mode with capabilities " + described
                    + ", but the provider does not declare " + undeclared);
            return;
        }
        if (!declared.equals(described)) {
            Set<Capability> missing = copy(described);
            missing.removeAll(declared);
            Set<Capability> extra = copy(declared);
            extra.removeAll(described);
            fail("the provider declares capabilities " + declared + " but its fixture describes " + described
                    + (missing.isEmpty() ? "" : "; not declared by the provider: " + missing)
                    + (extra.isEmpty() ? "" : "; declared but not in the fixture: " + extra));
        }
    }

    static void secretsFlagged(Tck tck) {
        ProviderInfo info = info(tck);
        List<String> problems = new ArrayList<>();
        for (String name : tck.fixture.secretSettings()) {
            Optional<Setting> setting = info.setting(name);
            if (setting.isEmpty()) {
                problems.add("'" + name + "' is not a declared setting");
            } else if (!setting.get().secret()) {
                problems.add("'" + name + "' is declared but not flagged secret");
            }
        }
        check(problems.isEmpty(), "secret settings of the fixture are not flagged secret by the provider: "
                + String.join("; ", problems));
    }

    static void credentialNamesFlagged(Tck tck) {
        List<String> unflagged = info(tck).settings().stream()
                .filter(setting -> setting.kind() == Setting.Kind.TEXT && !setting.secret())
                .map(Setting::name)
                .filter(name -> CREDENTIAL_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches())
                .filter(name -> !name.matches(".*-(url|uri|endpoint|path|type|name|id)$"))
                .toList();
        check(unflagged.isEmpty(), "settings named like credentials are not flagged secret: " + unflagged);
    }

    private static ProviderInfo info(Tck tck) {
        ProviderInfo info = tck.provider.info();
        if (info == null) {
            fail("info() returned null");
        }
        return info;
    }

    private static Set<Capability> copy(Set<Capability> capabilities) {
        return capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
    }

    private static String safeId(AuthProvider provider) {
        try {
            return provider.id();
        } catch (RuntimeException e) {
            return "<id() threw " + e.getClass().getSimpleName() + ">";
        }
    }
}
