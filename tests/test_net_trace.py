"""tests/e2e/net_helpers.strace_outbound: which connect() calls in an strace log leave the machine (the export
test and `python -m bench presenter` count them). Lines as strace 6 writes them."""
from __future__ import annotations

from tests.e2e import net_helpers

LOG = """\
100 socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 5
100 connect(5, {sa_family=AF_UNIX, sun_path="/run/dbus/system_bus_socket"}, 29) = -1 ENOENT (No such file)
100 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 6
100 connect(6, {sa_family=AF_INET, sin_port=htons(8501), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
101 socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) = 22
101 connect(22, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), \
inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = 0
101 socket(AF_INET, SOCK_DGRAM, IPPROTO_IP) = 22
101 connect(22, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = 0
102 connect(7, {sa_family=AF_INET6, sin6_port=htons(8501), sin6_flowinfo=htonl(0), \
inet_pton(AF_INET6, "::ffff:127.0.0.1", &sin6_addr), sin6_scope_id=0}, 28) = 0
103 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 9
103 connect(9, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("8.8.8.8")}, 16 <unfinished ...>
"""


def test_strace_outbound_sorts_probes_from_packets(tmp_path):
    path = tmp_path / "strace.txt"
    path.write_text(LOG)
    found = net_helpers.strace_outbound(path)
    assert [(c.address, c.port, c.udp, c.ipv6_probe) for c in found] == [
        ("2001:4860:4860::8888", 443, True, True),          # Chromium's route check: no packet
        ("10.255.255.53", 53, True, False),                 # a DNS query: a packet
        ("8.8.8.8", 443, False, False),                     # TCP
    ]
