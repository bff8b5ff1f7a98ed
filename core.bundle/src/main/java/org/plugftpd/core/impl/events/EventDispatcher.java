package org.plugftpd.core.impl.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
import org.plugftpd.session.api.SessionEndedEvent;
import org.plugftpd.session.api.SessionListener;
import org.plugftpd.transfer.api.TransferEvent;
import org.plugftpd.transfer.api.TransferListener;
import org.plugftpd.upload.api.UploadEvent;
import org.plugftpd.upload.api.UploadListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's event queues: sessions publish transfer, upload and session-ended events without
 * ever waiting; each listener has its own {@link Lane} (bounded queue, one delivery thread), so a
 * slow or throwing listener delays and loses nothing of another's. A lane is keyed by the
 * listener's identity ({@code service.pid}, else {@code component.name}): when the listener goes
 * away (bundle update, component reconfigured) the lane keeps its events, and the next listener
 * with that identity receives them first, in order. What does not fit a lane is counted as dropped.
 * Thread-safe.
 */
@Component(service = EventDispatcher.class)
public final class EventDispatcher implements Lane.Owner {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    /** A lane nobody came back for within this time gives its events up. */
    static final long BACKLOG_TTL_NANOS = TimeUnit.MINUTES.toNanos(15);
    /** How long deactivation lets bound listeners work through their queues. */
    static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final long timeToLiveNanos;
    private final long drainNanos;
    private volatile int capacity = 10_000;
    private volatile boolean running = true;

    private final Map<String, Lane<TransferEvent>> transfers = new ConcurrentHashMap<>();
    private final Map<String, Lane<UploadEvent>> uploads = new ConcurrentHashMap<>();
    private final Map<String, Lane<SessionEndedEvent>> sessions = new ConcurrentHashMap<>();
    /** Figures of lanes that have ended, so totals never go backwards. */
    private final AtomicLong endedDelivered = new AtomicLong();
    private final AtomicLong endedDropped = new AtomicLong();
    private final AtomicLong endedFailures = new AtomicLong();
    /** Published after deactivation began. */
    private final AtomicLong refused = new AtomicLong();

    @Activate
    public EventDispatcher() {
        this(BACKLOG_TTL_NANOS, DRAIN_NANOS);
    }

    EventDispatcher(long timeToLiveNanos, long drainNanos) {
        this.timeToLiveNanos = timeToLiveNanos;
        this.drainNanos = drainNanos;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        long deadline = System.nanoTime() + drainNanos;
        List<Lane<?>> all = allLanes();
        for (Lane<?> lane : all) {
            lane.close(deadline);
        }
        for (Lane<?> lane : all) {
            lane.awaitEnd(deadline);
        }
    }

    /** Bound of each lane's queue. */
    public void capacity(int events) {
        this.capacity = events;
    }

    /** Queues a finished transfer for every transfer listener (bound or away); never blocks. */
    public void publish(TransferEvent event) {
        offer(transfers, event);
    }

    /** Queues a completed upload for every upload listener; never blocks. */
    public void publish(UploadEvent event) {
        offer(uploads, event);
    }

    /** Queues an ended session for every session listener; never blocks. */
    public void publish(SessionEndedEvent event) {
        offer(sessions, event);
    }

    private <E> void offer(Map<String, Lane<E>> lanes, E event) {
        if (!running) {
            refused.incrementAndGet();
            return;
        }
        for (Lane<E> lane : lanes.values()) {
            lane.offer(event);
        }
    }

    /** Per listener lane, sorted by kind and identity: what ftp:status shows. */
    public List<LaneFigures> lanes() {
        List<LaneFigures> figures = new ArrayList<>();
        for (Lane<?> lane : allLanes()) {
            figures.add(lane.figures());
        }
        figures.sort((a, b) -> (a.kind() + " " + a.identity()).compareTo(b.kind() + " " + b.identity()));
        return figures;
    }

    /** Events not yet handed over, summed over the lanes (the ones being delivered included). */
    public synchronized long queued() {
        return lanes().stream().mapToLong(LaneFigures::backlog).sum();
    }

    public synchronized long delivered() {
        return endedDelivered.get() + lanes().stream().mapToLong(LaneFigures::delivered).sum();
    }

