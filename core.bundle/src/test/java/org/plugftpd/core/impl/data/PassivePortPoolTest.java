package org.plugftpd.core.impl.data;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.Test;

public class PassivePortPoolTest {

    private static PassivePortPool pool(String range, long seed) {
        Random r = new Random(seed);
        return new PassivePortPool(PortRange.parse(range), () -> r);
    }

    @Test
    public void portsAreDrawnAtRandomOverTheWholeRange() throws IOException {
        PassivePortPool pool = pool("30000-30099", 1);
        Set<Integer> seen = new HashSet<>();
        int previous = -1;
        boolean sequential = true;
        for (int i = 0; i < 200; i++) {
            int p = pool.draw(port -> port);
            assertTrue(p >= 30000 && p <= 30099);
            sequential &= previous < 0 || p == previous + 1 || p == previous - 1;
            previous = p;
            seen.add(p);
            pool.release(p);
        }
        assertFalse("ports follow each other", sequential);
        assertTrue("only " + seen.size() + " distinct ports in 200 draws", seen.size() > 50);
    }

    @Test
    public void onlyFreePortsAreDrawnAndEachIsHeldUntilReleased() throws IOException {
        PassivePortPool pool = pool("40000-40009", 2);
        Set<Integer> held = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            assertTrue("drawn twice", held.add(pool.draw(port -> port)));
        }
        assertEquals(10, pool.held());
        pool.release(40003);
        assertEquals(Integer.valueOf(40003), pool.draw(port -> port));
    }

    @Test
    public void anExhaustedRangeAnswersAtOnceWithoutBinding() throws IOException {
        PassivePortPool pool = pool("40000-40001", 3);
        pool.draw(port -> port);
        pool.draw(port -> port);
        int[] binds = {0};
        assertNull(pool.draw(port -> ++binds[0]));
        assertEquals(0, binds[0]);
    }

    @Test
    public void aPortTakenByAnotherProgramIsSkippedAndAllTakenMeansBusy() throws IOException {
        PassivePortPool pool = pool("40000-40004", 4);
        Integer p = pool.draw(port -> {
            if (port != 40002) {
                throw new BindException("Address already in use");
            }
            return port;
        });
        assertEquals(Integer.valueOf(40002), p);
        assertEquals(1, pool.held());
        assertNull(pool.draw(port -> {
            throw new BindException("Address already in use");
        }));
        assertEquals(1, pool.held());
    }

    @Test
    public void noRangeBindsPortZero() throws IOException {
        assertEquals(Integer.valueOf(0), pool("", 5).draw(port -> port));
    }

    @Test
    public void rangesAndSinglePortsParse() {
        PortRange r = PortRange.parse("30000-30002, 30010,30001");
        assertEquals(4, r.size());
        assertEquals(30010, r.port(3));
        assertTrue(PortRange.parse(" ").any());
    }
}
