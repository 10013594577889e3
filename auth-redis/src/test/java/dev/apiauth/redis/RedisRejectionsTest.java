package dev.apiauth.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.core.RejectionListener;
import dev.apiauth.core.RejectionNotices;
import dev.apiauth.spi.AccessToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** How a rejection announced by another instance reaches this instance's listeners; no Redis needed. */
class RedisRejectionsTest {
    private final Encryption encryption = new Encryption(List.of(Base64.getDecoder().decode(Fleet.KEY.reveal())));
    private final RedisRejections rejections = new RedisRejections(encryption);

    private static AccessToken token(String value) {
        return AccessToken.builder(value, Instant.parse("2026-01-01T00:00:00Z")).build();
    }

    @Test
    void everyListenerHearsTheRejectionAndItMatchesOnlyTheRejectedToken() {
        List<Predicate<AccessToken>> heard = new ArrayList<>();
        RejectionListener failing = isRejected -> {
            throw new IllegalStateException("a broken listener");
        };
        rejections.subscribe("acct", failing);
        rejections.subscribe("acct", heard::add);

        rejections.rejected(encryption.tokenId("tok-a"));

        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).test(token("tok-a"))).isTrue();
        assertThat(heard.get(0).test(token("tok-b"))).isFalse();
    }

    @Test
    void oneListenerSubscribedTwiceIsOneRegistrationUntilClosed() {
        List<Predicate<AccessToken>> heard = new ArrayList<>();
        RejectionListener listener = heard::add;
        RejectionNotices.Registration first = rejections.subscribe("acct", listener);
        rejections.subscribe("acct", listener);
        assertThat(rejections.size()).isEqualTo(1);

        first.close();
        rejections.rejected(encryption.tokenId("tok-a"));

        assertThat(rejections.size()).isZero();
        assertThat(heard).isEmpty();
    }
}
