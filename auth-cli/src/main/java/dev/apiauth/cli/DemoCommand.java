package dev.apiauth.cli;

import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.httpclient5.AuthExecChainHandler;
import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.simulator.VendorSimulator;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthProvider;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code authctl demo}: starts the vendor simulators on loopback and takes every provider through
 * discovery, token, an authorized API call, forced expiry, refresh and recovery after a 401, each
 * step checked against what the simulator saw. Needs no account and no internet.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start offline simulators of the five vendors on 127.0.0.1 and take every provider through"
                + " discovery -> token -> authorized API call -> forced expiry -> refresh -> recovery after a 401,"
                + " printing a table of provider, step, result and time. Needs no account and no internet."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every step passed", "1:a step failed (the table says which and why)", "2:usage error"})
final class DemoCommand extends BaseCommand {
    static final List<String> STEPS = List.of("discovery", "token", "API call", "forced expiry", "refresh",
            "401 recovery");

    @Option(names = "--providers", paramLabel = "ID", split = ",",
            description = "Run only these providers (comma separated). Default: every simulated vendor.")
    List<String> only = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    /** One row of the table. */
    record Step(String provider, String step, Result result, String detail, Duration took) {
    }

    enum Result { PASS, FAIL, SKIPPED }

    @Override
    protected int run() throws IOException {
        DemoClock clock = new DemoClock(Clock.systemUTC());
        List<Step> steps = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        URI simulators;
        try (VendorSimulator vendors = VendorSimulator.builder().clock(clock).build();
                CloseableHttpClient plain = plainClient(HttpClients.custom())) {
            simulators = vendors.baseUri();
            List<String> ids = selected(vendors);
            progress(json, "Vendor simulators listening on " + simulators + "; running " + ids.size()
                    + " providers…");
            for (String id : ids) {
                List<Step> done = new ProviderRun(id, vendors, clock, plain, notes).run();
                steps.addAll(done);
                long passed = done.stream().filter(step -> step.result() == Result.PASS).count();
                progress(json, String.format("  %-10s %d/%d steps passed", id, passed, done.size()));
            }
        }
        boolean allPassed = !steps.isEmpty() && steps.stream().allMatch(step -> step.result() == Result.PASS);
        notes.add("Forced expiry moves one clock, shared by the simulators and the engine, past the token's expiry,"
                + " so nobody waits an hour; the engine then refreshes the token before the next call.");
        notes.add("401 recovery: the simulator revokes every issued token; the HttpClient 5 handler gets a 401"
                + " (Dotypos: 403), drops the token, fetches a new one and retries once.");
        notes.add("The simulators listened on " + simulators + ": no account, no internet. Tokens are shown masked.");
        if (json) {
            printJson(steps, notes, allPassed);
        } else {
            printTable(steps, notes, allPassed);
        }
        return allPassed ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private List<String> selected(VendorSimulator vendors) {
        if (only.isEmpty()) {
            return List.copyOf(vendors.providerIds());
        }
        for (String id : only) {
            if (!vendors.providerIds().contains(id)) {
                throw new CliException(ExitCodes.USAGE, "the demo has no simulated vendor '" + id + "'; it simulates "
                        + vendors.providerIds());
            }
        }
        return List.copyOf(new LinkedHashSet<>(only));
    }

    private void printTable(List<Step> steps, Set<String> notes, boolean allPassed) {
        Table table = new Table("PROVIDER", "STEP", "RESULT", "TIME", "DETAILS");
        String previous = null;
        for (Step step : steps) {
            table.row(step.provider().equals(previous) ? "" : step.provider(), step.step(),
                    step.result() == Result.PASS ? "pass" : step.result() == Result.FAIL ? "FAIL" : "skipped",
                    step.result() == Result.SKIPPED ? "" : Durations.human(step.took()), step.detail());
            previous = step.provider();
        }
        table.print(out());
        out().println();
        long passed = steps.stream().filter(step -> step.result() == Result.PASS).count();
        out().println((allPassed ? "All " : "") + passed + " of " + steps.size() + " steps passed"
                + (allPassed ? "." : "; see the FAIL rows."));
        out().println();
        out().println("Notes:");
        notes.forEach(note -> out().println("- " + note));
    }

    private void printJson(List<Step> steps, Set<String> notes, boolean allPassed) {
        List<Object> rows = new ArrayList<>();
        for (Step step : steps) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("provider", step.provider());
            row.put("step", step.step());
            row.put("result", step.result().name().toLowerCase(java.util.Locale.ROOT));
            row.put("millis", step.took().toMillis());
            row.put("detail", step.detail());
            rows.add(row);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("passed", allPassed);
        view.put("steps", rows);
        view.put("notes", List.copyOf(notes));
        out().println(JacksonJson.INSTANCE.write(view));
    }

    private static CloseableHttpClient plainClient(HttpClientBuilder builder) {
        return builder.disableRedirectHandling().disableAutomaticRetries().build();
    }

    /** Why a step failed; its message goes in the table. */
    private static final class StepFailure extends RuntimeException {
        StepFailure(String message) {
            super(message);
        }
    }

    /** One provider's six steps against its simulation. */
    private final class ProviderRun {
        private final String id;
        private final VendorSimulator vendors;
        private final DemoClock clock;
        private final CloseableHttpClient plain;
        private final Set<String> notes;
        private final List<Step> steps = new ArrayList<>();
        private Credentials credentials;
        private CloseableHttpClient authorized;
        private Authorization current;
        /** Statuses of every API answer the authorized client received, retries included. */
        private final List<Integer> answers = new java.util.concurrent.CopyOnWriteArrayList<>();

        ProviderRun(String id, VendorSimulator vendors, DemoClock clock, CloseableHttpClient plain, Set<String> notes) {
            this.id = id;
            this.vendors = vendors;
            this.clock = clock;
            this.plain = plain;
            this.notes = notes;
        }

        List<Step> run() throws IOException {
            try {
                boolean ok = step("discovery", this::discovery)
                        && step("token", this::token)
                        && step("API call", this::apiCall)
                        && step("forced expiry", this::forcedExpiry)
                        && step("refresh", this::refresh)
                        && step("401 recovery", this::recovery);
                if (!ok) {
                    for (String name : STEPS.subList(steps.size(), STEPS.size())) {
                        steps.add(new Step(id, name, Result.SKIPPED, "skipped after the failure above", Duration.ZERO));
                    }
                }
                return steps;
            } finally {
                if (authorized != null) {
                    authorized.close();
                }
                if (credentials != null) {
                    credentials.close();
                }
            }
        }

        private boolean step(String name, StepAction action) {
            long started = System.nanoTime();
            Result result;
            String detail;
            try {
                detail = action.run();
                result = Result.PASS;
            } catch (StepFailure e) {
                detail = e.getMessage();
                result = Result.FAIL;
            } catch (Exception e) {
                // AuthException messages name the provider and never hold a secret.
                detail = e.getClass().getSimpleName() + ": " + e.getMessage();
                result = Result.FAIL;
            }
            steps.add(new Step(id, name, result, detail, Duration.ofNanos(System.nanoTime() - started)));
            return result == Result.PASS;
        }

        private String discovery() {
            Optional<AuthProvider> provider = root.providers().find(id);
            if (provider.isEmpty()) {
                throw new StepFailure("no provider '" + id + "' on the class path; found " + root.providers().ids());
            }
            Map<String, String> settings = vendors.settingsFor(id);
            credentials = Credentials.builder(provider.get()).settings(settings).clock(clock).build();
            authorized = plainClient(AuthExecChainHandler.install(HttpClients.custom(), credentials)
                    .addResponseInterceptorLast((response, entity, context) -> answers.add(response.getCode())));
            if ("false".equals(settings.get("pace-requests"))) {
                notes.add(id + ": pacing to the vendor's " + provider.get().info().rateLimits().stream()
                        .map(ProviderViews::rateLimit).reduce((a, b) -> a + ", " + b).orElse("rate limit")
                        + " budget is off for the demo (setting pace-requests=false): the simulator does not"
                        + " enforce it, and the demo would take seconds longer.");
            }
            return provider.get().info().displayName() + " found by ServiceLoader; simulator settings valid";
        }

        private String token() {
            int before = vendors.tokenRequests(id);
            current = credentials.authorization();
            expect(vendors.tokenRequests(id) == before + 1, "expected one token request, the simulator saw "
                    + (vendors.tokenRequests(id) - before));
            return describe(current.token());
        }

        private String apiCall() throws IOException {
            int before = vendors.apiRequests(id);
            answers.clear();
            int status = get(authorized, Map.of());
            expect(status == 200 && answers.equals(List.of(200)), "the API answered " + answers + ", expected 200");
            expect(vendors.apiRequests(id) == before + 1, "expected one API request, the simulator saw "
                    + (vendors.apiRequests(id) - before));
            return "GET " + vendors.apiUri(id).getPath() + ": HTTP 200";
        }

        private String forcedExpiry() throws IOException {
            Authorization old = current;
            String how;
            Optional<Instant> expiry = old.token().expiresAt();
            if (expiry.isPresent()) {
                Duration jump = Duration.between(clock.instant(), expiry.get()).plusSeconds(1);
                clock.advance(jump.isNegative() ? Duration.ZERO : jump);
                how = "clock moved +" + Durations.human(jump);
            } else {
                vendors.expireAllTokens();
                how = "lifetime unknown: the simulator revoked it";
            }
            int status = get(plain, old.headers());
            expect(credentials.tokenRejectedStatuses().contains(status),
                    "the API still answered HTTP " + status + " to the expired token");
            if (expiry.isEmpty()) {
                credentials.rejected(old);
            }
            expect(credentials.peek().isEmpty(), "the engine still considers the expired token usable");
            return how + "; old token refused with HTTP " + status;
        }

        private String refresh() throws IOException {
            int tokensBefore = vendors.tokenRequests(id);
            int callsBefore = vendors.apiRequests(id);
            Authorization fresh = credentials.authorization();
            expect(!fresh.token().value().equals(current.token().value()), "the engine handed out the expired token");
            expect(vendors.tokenRequests(id) == tokensBefore + 1, "expected one token request, the simulator saw "
                    + (vendors.tokenRequests(id) - tokensBefore));
            current = fresh;
            answers.clear();
            int status = get(authorized, Map.of());
            expect(status == 200 && answers.equals(List.of(200)), "the API answered " + answers + " to the new token");
            expect(vendors.apiRequests(id) == callsBefore + 1, "expected one API request (no 401 on the way), the"
                    + " simulator saw " + (vendors.apiRequests(id) - callsBefore));
            return "new token before the call, HTTP 200 at once";
        }

        private String recovery() throws IOException {
            vendors.expireAllTokens();
            int tokensBefore = vendors.tokenRequests(id);
            int callsBefore = vendors.apiRequests(id);
            answers.clear();
            int status = get(authorized, Map.of());
            expect(status == 200, "after the retry the API answered HTTP " + status);
            expect(answers.size() == 2 && credentials.tokenRejectedStatuses().contains(answers.get(0)),
                    "expected a rejection and then HTTP 200, the client saw " + answers);
            expect(vendors.apiRequests(id) == callsBefore + 2, "expected the call and one retry, the simulator saw "
                    + (vendors.apiRequests(id) - callsBefore) + " API requests");
            expect(vendors.tokenRequests(id) == tokensBefore + 1, "expected one new token, the simulator saw "
                    + (vendors.tokenRequests(id) - tokensBefore) + " token requests");
            return "revoked token got HTTP " + answers.get(0) + "; new token, retried once: HTTP 200";
        }

        private int get(CloseableHttpClient client, Map<String, String> headers) throws IOException {
            HttpGet request = new HttpGet(vendors.apiUri(id));
            headers.forEach(request::setHeader);
            return client.execute(request, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        }

        private static void expect(boolean condition, String failure) {
            if (!condition) {
                throw new StepFailure(failure);
            }
        }

        private static String describe(AccessToken token) {
            return token.type() + " " + Masking.mask(token.value()) + ", expires "
                    + token.lifetime().map(lifetime -> "in " + Durations.human(lifetime)).orElse("when rejected");
        }
    }

    @FunctionalInterface
    private interface StepAction {
        String run() throws Exception;
    }
}
