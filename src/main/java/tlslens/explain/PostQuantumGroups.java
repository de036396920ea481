package tlslens.explain;

import java.util.Set;

/**
 * The key-exchange groups with a post-quantum KEM (ML-KEM, or Kyber in the drafts), by
 * {@link tlslens.dissect.tls.names.NamedGroups} code: hybrids carry a classical share too.
 */
final class PostQuantumGroups {
    private static final Set<Integer> PURE = Set.of(0x0200, 0x0201, 0x0202, 0x023a, 0x023c, 0x023d, 0x023e, 0x023f, 0x0240);
    private static final Set<Integer> HYBRID = Set.of(0x11eb, 0x11ec, 0x11ed, 0x6399, 0x639a,
            0x2f3a, 0x2f3c, 0x2f3d, 0x2f3e, 0x2f3f, 0x2f40);

    private PostQuantumGroups() {}

    static boolean isPostQuantum(int group) { return PURE.contains(group) || HYBRID.contains(group); }

    static boolean isHybrid(int group) { return HYBRID.contains(group); }
}
