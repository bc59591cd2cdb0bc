"""Which IP addresses the fetcher may connect to: only globally routable ones.

An IPv6 address can carry an IPv4 address inside it (IPv4-mapped ``::ffff:a.b.c.d``, 6to4
``2002::/16``, Teredo ``2001::/32``, NAT64 ``64:ff9b::/96``); a gateway on the path may turn
it back into that IPv4 address, so the embedded address is judged too. ``ipaddress`` of
Python 3.11 calls some non-global ranges global (site-local ``fec0::/10``, multicast), so
those are named here explicitly rather than trusted to ``is_global`` alone.
"""

from __future__ import annotations

import ipaddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

SHARED_V4 = ipaddress.IPv4Network("100.64.0.0/10")  # carrier-grade NAT, cloud metadata
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # well-known prefix: reaches the IPv4 inside
NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")  # local-use prefix: private networks


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[tuple[str, ipaddress.IPv4Address]]:
    """The IPv4 addresses an IPv6 address carries, each with the name of its scheme."""
    found: list[tuple[str, ipaddress.IPv4Address]] = []
    if ip.ipv4_mapped is not None:
        found.append(("IPv4-mapped", ip.ipv4_mapped))
    if ip.sixtofour is not None:
        found.append(("6to4", ip.sixtofour))
    if ip.teredo is not None:
        server, client = ip.teredo
        found += [("Teredo server", server), ("Teredo client", client)]
    if ip in NAT64:
        found.append(("NAT64", ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
    return found


def address_class(ip: IPAddress) -> str | None:
    """Why ``ip`` itself is not globally routable ("loopback", "private", ...), or None."""
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("site-local", isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local),
        ("shared (carrier-grade NAT)", ip in SHARED_V4),
        ("local-use NAT64", ip in NAT64_LOCAL),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
    )
    for name, hit in checks:
        if hit:
            return name
    if not ip.is_global:
        return "not globally routable"
    return None


def blocked_reason(address: str) -> str | None:
    """Why the fetcher must not connect to ``address`` (an IP literal), or None when it may.

    Raises ValueError when ``address`` is not an IP address.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        inner = embedded_ipv4(ip)
        for scheme, v4 in inner:
            reason = address_class(v4)
            if reason:
                return f"{reason} (embedded {scheme} {v4})"
        if ip.ipv4_mapped is not None or ip in NAT64:
            return None  # judged only by the IPv4 address the packets will reach
    return address_class(ip)
