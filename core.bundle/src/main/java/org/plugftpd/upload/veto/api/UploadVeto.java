package org.plugftpd.upload.veto.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Asked before every upload (STOR, APPE, STOU) starts, before any byte is written, like Apache
 * FtpServer's {@code Ftplet.onUploadStart}; may refuse it. Every bound veto is asked, highest
 * {@code service.ranking} first, and the first refusal wins. A veto that throws or overruns the
 * core's time limit refuses the upload ({@code 451}). After-the-fact work belongs to an
 * {@code UploadListener}.
 * <p>Lifecycle: a DS service that may come and go at any time. Threading: called concurrently by
 * many session threads, on the session's own thread; must be thread-safe and quick.
 */
@ConsumerType
public interface UploadVeto {

    /** Allow the upload, or refuse it with the reply text the client reads. */
    VetoDecision check(UploadRequest request);
}
