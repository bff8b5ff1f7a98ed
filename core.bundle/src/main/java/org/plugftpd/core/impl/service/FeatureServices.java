package org.plugftpd.core.impl.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugftpd.quota.api.QuotaService;
import org.plugftpd.upload.veto.api.UploadVeto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feature services a session calls (quota, upload vetoes; authenticators through the auth
 * chain), bound dynamically, with the site's failure policy, the required-services bookkeeping and
 * the call figures ftp:status shows. The server component sets the policy from
 * {@code plugftpd.server}. Thread-safe.
 */
@Component(service = FeatureServices.class)
public final class FeatureServices {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureServices.class);

    private final ServiceCalls calls = new ServiceCalls();
    private final RequiredServices required = new RequiredServices();
    private final CopyOnWriteArrayList<Bound<QuotaService>> quotas = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Bound<UploadVeto>> vetoes = new CopyOnWriteArrayList<>();
    private volatile ServicePolicy policy = ServicePolicy.defaults();
    private final QuotaGuard quota;
    private final VetoGuard veto;

    public FeatureServices() {
        quota = new QuotaGuard(() -> quotas.isEmpty() ? null : quotas.get(0).asQuota(), () -> policy, required, calls);
        veto = new VetoGuard(() -> {
            List<VetoGuard.Named> all = new ArrayList<>();
            for (Bound<UploadVeto> b : vetoes) {
                all.add(b.asVeto());
            }
            return all;
        }, () -> policy, required, calls);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addQuota(ServiceReference<QuotaService> ref, QuotaService service) {
        add(quotas, new Bound<>(ref, service, "QuotaService"));
        required.bound(ServicePolicy.QUOTA);
    }

    void removeQuota(ServiceReference<QuotaService> ref, QuotaService service) {
        remove(quotas, service);
        required.unbound(ServicePolicy.QUOTA);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addVeto(ServiceReference<UploadVeto> ref, UploadVeto service) {
        add(vetoes, new Bound<>(ref, service, "UploadVeto"));
        required.bound(ServicePolicy.UPLOAD_VETO);
    }

    void removeVeto(ServiceReference<UploadVeto> ref, UploadVeto service) {
        remove(vetoes, service);
        required.unbound(ServicePolicy.UPLOAD_VETO);
    }

    @Deactivate
    void deactivate() {
        calls.close();
    }

    public void policy(ServicePolicy next) {
        this.policy = next;
    }

    public ServicePolicy policy() {
        return policy;
    }

    public QuotaGuard quota() {
        return quota;
    }

    public VetoGuard vetoes() {
        return veto;
    }

    public RequiredServices required() {
        return required;
    }

    public ServiceCalls calls() {
        return calls;
    }

    /** Why a new connection must get {@code 421} now (a required service absent); empty to admit it. */
    public Optional<String> admissionRefusal() {
        return required.refusal(policy).map(name -> {
            LOG.debug("required service {} absent: refusing a connection", name);
            return "Service not available - try again later";
        });
    }

    /** Calls, failures and time per feature service, for ftp:status. */
    public List<CallFigures> figures() {
        return calls.figures();
    }

    /** "QuotaService org.plugftpd.quota 1.0.0": the service type and the bundle that registered it. */
    public static String describe(String type, ServiceReference<?> ref) {
        Bundle b = ref.getBundle();
        return type + " " + (b == null ? "?" : b.getSymbolicName() + " " + b.getVersion());
    }

    private static <S> void add(CopyOnWriteArrayList<Bound<S>> list, Bound<S> b) {
        synchronized (list) {
            List<Bound<S>> sorted = new ArrayList<>(list);
            sorted.add(b);
            // highest ranking (then lowest id) first
            sorted.sort((x, y) -> y.ref.compareTo(x.ref));
            list.clear();
            list.addAll(sorted);
        }
        LOG.info("{} bound", b.name);
    }

    private static <S> void remove(CopyOnWriteArrayList<Bound<S>> list, S service) {
        synchronized (list) {
            list.removeIf(b -> b.service == service);
        }
    }

    private static final class Bound<S> {
        final ServiceReference<S> ref;
        final S service;
        final String name;

        Bound(ServiceReference<S> ref, S service, String type) {
            this.ref = ref;
            this.service = service;
            Bundle b = ref.getBundle();
            this.name = type + " " + (b == null ? "?" : b.getSymbolicName());
        }

        QuotaGuard.Current asQuota() {
            QuotaService q = (QuotaService) service;
            return new QuotaGuard.Current() {
                @Override
                public QuotaService service() {
                    return q;
                }

                @Override
                public String name() {
                    return name;
                }
            };
        }

        VetoGuard.Named asVeto() {
            UploadVeto v = (UploadVeto) service;
            return new VetoGuard.Named() {
                @Override
                public UploadVeto service() {
                    return v;
                }

                @Override
                public String name() {
                    return name;
                }
            };
        }
    }
}
