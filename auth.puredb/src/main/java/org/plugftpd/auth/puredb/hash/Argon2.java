package org.plugftpd.auth.puredb.hash;

import java.util.Arrays;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Argon2 (RFC 9106, version 0x13), written for speed on one core: the memory is one flat
 * {@code long[]} and the BlaMka permutation works on locals, which makes it several times faster
 * than Bouncy Castle's generator (see bench/README.md). Lanes are filled one after the other, as
 * libsodium does. Stateless and thread-safe; every call allocates its own memory.
 */
final class Argon2 {

    static final int TYPE_D = 0;
    static final int TYPE_I = 1;
    static final int TYPE_ID = 2;

    static final int VERSION = 0x13;

    /** One block is 1 KiB = 128 longs. */
    static final int BLOCK_LONGS = 128;

    private static final int SYNC_POINTS = 4;
    private static final int ADDRESSES_PER_BLOCK = BLOCK_LONGS;
    private static final long LOW32 = 0xFFFFFFFFL;

    private Argon2() {
    }

    /** The number of 1 KiB blocks Argon2 really uses for {@code memoryKiB} and {@code lanes} (RFC 9106 §3.2 step 3). */
    static long blocksUsed(long memoryKiB, int lanes) {
        long minimum = 2L * SYNC_POINTS * lanes;
        long blocks = Math.max(memoryKiB, minimum);
        return blocks / (SYNC_POINTS * (long) lanes) * (SYNC_POINTS * (long) lanes);
    }

    /**
     * The tag for the given inputs. The caller has checked the ranges (memory ≥ 8·lanes KiB and
     * small enough to allocate, passes ≥ 1, lanes ≥ 1, tag length ≥ 4).
     */
    static byte[] hash(int type, byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
            int lanes, int tagLength, long memoryKiB, long passes) {
        long blocks = blocksUsed(memoryKiB, lanes);
        int laneLength = (int) (blocks / lanes);
        int segmentLength = laneLength / SYNC_POINTS;
        byte[] h0 = initialHash(type, password, salt, secret, associatedData, lanes, tagLength, memoryKiB, passes);

        long[] memory = new long[Math.toIntExact(blocks * BLOCK_LONGS)];
        byte[] seed = new byte[h0.length + 8];
        System.arraycopy(h0, 0, seed, 0, h0.length);
        byte[] firstBlockBytes = new byte[BLOCK_LONGS * 8];
        for (int lane = 0; lane < lanes; lane++) {
            for (int column = 0; column < 2; column++) {
                putInt(seed, h0.length, column);
                putInt(seed, h0.length + 4, lane);
                variableLengthHash(seed, firstBlockBytes);
                int offset = (lane * laneLength + column) * BLOCK_LONGS;
                for (int k = 0; k < BLOCK_LONGS; k++) {
                    memory[offset + k] = getLong(firstBlockBytes, k * 8);
                }
            }
        }

        Filler filler = new Filler(memory, type, lanes, laneLength, segmentLength, blocks, passes);
        for (long pass = 0; pass < passes; pass++) {
            for (int slice = 0; slice < SYNC_POINTS; slice++) {
                for (int lane = 0; lane < lanes; lane++) {
                    filler.fillSegment(pass, slice, lane);
                }
            }
        }

        long[] last = new long[BLOCK_LONGS];
        for (int lane = 0; lane < lanes; lane++) {
            int offset = (lane * laneLength + laneLength - 1) * BLOCK_LONGS;
            for (int k = 0; k < BLOCK_LONGS; k++) {
                last[k] ^= memory[offset + k];
            }
        }
        byte[] lastBytes = new byte[BLOCK_LONGS * 8];
        for (int k = 0; k < BLOCK_LONGS; k++) {
            putLong(lastBytes, k * 8, last[k]);
        }
        byte[] tag = new byte[tagLength];
        variableLengthHash(lastBytes, tag);
        return tag;
    }

    private static byte[] initialHash(int type, byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
            int lanes, int tagLength, long memoryKiB, long passes) {
        Blake2bDigest digest = new Blake2bDigest(512);
        updateInt(digest, lanes);
        updateInt(digest, tagLength);
        updateInt(digest, (int) memoryKiB);
        updateInt(digest, (int) passes);
        updateInt(digest, VERSION);
        updateInt(digest, type);
        updateLengthPrefixed(digest, password);
        updateLengthPrefixed(digest, salt);
        updateLengthPrefixed(digest, secret);
        updateLengthPrefixed(digest, associatedData);
        byte[] h0 = new byte[64];
        digest.doFinal(h0, 0);
        return h0;
    }

    private static void updateLengthPrefixed(Blake2bDigest digest, byte[] value) {
        updateInt(digest, value.length);
        digest.update(value, 0, value.length);
    }

