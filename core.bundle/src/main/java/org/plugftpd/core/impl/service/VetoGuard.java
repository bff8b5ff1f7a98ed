package org.plugftpd.core.impl.service;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.plugftpd.upload.veto.api.UploadRequest;
import org.plugftpd.upload.veto.api.UploadVeto;
import org.plugftpd.upload.veto.api.VetoDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every bound {@link UploadVeto}, highest ranking first, before an upload starts; the first
 * refusal wins ({@code 550} with its text). A veto that throws or overruns its time refuses the
 * upload with {@code 451} ({@code uploadVetoFailure=closed}) or is skipped ({@code open}); a
 * required veto that is away is waited for up to the grace. Thread-safe.
 */
public final class VetoGuard {
    private static final Logger LOG = LoggerFactory.getLogger(VetoGuard.class);
    static final String FAILED_TEXT = "Sorry, the upload could not be checked - try again later";

    /** A bound veto with its name for logs and figures. */
    interface Named {
        UploadVeto service();

        String name();
    }

    /** A refusal: the reply code and its one line. */
    public static final class Refusal {
        private final int code;
        private final String text;

        Refusal(int code, String text) {
            this.code = code;
            this.text = text;
        }

        public int code() { return code; }
        public String text() { return text; }
    }

    private final Supplier<List<Named>> vetoes;
    private final Supplier<ServicePolicy> policy;
    private final RequiredServices required;
    private final ServiceCalls calls;

    VetoGuard(Supplier<List<Named>> vetoes, Supplier<ServicePolicy> policy, RequiredServices required,
            ServiceCalls calls) {
        this.vetoes = vetoes;
        this.policy = policy;
        this.required = required;
        this.calls = calls;
    }

    /** Empty when the upload may start. Never throws. */
    public Optional<Refusal> check(UploadRequest request) {
        ServicePolicy p = policy.get();
        List<Named> all = vetoes.get();
        if (all.isEmpty() && p.requires(ServicePolicy.UPLOAD_VETO)) {
            try {
                if (required.await(ServicePolicy.UPLOAD_VETO, p.grace())) {
                    all = vetoes.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (all.isEmpty() && !p.vetoFailsOpen()) {
                LOG.warn("upload veto required but not available for {}", request);
                return Optional.of(new Refusal(451, FAILED_TEXT));
            }
        }
        for (Named veto : all) {
            VetoDecision decision;
            try {
                decision = calls.call(veto.name(), p.timeout(), () -> veto.service().check(request));
            } catch (ServiceFailure e) {
                LOG.warn("{} for {}; uploadVetoFailure={}", e.getMessage(), request, p.vetoFailsOpen() ? "open" : "closed");
                if (p.vetoFailsOpen()) {
                    continue;
                }
                return Optional.of(new Refusal(451, FAILED_TEXT));
            }
            if (!decision.allowed()) {
                LOG.info("{} refused {}: {}", veto.name(), request, decision.refusal());
                return Optional.of(new Refusal(550, decision.refusal()));
            }
        }
        return Optional.empty();
    }
}
