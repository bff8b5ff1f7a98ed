package org.plugftpd.core.impl.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.time.Duration;

/**
 * Calls into feature services under a time limit, counting calls, failures and time per service
 * (for ftp:status). A call with a limit runs on a pooled daemon thread while the session's thread
 * waits; past the limit the session carries on and the late call is left to finish on its own.
 * Thread-safe.
 */
public final class ServiceCalls {
    private final Map<String, Counters> counters = new ConcurrentHashMap<>();
    private final ExecutorService pool;

    public ServiceCalls() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "plugftpd-service-call-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.pool = executor;
    }

    /**
     * Runs {@code call} of {@code service} within {@code limit} (zero: on this thread, no limit).
     *
     * @throws ServiceFailure when it throws, returns null or overruns the limit
     */
    public <T> T call(String service, Duration limit, Callable<T> call) throws ServiceFailure {
        long t0 = System.nanoTime();
        boolean failed = true;
        boolean timedOut = false;
        try {
            T result;
            if (limit.isZero() || limit.isNegative()) {
                result = call.call();
            } else {
                Future<T> future = pool.submit(call);
                try {
                    result = future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    future.cancel(true);
                    timedOut = true;
                    throw new ServiceFailure(service, "did not answer within " + limit.toMillis() + " ms", null);
                } catch (ExecutionException e) {
                    throw new ServiceFailure(service, "failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    future.cancel(true);
                    Thread.currentThread().interrupt();
                    throw new ServiceFailure(service, "call interrupted", e);
                }
            }
            if (result == null) {
                throw new ServiceFailure(service, "answered null", null);
            }
            failed = false;
            return result;
        } catch (ServiceFailure e) {
            throw e;
        } catch (Exception | LinkageError e) {
            // LinkageError: a bundle being updated under the call
            throw new ServiceFailure(service, "failed: " + e, e);
        } finally {
            record(service, System.nanoTime() - t0, failed, timedOut);
        }
    }

    /** Counts a call made elsewhere (e.g. a quick inline progress call). */
    public void record(String service, long nanos, boolean failed, boolean timedOut) {
        Counters c = counters.computeIfAbsent(service, k -> new Counters());
        c.calls.increment();
        c.nanos.add(nanos);
        if (failed) {
            c.failures.increment();
        }
        if (timedOut) {
            c.timeouts.increment();
        }
    }

    /** The figures of every service called so far, by name. */
    public List<CallFigures> figures() {
        List<CallFigures> all = new ArrayList<>();
        counters.forEach((name, c) -> all.add(new CallFigures(name, c.calls.sum(), c.failures.sum(),
                c.timeouts.sum(), c.nanos.sum() / 1000)));
        all.sort(java.util.Comparator.comparing(CallFigures::service));
        return all;
    }

    /** Stops the pool; late calls still running are left to end. */
    public void close() {
        pool.shutdown();
    }

    private static final class Counters {
        final LongAdder calls = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder timeouts = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }
}