    private static void updateInt(Blake2bDigest digest, int value) {
        byte[] le = new byte[4];
        putInt(le, 0, value);
        digest.update(le, 0, 4);
    }

    /** H' of RFC 9106 §3.3: Blake2b stretched to {@code out.length} bytes. */
    static void variableLengthHash(byte[] input, byte[] out) {
        byte[] lengthPrefix = new byte[4];
        putInt(lengthPrefix, 0, out.length);
        if (out.length <= 64) {
            Blake2bDigest digest = new Blake2bDigest(out.length * 8);
            digest.update(lengthPrefix, 0, 4);
            digest.update(input, 0, input.length);
            digest.doFinal(out, 0);
            return;
        }
        // RFC 9106 §3.3: r = ceil(T/32) - 2 full digests give their first half each, then one
        // digest sized to what is left
        int halves = (out.length + 31) / 32 - 2;
        byte[] v = new byte[64];
        Blake2bDigest digest = new Blake2bDigest(512);
        digest.update(lengthPrefix, 0, 4);
        digest.update(input, 0, input.length);
        digest.doFinal(v, 0);
        for (int i = 0; i < halves; i++) {
            System.arraycopy(v, 0, out, i * 32, 32);
            if (i + 1 < halves) {
                digest.update(v, 0, 64);
                digest.doFinal(v, 0);
            }
        }
        int produced = halves * 32;
        Blake2bDigest tail = new Blake2bDigest((out.length - produced) * 8);
        tail.update(v, 0, 64);
        tail.doFinal(out, produced);
    }

    /** The state of one fill: memory, geometry and the scratch blocks, reused for every block. */
    private static final class Filler {
        private final long[] memory;
        private final int type;
        private final int lanes;
        private final int laneLength;
        private final int segmentLength;
        private final long totalBlocks;
        private final long passes;
        private final long[] z = new long[BLOCK_LONGS];
        private final long[] addressInput = new long[BLOCK_LONGS];
        private final long[] addresses = new long[BLOCK_LONGS];
        private final long[] zero = new long[BLOCK_LONGS];

        Filler(long[] memory, int type, int lanes, int laneLength, int segmentLength, long totalBlocks, long passes) {
            this.memory = memory;
            this.type = type;
            this.lanes = lanes;
            this.laneLength = laneLength;
            this.segmentLength = segmentLength;
            this.totalBlocks = totalBlocks;
            this.passes = passes;
        }

        void fillSegment(long pass, int slice, int lane) {
            // RFC 9106 §3.4.1: Argon2i always, Argon2id in the first half of the first pass
            boolean dataIndependent = type == TYPE_I || (type == TYPE_ID && pass == 0 && slice < SYNC_POINTS / 2);
            int startIndex = pass == 0 && slice == 0 ? 2 : 0;
            if (dataIndependent) {
                Arrays.fill(addressInput, 0);
                addressInput[0] = pass;
                addressInput[1] = lane;
                addressInput[2] = slice;
                addressInput[3] = totalBlocks;
                addressInput[4] = passes;
                addressInput[5] = type;
                if (startIndex != 0) {
                    nextAddresses();
                }
            }
            int laneStart = lane * laneLength;
            int column = slice * segmentLength + startIndex;
            int previous = column == 0 ? laneStart + laneLength - 1 : laneStart + column - 1;
            for (int index = startIndex; index < segmentLength; index++, column++) {
                long pseudoRandom;
                if (dataIndependent) {
                    if (index % ADDRESSES_PER_BLOCK == 0) {
                        nextAddresses();
                    }
                    pseudoRandom = addresses[index % ADDRESSES_PER_BLOCK];
                } else {
                    pseudoRandom = memory[previous * BLOCK_LONGS];
                }
                int referenceLane = (int) ((pseudoRandom >>> 32) % lanes);
                if (pass == 0 && slice == 0) {
                    referenceLane = lane;
                }
                boolean sameLane = referenceLane == lane;
                int referenceColumn = referenceColumn(pass, slice, index, sameLane, pseudoRandom & LOW32);
                int current = laneStart + column;
                int reference = referenceLane * laneLength + referenceColumn;
                fillBlock(previous * BLOCK_LONGS, reference * BLOCK_LONGS, current * BLOCK_LONGS, pass != 0);
                previous = current;
            }
        }

