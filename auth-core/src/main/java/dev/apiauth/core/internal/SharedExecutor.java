package dev.apiauth.core.internal;

import dev.apiauth.spi.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Engine internal, not API (see the package): one executor of daemon threads shared by everything holding a
 * {@link Lease}. The executor is created on the first {@link Lease#executor()} call, not when a
 * lease is taken, so an account that never needs it starts no thread; when the last lease closes
 * it is shut down and its threads are joined, so an application that closes every
 * {@code Credentials} keeps no apiauth thread (a servlet container's redeploy sees no leak). A
 * later lease starts a new executor.
 *
 * @param <E> the kind of executor
 */
@Api(status = Api.Status.INTERNAL)
public final class SharedExecutor<E extends ExecutorService> {
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

    /**
     * The engine's one timer thread ({@code apiauth-timer}): every account's state flip and every
     * token request's call deadline. Both are tasks of microseconds, so one thread serves them all;
     * one thread rather than one per job also means one fewer thread to start on the first token.
     */
    public static final SharedExecutor<ScheduledExecutorService> TIMER = new SharedExecutor<>("apiauth-timer", false,
            threads -> {
                ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, threads);
                // a replaced token's flip and a finished call's deadline leave the queue at once
                timer.setRemoveOnCancelPolicy(true);
                return timer;
            });

    private final String threadName;
    private final boolean numbered;
    private final Function<ThreadFactory, E> factory;
    private final AtomicInteger threadCount = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private int leases;
    private E executor;

    /**
     * @param threadName the threads' name, or their prefix when {@code numbered} ({@code name-1}, ...)
     * @param numbered whether the executor may run several threads
     * @param factory builds the executor from the thread factory it must use
     */
    public SharedExecutor(String threadName, boolean numbered, Function<ThreadFactory, E> factory) {
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.numbered = numbered;
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** Takes a lease; starts nothing yet. */
    public synchronized Lease<E> acquire() {
        leases++;
        return new Lease<>(this);
    }

    /** How many leases are open; for tests and diagnostics. */
    public synchronized int leases() {
        return leases;
    }

    private synchronized E executor() {
        if (executor == null) {
            executor = factory.apply(this::newThread);
        }
        return executor;
    }

    private Thread newThread(Runnable task) {
        Thread thread = new Thread(task, numbered ? threadName + "-" + threadCount.incrementAndGet() : threadName);
        thread.setDaemon(true);
        synchronized (this) {
            // Pools replace idle threads: keep only the live ones.
            for (Iterator<Thread> known = threads.iterator(); known.hasNext(); ) {
                if (!known.next().isAlive()) {
                    known.remove();
                }
            }
            threads.add(thread);
        }
        return thread;
    }

    private void release() {
        E stopping;
        List<Thread> stopped;
        synchronized (this) {
            if (--leases > 0 || executor == null) {
                return;
            }
            stopping = executor;
            stopped = List.copyOf(threads);
            executor = null;
            threads.clear();
        }
        stopping.shutdownNow();
        Thread current = Thread.currentThread();
        long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        for (Thread thread : stopped) {
            if (thread == current) {
                continue; // closed from one of its own tasks: that thread ends when the task returns
            }
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "SharedExecutor[" + threadName + ", leases=" + leases() + "]";
    }

    /**
     * One holder's share of the executor. Closing it twice is harmless; after closing,
     * {@link #executor()} refuses.
     *
     * @param <E> the kind of executor
     */
    public static final class Lease<E extends ExecutorService> implements AutoCloseable {
        private final SharedExecutor<E> owner;
        private boolean closed;

        private Lease(SharedExecutor<E> owner) {
            this.owner = owner;
        }

        /**
         * The shared executor, created (with its first thread) now if this is its first use.
         *
         * @throws RejectedExecutionException when this lease is closed
         */
        public E executor() {
            synchronized (owner) {
                if (closed) {
                    throw new RejectedExecutionException(owner.threadName + ": the lease was closed");
                }
                return owner.executor();
            }
        }

        /** Releases this share; the last one shuts the executor down and waits (briefly) for its threads to end. */
        @Override
        public void close() {
            synchronized (owner) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            owner.release();
        }
    }
}
