package org.plugftpd.auth.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * One login attempt: who, with which password, from where. The password is owned by the core,
 * which wipes it once the chain has answered; authenticators copy what they need.
 */
public final class LoginRequest {
    private final String login;
    private final char[] password;
    private final ClientInfo client;

    public LoginRequest(String login, char[] password, ClientInfo client) {
        this.login = Objects.requireNonNull(login, "login");
        this.password = Objects.requireNonNull(password, "password");
        this.client = Objects.requireNonNull(client, "client");
    }

    public String login() {
        return login;
    }

    /** The live array (not a copy): read it, do not keep it. */
    public char[] password() {
        return password;
    }

    public ClientInfo client() {
        return client;
    }

    /** Overwrites the password with zeros. */
    public void wipe() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "LoginRequest[" + login + " from " + client + "]";
    }
}
