package org.plugftpd.core.impl.service;

/** A feature service threw, answered null or overran its time; the message names the service. */
public final class ServiceFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public ServiceFailure(String service, String what, Throwable cause) {
        super(service + " " + what, cause);
    }
}
