package org.plugftpd.defender.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A list of {@link AddressBlock}s (the defender's allow and deny lists). Immutable. */
public final class AddressList {
    private static final AddressList EMPTY = new AddressList(List.of());

    private final List<AddressBlock> blocks;

    private AddressList(List<AddressBlock> blocks) {
        this.blocks = blocks;
    }

    public static AddressList empty() {
        return EMPTY;
    }

    /**
     * Parses entries such as {@code 192.0.2.0/24}; each entry may itself hold several separated by
     * commas or blanks (how a .cfg line carries a list). Empty entries are skipped.
     *
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static AddressList parse(String... entries) {
        List<AddressBlock> blocks = new ArrayList<>();
        if (entries != null) {
            for (String entry : entries) {
                if (entry == null) {
                    continue;
                }
                for (String part : entry.split("[,\\s]+")) {
                    if (!part.isEmpty()) {
                        blocks.add(AddressBlock.parse(part));
                    }
                }
            }
        }
        return blocks.isEmpty() ? EMPTY : new AddressList(Collections.unmodifiableList(blocks));
    }

    public boolean contains(InetAddress address) {
        for (AddressBlock b : blocks) {
            if (b.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public List<AddressBlock> blocks() {
        return blocks;
    }

    @Override
    public String toString() {
        return blocks.isEmpty() ? "(none)" : blocks.toString();
    }
}
