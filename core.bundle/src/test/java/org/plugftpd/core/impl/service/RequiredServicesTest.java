package org.plugftpd.core.impl.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

/** When a site's required services keep connections out, and how long logins and writes wait. */
public class RequiredServicesTest {
    private final AtomicLong now = new AtomicLong();
    private final ServicePolicy quotaRequired = new ServicePolicy(Duration.ofSeconds(1), false, false,
            Set.of(ServicePolicy.QUOTA), Duration.ofSeconds(10));

    @Test
    public void aRequiredServiceNeverBoundKeepsConnectionsOut() {
        RequiredServices r = new RequiredServices(now::get);
        assertEquals(Optional.of("quota"), r.refusal(quotaRequired));
        r.bound("quota");
        assertEquals(Optional.empty(), r.refusal(quotaRequired));
    }

    @Test
    public void aServiceBeingUpdatedKeepsConnectionsOutOnlyAfterTheGrace() {
        RequiredServices r = new RequiredServices(now::get);
        r.bound("quota");
        r.unbound("quota");
        now.addAndGet(TimeUnit.SECONDS.toNanos(9));
        assertEquals(Optional.empty(), r.refusal(quotaRequired));
        now.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertEquals(Optional.of("quota"), r.refusal(quotaRequired));
    }

    @Test
    public void aSecondInstanceKeepsTheServicePresentWhileTheFirstGoes() {
        RequiredServices r = new RequiredServices(now::get);
        r.bound("quota");
        r.bound("quota");
        r.unbound("quota");
        assertTrue(r.present("quota"));
    }

    @Test
    public void aWaiterWakesWhenTheReplacementIsBound() throws Exception {
        RequiredServices r = new RequiredServices();
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
            try {
                return r.await("quota", Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                return false;
            }
        });
        r.bound("quota");
        assertTrue(waited.get(20, TimeUnit.SECONDS));
        assertFalse(new RequiredServices().await("quota", Duration.ofMillis(1)));
    }
}