        /** RFC 9106 §3.4.2: the column of the reference block within its lane. */
        private int referenceColumn(long pass, int slice, int index, boolean sameLane, long j1) {
            long areaSize;
            if (pass == 0) {
                areaSize = sameLane ? (long) slice * segmentLength + index - 1
                        : (long) slice * segmentLength + (index == 0 ? -1 : 0);
            } else {
                areaSize = sameLane ? (long) laneLength - segmentLength + index - 1
                        : (long) laneLength - segmentLength + (index == 0 ? -1 : 0);
            }
            long x = (j1 * j1) >>> 32;
            long y = (areaSize * x) >>> 32;
            long relative = areaSize - 1 - y;
            long start = pass == 0 || slice == SYNC_POINTS - 1 ? 0 : (long) (slice + 1) * segmentLength;
            return (int) ((start + relative) % laneLength);
        }

        private void nextAddresses() {
            addressInput[6]++;
            compress(zero, 0, addressInput, 0, addresses, 0, false);
            compress(zero, 0, addresses, 0, addresses, 0, false);
        }

        private void fillBlock(int previousOffset, int referenceOffset, int targetOffset, boolean xorOld) {
            compress(memory, previousOffset, memory, referenceOffset, memory, targetOffset, xorOld);
        }

        /** G of RFC 9106 §3.5: target (^)= P-columns(P-rows(x ^ y)) ^ x ^ y. */
        private void compress(long[] x, int xOffset, long[] y, int yOffset, long[] target, int targetOffset,
                boolean xorOld) {
            long[] z = this.z;
            for (int k = 0; k < BLOCK_LONGS; k++) {
                z[k] = x[xOffset + k] ^ y[yOffset + k];
            }
            // the block is 8x8 registers of two words; P works on rows (16 consecutive words), then
            // on columns (word pairs 2i, 2i+1 of every row)
            for (int b = 0; b < BLOCK_LONGS; b += 16) {
                mix(z, b, b + 4, b + 8, b + 12);
                mix(z, b + 1, b + 5, b + 9, b + 13);
                mix(z, b + 2, b + 6, b + 10, b + 14);
                mix(z, b + 3, b + 7, b + 11, b + 15);
                mix(z, b, b + 5, b + 10, b + 15);
                mix(z, b + 1, b + 6, b + 11, b + 12);
                mix(z, b + 2, b + 7, b + 8, b + 13);
                mix(z, b + 3, b + 4, b + 9, b + 14);
            }
            for (int b = 0; b < 16; b += 2) {
                mix(z, b, b + 32, b + 64, b + 96);
                mix(z, b + 1, b + 33, b + 65, b + 97);
                mix(z, b + 16, b + 48, b + 80, b + 112);
                mix(z, b + 17, b + 49, b + 81, b + 113);
                mix(z, b, b + 33, b + 80, b + 113);
                mix(z, b + 1, b + 48, b + 81, b + 96);
                mix(z, b + 16, b + 49, b + 64, b + 97);
                mix(z, b + 17, b + 32, b + 65, b + 112);
            }
            if (xorOld) {
                for (int k = 0; k < BLOCK_LONGS; k++) {
                    target[targetOffset + k] ^= z[k] ^ x[xOffset + k] ^ y[yOffset + k];
                }
            } else {
                for (int k = 0; k < BLOCK_LONGS; k++) {
                    target[targetOffset + k] = z[k] ^ x[xOffset + k] ^ y[yOffset + k];
                }
            }
        }
    }

    /**
     * GB of RFC 9106 §3.6 on four words of {@code v}. Small enough to be inlined: the four words
     * stay in registers, and the surrounding loops keep the register pressure low (one big method
     * over 16 locals spills and runs half as fast).
     */
    private static void mix(long[] v, int ia, int ib, int ic, int id) {
        long a = v[ia];
        long b = v[ib];
        long c = v[ic];
        long d = v[id];
        a = a + b + 2 * (a & LOW32) * (b & LOW32);
        d = Long.rotateRight(d ^ a, 32);
        c = c + d + 2 * (c & LOW32) * (d & LOW32);
        b = Long.rotateRight(b ^ c, 24);
        a = a + b + 2 * (a & LOW32) * (b & LOW32);
        d = Long.rotateRight(d ^ a, 16);
        c = c + d + 2 * (c & LOW32) * (d & LOW32);
        b = Long.rotateRight(b ^ c, 63);
        v[ia] = a;
        v[ib] = b;
        v[ic] = c;
        v[id] = d;
    }

    private static void putInt(byte[] out, int offset, int value) {
        out[offset] = (byte) value;
        out[offset + 1] = (byte) (value >>> 8);
        out[offset + 2] = (byte) (value >>> 16);
        out[offset + 3] = (byte) (value >>> 24);
    }

    private static void putLong(byte[] out, int offset, long value) {
        putInt(out, offset, (int) value);
        putInt(out, offset + 4, (int) (value >>> 32));
    }

    private static long getLong(byte[] in, int offset) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (in[offset + i] & 0xFF);
        }
        return value;
    }
}
