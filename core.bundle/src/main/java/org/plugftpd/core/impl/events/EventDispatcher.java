package org.plugftpd.core.impl.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.plugftpd.transfer.api.TransferEvent;
import org.plugftpd.transfer.api.TransferListener;
import org.plugftpd.upload.api.UploadEvent;
import org.plugftpd.upload.api.UploadListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's event queue: sessions {@link #publish} transfer and upload events without ever
 * waiting, one worker thread hands them to the listeners. A listener that goes away (its bundle is
 * being stopped or updated) leaves a backlog under its identity ({@code service.pid}, else
 * {@code component.name}); when a listener with that identity comes back it first receives the
 * backlog, in order. Queue and backlogs are bounded; what does not fit is counted as dropped.
 * Thread-safe; all listener bookkeeping happens on the worker thread.
 */
@Component(service = EventDispatcher.class)
public final class EventDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    /** A backlog nobody came back for within this time is given up. */
    private static final long BACKLOG_TTL_NANOS = TimeUnit.MINUTES.toNanos(15);

    private final LinkedBlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile int capacity = 10_000;
    private volatile boolean running;
    private Thread worker;

    // changed on the worker thread only; concurrent because ftp:status reads them
    private final Map<String, Subscriber> live = new ConcurrentHashMap<>();
    private final Map<String, Backlog> absent = new ConcurrentHashMap<>();

    @Activate
    void activate() {
        running = true;
        worker = new Thread(this::run, "plugftpd-events");
        worker.setDaemon(true);
        worker.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        work.add(() -> { });
        worker.join(TimeUnit.SECONDS.toMillis(10));
        if (worker.isAlive()) {
            LOG.warn("event worker did not finish in 10 s; {} events not delivered", queued.get());
            worker.interrupt();
        }
    }

    /** Bound for the queue and for each absent listener's backlog. */
    public void capacity(int events) {
        this.capacity = events;
    }

    /** Hands an event over for delivery; never blocks. */
    public void publish(Object event) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            countDropped(1);
            return;
        }
        work.add(() -> {
            queued.decrementAndGet();
            dispatch(event);
        });
    }

    /** Events waiting: in the queue, and kept for listeners that are away. */
    public long queued() {
        long inBacklogs = 0;
        for (Backlog b : absent.values()) {
            inBacklogs += b.size;
        }
        return queued.get() + inBacklogs;
    }

    public long delivered() {
        return delivered.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long failed() {
        return failed.get();
    }

    /** One line per bound listener: kind, bundle and version. */
    public List<String> describeListeners() {
        List<String> lines = new ArrayList<>();
        for (Subscriber s : live.values()) {
            lines.add(s.description);
        }
        lines.sort(null);
        return lines;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTransferListener(ServiceReference<TransferListener> ref, TransferListener listener) {
        attachLater(ref, listener, TransferEvent.class, e -> listener.transferEnded((TransferEvent) e));
    }

    void removeTransferListener(ServiceReference<TransferListener> ref, TransferListener listener) {
        detachLater(ref, listener, TransferEvent.class);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addUploadListener(ServiceReference<UploadListener> ref, UploadListener listener) {
        attachLater(ref, listener, UploadEvent.class, e -> listener.uploaded((UploadEvent) e));
    }

    void removeUploadListener(ServiceReference<UploadListener> ref, UploadListener listener) {
        detachLater(ref, listener, UploadEvent.class);
    }

    private void attachLater(ServiceReference<?> ref, Object listener, Class<?> type, Consumer<Object> sink) {
        String key = identity(ref, type);
        Subscriber sub = new Subscriber(listener, type, sink, describe(ref, type));
        work.add(() -> attach(key, sub));
    }

    private void detachLater(ServiceReference<?> ref, Object listener, Class<?> type) {
        String key = identity(ref, type);
        work.add(() -> detach(key, listener, type));
    }

    private void run() {
        while (running || !work.isEmpty()) {
            try {
                Runnable task = work.poll(1, TimeUnit.SECONDS);
                if (task != null) {
                    task.run();
                }
                expireBacklogs();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("event worker: {}", e.toString(), e);
            }
        }
    }

    private void dispatch(Object event) {
        for (Subscriber s : live.values()) {
            if (s.type.isInstance(event)) {
                deliver(s, event);
            }
        }
        for (Backlog b : absent.values()) {
            if (b.type.isInstance(event)) {
                if (b.size < capacity) {
                    b.events.add(event);
                    b.size++;
                } else {
                    countDropped(1);
                }
            }
        }
    }

    private void deliver(Subscriber s, Object event) {
        try {
            s.sink.accept(event);
            delivered.incrementAndGet();
        } catch (RuntimeException | LinkageError e) {
            failed.incrementAndGet();
            LOG.warn("{} failed on {}: {}", s.description, event, e.toString(), e);
        }
    }

    private void attach(String key, Subscriber sub) {
        Backlog backlog = absent.remove(key);
        if (backlog != null && backlog.type == sub.type) {
            LOG.info("{} is back; delivering {} events kept while it was away", sub.description, backlog.size);
            for (Object e : backlog.events) {
                deliver(sub, e);
            }
        }
        live.put(key, sub);
    }

    private void detach(String key, Object listener, Class<?> type) {
        Subscriber current = live.get(key);
        if (current != null && current.listener == listener) {
            live.remove(key);
            absent.put(key, new Backlog(type, System.nanoTime()));
        }
    }

    private void expireBacklogs() {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<String, Backlog>> it = absent.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Backlog> e = it.next();
            if (now - e.getValue().since > BACKLOG_TTL_NANOS) {
                it.remove();
                if (e.getValue().size > 0) {
                    LOG.warn("listener {} did not come back; {} events given up", e.getKey(), e.getValue().size);
                    countDropped(e.getValue().size);
                }
            }
        }
    }

    private void countDropped(long n) {
        if (dropped.getAndAdd(n) == 0) {
            LOG.warn("event queue full: events are being dropped (see ftp:status)");
        }
    }

    private static String identity(ServiceReference<?> ref, Class<?> type) {
        Object id = ref.getProperty(Constants.SERVICE_PID);
        if (id == null) {
            id = ref.getProperty("component.name");
        }
        if (id == null) {
            id = ref.getBundle() == null ? ref.getProperty(Constants.SERVICE_ID) : ref.getBundle().getSymbolicName();
        }
        return type.getSimpleName() + ":" + id;
    }

    private static String describe(ServiceReference<?> ref, Class<?> type) {
        Bundle b = ref.getBundle();
        String who = b == null ? "?" : b.getSymbolicName() + " " + b.getVersion();
        Object pid = ref.getProperty(Constants.SERVICE_PID);
        return (type == TransferEvent.class ? "TransferListener" : "UploadListener") + " " + who
                + (pid != null ? " (" + pid + ")" : "");
    }

    private static final class Subscriber {
        final Object listener;
        final Class<?> type;
        final Consumer<Object> sink;
        final String description;

        Subscriber(Object listener, Class<?> type, Consumer<Object> sink, String description) {
            this.listener = listener;
            this.type = type;
            this.sink = sink;
            this.description = description;
        }
    }

    private static final class Backlog {
        final Class<?> type;
        final long since;
        final ArrayDeque<Object> events = new ArrayDeque<>();
        volatile int size;

        Backlog(Class<?> type, long since) {
            this.type = type;
            this.since = since;
        }
    }
}
