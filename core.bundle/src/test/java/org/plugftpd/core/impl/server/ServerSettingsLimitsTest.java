package org.plugftpd.core.impl.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.Map;

import org.junit.Test;

public class ServerSettingsLimitsTest {
    @Test
    public void eightConnectionsPerAddressByDefaultAsPureFtpdShips() {
        assertEquals(8, ServerSettings.defaults().maxClientsPerIp());
    }

    @Test
    public void zeroLiftsThePerAddressLimit() throws Exception {
        assertEquals(0, ServerSettings.parse(Map.of("maxClientsPerIp", "0")).maxClientsPerIp());
    }

    @Test
    public void lineAndLoginTimeLimitsHaveDefaultsAndMayBeSet() throws Exception {
        assertEquals(30, ServerSettings.defaults().lineTimeout());
        assertEquals(60, ServerSettings.defaults().loginTimeout());
        ServerSettings s = ServerSettings.parse(Map.of("lineTimeout", "5", "loginTimeout", "20"));
        assertEquals(5, s.lineTimeout());
        assertEquals(20, s.loginTimeout());
    }

    @Test
    public void aZeroLineTimeoutIsRefusedWithItsKey() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> ServerSettings.parse(Map.of("lineTimeout", "0")));
        assertEquals(true, e.getMessage().contains("lineTimeout"));
    }
}