    public synchronized long dropped() {
        return refused.get() + endedDropped.get() + lanes().stream().mapToLong(LaneFigures::dropped).sum();
    }

    public synchronized long failed() {
        return endedFailures.get() + lanes().stream().mapToLong(LaneFigures::failures).sum();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTransferListener(ServiceReference<TransferListener> ref, TransferListener listener) {
        bind(transfers, "TransferListener", ref, listener, listener::transferEnded);
    }

    void removeTransferListener(ServiceReference<TransferListener> ref, TransferListener listener) {
        unbind(transfers, ref, listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addUploadListener(ServiceReference<UploadListener> ref, UploadListener listener) {
        bind(uploads, "UploadListener", ref, listener, listener::uploaded);
    }

    void removeUploadListener(ServiceReference<UploadListener> ref, UploadListener listener) {
        unbind(uploads, ref, listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSessionListener(ServiceReference<SessionListener> ref, SessionListener listener) {
        bind(sessions, "SessionListener", ref, listener, listener::sessionEnded);
    }

    void removeSessionListener(ServiceReference<SessionListener> ref, SessionListener listener) {
        unbind(sessions, ref, listener);
    }

    /** Binds under the listener's identity; a second live listener of the same identity gets a lane of its own. */
    <E> void bind(Map<String, Lane<E>> lanes, String kind, ServiceReference<?> ref, Object listener,
            Consumer<? super E> sink) {
        String identity = identity(ref);
        String description = describe(kind, ref);
        String key = identity;
        while (true) {
            Lane<E> lane = lanes.computeIfAbsent(key, k -> newLane(kind, k));
            if (lane.attach(listener, sink, description)) {
                return;
            }
            if (lane.figures().present()) {
                LOG.warn("{}: another listener with identity {} is bound; it gets a lane of its own", description,
                        identity);
                key = identity + "#" + ref.getProperty(Constants.SERVICE_ID);
            } else {
                // the lane ended while we looked (its time to live ran out): make a fresh one
                lanes.remove(key, lane);
            }
        }
    }

    <E> void unbind(Map<String, Lane<E>> lanes, ServiceReference<?> ref, Object listener) {
        String identity = identity(ref);
        Lane<E> lane = lanes.get(identity);
        if (lane != null && lane.detach(listener)) {
            return;
        }
        Lane<E> own = lanes.get(identity + "#" + ref.getProperty(Constants.SERVICE_ID));
        if (own != null && own.detach(listener)) {
            // a second listener of a shared identity leaves nobody to wait for
            own.close(System.nanoTime());
        }
    }

    private <E> Lane<E> newLane(String kind, String key) {
        Lane<E> lane = new Lane<>(kind, key, () -> capacity, timeToLiveNanos, this);
        lane.start();
        return lane;
    }

    @Override
    public synchronized void ended(Lane<?> lane) {
        // under the same monitor as the totals, so they never see a lane counted twice or not at all
        LaneFigures f = lane.figures();
        transfers.values().remove(lane);
        uploads.values().remove(lane);
        sessions.values().remove(lane);
        endedDelivered.addAndGet(f.delivered());
        endedDropped.addAndGet(f.dropped());
        endedFailures.addAndGet(f.failures());
    }

    private List<Lane<?>> allLanes() {
        List<Lane<?>> all = new ArrayList<>(transfers.values());
        all.addAll(uploads.values());
        all.addAll(sessions.values());
        return all;
    }

    static String identity(ServiceReference<?> ref) {
        Object id = ref.getProperty(Constants.SERVICE_PID);
        if (id == null) {
            id = ref.getProperty("component.name");
        }
        if (id == null) {
            Bundle b = ref.getBundle();
            id = b == null ? ref.getProperty(Constants.SERVICE_ID) : b.getSymbolicName();
        }
        return String.valueOf(id);
    }

    private static String describe(String kind, ServiceReference<?> ref) {
        Bundle b = ref.getBundle();
        String who = b == null ? "?" : b.getSymbolicName() + " " + b.getVersion();
        Object pid = ref.getProperty(Constants.SERVICE_PID);
        return kind + " " + who + (pid != null ? " (" + pid + ")" : "");
    }
}
