package dev.apiauth.cli;

import dev.apiauth.core.Settings;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.RateLimit;
import dev.apiauth.spi.Setting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How providers, settings and rate limits are shown: as text cells and as JSON-ready maps. */
final class ProviderViews {
    private ProviderViews() {
    }

    /** Id, name, documentation, capabilities and settings. */
    static Map<String, Object> summary(AuthProvider provider) {
        ProviderInfo info = provider.info();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", provider.id());
        view.put("name", info.displayName());
        view.put("documentation", info.documentation().toString());
        view.put("capabilities", info.capabilities().stream().map(ProviderViews::capability).toList());
        List<Object> settings = new ArrayList<>();
        info.settings().forEach(setting -> settings.add(setting(provider.id(), setting)));
        view.put("settings", settings);
        return view;
    }

    /** {@link #summary} plus rate limits and the API statuses that mean "token expired". */
    static Map<String, Object> details(AuthProvider provider) {
        Map<String, Object> view = summary(provider);
        List<Object> limits = new ArrayList<>();
        for (RateLimit limit : provider.info().rateLimits()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("permits", limit.permits());
            entry.put("period", limit.period().toString());
            entry.put("text", rateLimit(limit));
            limits.add(entry);
        }
        view.put("rateLimits", limits);
        view.put("tokenRejectedStatuses", List.copyOf(provider.info().tokenRejectedStatuses()));
        view.put("spiVersion", provider.requestedSpiVersion());
        return view;
    }

    static Map<String, Object> setting(String providerId, Setting setting) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", setting.name());
        view.put("kind", setting.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        view.put("required", setting.required());
        view.put("secret", setting.secret());
        view.put("default", defaultValue(setting));
        if (!setting.choices().isEmpty()) {
            view.put("choices", setting.choices());
        }
        view.put("description", setting.description());
        view.put("environmentVariable", Settings.environmentVariable(providerId, setting.name()));
        return view;
    }

    /** The default as shown: a secret's default is never printed. */
    static String defaultValue(Setting setting) {
        return setting.defaultValue().map(value -> setting.secret() ? "(secret)" : value).orElse(null);
    }

    /** {@code token-endpoint}. */
    static String capability(Capability capability) {
        return capability.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String capabilities(Collection<Capability> capabilities) {
        return capabilities.isEmpty() ? "none"
                : capabilities.stream().map(ProviderViews::capability).collect(Collectors.joining(", "));
    }

    /** {@code 1 per second}, {@code 1000 per day}, {@code 40 per 5 minutes}. */
    static String rateLimit(RateLimit limit) {
        return limit.permits() + " per " + period(limit.period());
    }

    private static String period(Duration period) {
        if (period.equals(Duration.ofSeconds(1))) {
            return "second";
        }
        if (period.equals(Duration.ofMinutes(1))) {
            return "minute";
        }
        if (period.equals(Duration.ofHours(1))) {
            return "hour";
        }
        if (period.equals(Duration.ofDays(1))) {
            return "day";
        }
        return Durations.human(period);
    }

    /** Setting names, required ones marked with {@code *}. */
    static String settingNames(ProviderInfo info) {
        return info.settings().stream().map(setting -> setting.name() + (setting.required() ? "*" : ""))
                .collect(Collectors.joining(", "));
    }
}
