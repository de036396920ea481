package tlslens.capture;

import java.util.List;

/**
 * A network interface libpcap can capture on, as {@link LiveCapture#interfaces()} lists it.
 * {@code description} is libpcap's (e.g. "Pseudo-device that captures on all interfaces"),
 * "Loopback" for a loopback interface without one, else ""; {@code addresses} are the IPv4 and
 * IPv6 addresses in their usual text form ("127.0.0.1", "::1").
 */
public record InterfaceInfo(String name, String description, List<String> addresses, boolean loopback, boolean up) {
}
