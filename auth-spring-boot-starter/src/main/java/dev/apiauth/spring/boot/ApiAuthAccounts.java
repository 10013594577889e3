package dev.apiauth.spring.boot;

import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.Setting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * The accounts configured under {@code apiauth.accounts}, checked together at start-up: an unknown
 * provider, a missing, unknown or malformed setting of any account is reported in one
 * {@link InvalidSettingsException} that lists every problem with its property name. Each account's
 * {@link Credentials} is a bean named after the account, closed with the application context;
 * {@link #credentials(String)} finds it by name.
 */
public final class ApiAuthAccounts {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::[^}]*)?}");
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    private final Map<String, Account> accounts;
    private final List<ApiAuthCredentialsCustomizer> customizers;
    private final BeanFactory beanFactory;

    ApiAuthAccounts(ApiAuthProperties properties, Binder binder, AuthProviders providers,
            List<ApiAuthCredentialsCustomizer> customizers, BeanFactory beanFactory) {
        this.customizers = List.copyOf(customizers);
        this.beanFactory = beanFactory;
        Map<String, Account> checked = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        properties.getAccounts().forEach((name, account) -> {
            Account valid = check(name, account, binder, providers, problems);
            if (valid != null) {
                checked.put(name, valid);
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(null, problems);
        }
        this.accounts = Collections.unmodifiableMap(checked);
    }

    /** The names of the configured accounts, in the order they were configured. */
    public Set<String> names() {
        return accounts.keySet();
    }

    /**
     * The {@link Credentials} bean of account {@code name}.
     *
     * @throws IllegalArgumentException naming the configured accounts when there is none of that name
     */
    public Credentials credentials(String name) {
        known(name);
        return beanFactory.getBean(name, Credentials.class);
    }

    /** The provider id of account {@code name}. */
    public String providerId(String name) {
        return known(name).provider().id();
    }

    /** Builds the account's credentials; called once per account, by its bean definition. */
    Credentials create(String name) {
        Account account = known(name);
        Credentials.Builder builder = Credentials.builder(account.provider()).settings(account.settings());
        customizers.forEach(customizer -> customizer.customize(name, builder));
        return builder.build();
    }

    private Account known(String name) {
        Account account = accounts.get(Objects.requireNonNull(name, "name"));
        if (account == null) {
            throw new IllegalArgumentException("no apiauth account '" + name + "'; configured accounts: "
                    + (accounts.isEmpty() ? "none (set apiauth.accounts." + name + ".provider and its settings)"
                            : accounts.keySet()));
        }
        return account;
    }

    /** The environment variable Spring Boot binds to {@code property}, in its documented form. */
    static String environmentVariable(String property) {
        return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
    }

    /** A name as Spring Boot compares names: letters and digits only, lower case ({@code clientid}). */
    private static String uniform(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    /** A setting name in kebab case, however it was written: {@code clientId}, {@code client_id}, {@code CLIENT.ID}. */
    static String kebab(String key) {
        return CAMEL_HUMP.matcher(key).replaceAll("$1-$2").toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
    }

    private static Account check(String name, ApiAuthProperties.Account account, Binder binder, AuthProviders providers,
            List<String> problems) {
        String prefix = ApiAuthProperties.PREFIX + ".accounts." + name;
        if (!NAME.matcher(name).matches()) {
            problems.add(prefix + ": the account name '" + name + "' must be lower-case letters, digits and dashes"
                    + " (e.g. '" + kebab(name).replaceAll("[^a-z0-9-]", "") + "'), as it names the Credentials bean");
            return null;
        }
        String id = account.getProvider();
        if (id == null || id.isBlank()) {
            problems.add(prefix + ".provider is not set; set it to the id of one of the providers on the class path: "
                    + providers.ids());
            return null;
        }
        AuthProvider provider = providers.find(id.strip()).orElse(null);
        if (provider == null) {
            problems.add(prefix + ".provider: no provider with id '" + id.strip() + "'; known providers: "
                    + (providers.ids().isEmpty() ? "none (add a provider jar such as provider-domo)" : providers.ids()));
            return null;
        }
        Map<String, String> unresolved = new LinkedHashMap<>();
        Settings settings = settings(prefix + ".settings", account.getSettings(), provider, binder, unresolved);
        List<String> accountProblems = new ArrayList<>(unresolved.values());
        try {
            settings.validate(provider);
        } catch (InvalidSettingsException e) {
            // A setting left out for its unresolved placeholder is reported once, for that reason.
            e.problems().stream()
                    .filter(problem -> unresolved.keySet().stream()
                            .noneMatch(setting -> problem.contains("'" + setting + "'")))
                    .forEach(accountProblems::add);
        }
        if (!accountProblems.isEmpty()) {
            for (String problem : accountProblems) {
                problems.add(prefix + " (provider " + provider.id() + "): " + inSpringTerms(problem, provider, prefix));
            }
            return null;
        }
        return new Account(provider, settings);
    }

    /**
     * The account's settings under the provider's names. Each declared setting is bound by Spring
     * Boot's relaxed binding ({@code client-id}, {@code clientId}, {@code CLIENT_ID} …) with Spring's
     * precedence of property sources; any other key is passed on as written, so validation reports
     * it as unknown.
     */
    private static Settings settings(String prefix, Map<String, String> raw, AuthProvider provider, Binder binder,
            Map<String, String> unresolved) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting setting : provider.info().settings()) {
            binder.bind(ConfigurationPropertyName.of(prefix + "." + setting.name()), Bindable.of(String.class))
                    .ifBound(value -> {
                        Matcher placeholder = PLACEHOLDER.matcher(value);
                        if (placeholder.find()) {
                            // Spring leaves a placeholder it cannot resolve as it is; sending
                            // "${DOMO_CLIENT_SECRET}" to the vendor would only earn a confusing refusal.
                            unresolved.put(setting.name(), "setting '" + setting.name() + "' refers to "
                                    + placeholder.group() + ", which is not set; set " + placeholder.group(1)
                                    + " (e.g. as an environment variable) or give the value directly");
                        } else {
                            values.put(setting.name(), value);
                        }
                    });
        }
        raw.forEach((key, value) -> {
            if (provider.info().settings().stream().noneMatch(setting -> uniform(setting.name()).equals(uniform(key)))) {
                values.put(key, value == null ? "" : value);
            }
        });
        return Settings.of(values);
    }

    /** Points a problem's hint at the property to set instead of auth-core's own environment variable. */
    private static String inSpringTerms(String problem, AuthProvider provider, String prefix) {
        String text = problem;
        for (Setting setting : provider.info().settings()) {
            String property = prefix + ".settings." + setting.name();
            text = text.replace("environment variable " + Settings.environmentVariable(provider.id(), setting.name()),
                    "property " + property + " (environment variable " + environmentVariable(property) + ")");
        }
        return text;
    }

    @Override
    public String toString() {
        return "ApiAuthAccounts" + accounts.keySet();
    }

    private record Account(AuthProvider provider, Settings settings) {
    }
}
