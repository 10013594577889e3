package dev.apiauth.spring.boot.example;

import dev.apiauth.spring.boot.ApiAuthExchangeFilters;
import dev.apiauth.spring.boot.ApiAuthInterceptors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The starter README's example application, compiled and run by {@code ReportingApplicationTest}
 * against the offline Domo simulation.
 */
// tag::example[]
@SpringBootApplication
public class ReportingApplication {
    public static void main(String[] args) {
        SpringApplication.run(ReportingApplication.class, args);
    }

    // RestClient (or RestTemplate): the account's interceptor adds the headers, paces the requests
    // and after a 401 retries once with a new token.
    @Bean
    RestClient domoRestClient(RestClient.Builder builder, ApiAuthInterceptors apiauth,
            @Value("${domo.api-url}") String apiUrl) {
        return builder.baseUrl(apiUrl).apply(apiauth.restClient("domo")).build();
    }

    // WebClient: the same as an ExchangeFilterFunction.
    @Bean
    WebClient domoWebClient(WebClient.Builder builder, ApiAuthExchangeFilters apiauth,
            @Value("${domo.api-url}") String apiUrl) {
        return builder.baseUrl(apiUrl).filter(apiauth.forAccount("domo")).build();
    }

    @Service
    public static class Users {
        private final RestClient domo;
        private final WebClient domoReactive;

        Users(RestClient domoRestClient, WebClient domoWebClient) {
            this.domo = domoRestClient;
            this.domoReactive = domoWebClient;
        }

        public String list() {
            return domo.get().uri("/v1/users").retrieve().body(String.class);
        }

        public Mono<String> listReactively() {
            return domoReactive.get().uri("/v1/users").retrieve().bodyToMono(String.class);
        }
    }
}
// end::example[]
