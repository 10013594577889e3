package dev.apiauth.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class SharedExecutorTest {
    private final List<Thread> started = new CopyOnWriteArrayList<>();

    private SharedExecutor<ExecutorService> shared() {
        return new SharedExecutor<>("test-shared", true, threads -> Executors.newCachedThreadPool(task -> {
            Thread thread = threads.newThread(task);
            started.add(thread);
            return thread;
        }));
    }

    @Test
    void startsNoThreadUntilALeaseUsesTheExecutor() {
        SharedExecutor<ExecutorService> shared = shared();
        SharedExecutor.Lease<ExecutorService> lease = shared.acquire();

        assertThat(shared.leases()).isEqualTo(1);
        assertThat(started).isEmpty();
        lease.close();
        assertThat(started).isEmpty();
    }

    @Test
    void theLastCloseShutsTheExecutorDownAndItsThreadsHaveEndedWhenItReturns() throws Exception {
        SharedExecutor<ExecutorService> shared = shared();
        SharedExecutor.Lease<ExecutorService> first = shared.acquire();
        SharedExecutor.Lease<ExecutorService> second = shared.acquire();
        ExecutorService executor = first.executor();
        assertThat(second.executor()).isSameAs(executor);
        executor.submit(() -> { }).get();
        assertThat(started).singleElement().satisfies(thread -> {
            assertThat(thread.getName()).isEqualTo("test-shared-1");
            assertThat(thread.isDaemon()).isTrue();
        });

        first.close();
        first.close(); // a second close of one lease must not release another's share
        assertThat(shared.leases()).isEqualTo(1);
        assertThat(executor.isShutdown()).isFalse();

        second.close();
        assertThat(shared.leases()).isZero();
        assertThat(executor.isShutdown()).isTrue();
        assertThat(started).allSatisfy(thread -> assertThat(thread.isAlive()).isFalse());
    }

    @Test
    void aClosedLeaseRefusesAndALaterLeaseGetsAFreshExecutor() throws ExecutionException, InterruptedException {
        SharedExecutor<ExecutorService> shared = shared();
        SharedExecutor.Lease<ExecutorService> lease = shared.acquire();
        ExecutorService before = lease.executor();
        lease.close();

        assertThatThrownBy(lease::executor).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("test-shared");
        try (SharedExecutor.Lease<ExecutorService> later = shared.acquire()) {
            ExecutorService after = later.executor();
            assertThat(after).isNotSameAs(before);
            after.submit(() -> { }).get();
        }
    }
}
