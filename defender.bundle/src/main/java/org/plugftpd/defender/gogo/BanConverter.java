package org.plugftpd.defender.gogo;

import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Component;

/** Tells Gogo how to print what {@code ftp:ban} returns (shell and bin/plugftpd client alike). Stateless. */
@Component(service = Converter.class, property = Converter.CONVERTER_CLASSES
        + "=org.plugftpd.defender.gogo.BanResult")
public final class BanConverter implements Converter {

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        return null; // nothing is typed in as a BanResult
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        return target instanceof BanResult r ? BanFormatter.format(r) : null;
    }
}
