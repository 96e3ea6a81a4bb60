/* SPDX-License-Identifier: MIT */
/*
 * netguard: which IP addresses --deny-private refuses.  It classifies an
 * address (loopback, RFC 1918 and ULA private, CGNAT shared, link-local,
 * unspecified, multicast, reserved or public) and keeps the guard the
 * fetch engine consults for every socket it is about to connect.  It
 * does not resolve names or open sockets: fetch.c calls it from libcurl's
 * open-socket callback, with the address libcurl is about to connect to.
 */
#ifndef AC_NETGUARD_H
#define AC_NETGUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "err.h"

enum netguard_class {
    NETGUARD_PUBLIC,
    NETGUARD_LOOPBACK,    /* 127.0.0.0/8, ::1 */
    NETGUARD_PRIVATE,     /* RFC 1918, fc00::/7, fec0::/10, 64:ff9b:1::/48 */
    NETGUARD_SHARED,      /* 100.64.0.0/10, carrier-grade NAT */
    NETGUARD_LINK_LOCAL,  /* 169.254.0.0/16 (cloud metadata), fe80::/10 */
    NETGUARD_UNSPECIFIED, /* 0.0.0.0/8, :: */
    NETGUARD_MULTICAST,   /* 224.0.0.0/4, ff00::/8 */
    NETGUARD_RESERVED     /* documentation, benchmarking, 240/4, not 2000::/3 */
};

/* Classifies the IPv4 address A (network byte order, 4 bytes). */
enum netguard_class netguard_classify_v4(const unsigned char a[4]);

/* Classifies the IPv6 address A (16 bytes); an IPv4-mapped, NAT64
 * (64:ff9b::/96) or 6to4 (2002::/16) address is its IPv4 address's class. */
enum netguard_class netguard_classify_v6(const unsigned char a[16]);

/* Classifies an AF_INET or AF_INET6 socket address of LEN bytes; any
 * other family, or a short one, is NETGUARD_RESERVED. */
enum netguard_class netguard_classify(const struct sockaddr *sa, size_t len);

/* "public", "loopback", "private", "shared", "link-local", ... */
const char *netguard_class_name(enum netguard_class c);

#define NETGUARD_TEST_MAX 8

/* The guard: off, or on with the addresses the tests treat as public. */
struct netguard {
    bool deny_private;
    unsigned char test_public[NETGUARD_TEST_MAX][4];
    size_t test_public_len;
};

/*
 * Sets up G: DENY says whether --deny-private is on; TEST_PUBLIC (may be
 * NULL) is a comma-separated list of 127.0.0.0/8 addresses to treat as
 * public, for the tests only (the ATTRCHECK_TEST_PUBLIC environment
 * variable; docs/security.md).  Any other address in it is an AC_E_USAGE
 * error, so the hook can never open the real private networks.
 */
enum ac_status netguard_init(struct netguard *g, bool deny,
                             const char *test_public, struct ac_err *err);

/* Returns true when G refuses a connection to SA (LEN bytes), and then
 * writes "ADDRESS (CLASS)" into WHY[0..N). */
bool netguard_refuses(const struct netguard *g, const struct sockaddr *sa,
                      size_t len, char *why, size_t n);

#endif
