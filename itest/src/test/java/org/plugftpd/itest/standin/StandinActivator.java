package org.plugftpd.itest.standin;

import java.nio.file.Paths;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.plugftpd.auth.api.Authenticator;
import org.plugftpd.transfer.api.TransferListener;

/**
 * Registers the stand-in services (a test bundle, built on the fly by {@link StandinBundle}; a
 * plain activator keeps it free of DS metadata). Paths come from system properties.
 */
public final class StandinActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        String generation = context.getBundle().getHeaders().get("Standin-Generation");
        context.registerService(Authenticator.class,
                new StandinAuthenticator(Paths.get(System.getProperty("plugftpd.itest.accounts"))), null);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_PID, "plugftpd.itest.standin.log");
        context.registerService(TransferListener.class,
                new StandinTransferLog(Paths.get(System.getProperty("plugftpd.itest.events")), generation), props);
    }

    @Override
    public void stop(BundleContext context) {
        // services go with the bundle
    }
}
