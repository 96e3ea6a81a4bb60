/* SPDX-License-Identifier: MIT */
/*
 * netguard: the address classifier and the --deny-private guard.  The
 * ranges are the IANA special-purpose registries' (IPv4 and IPv6, RFC
 * 6890 and its updates), folded into the few classes a message names.
 * Anything IPv6 outside 2000::/3 (the only global unicast space IANA
 * allocates) is reserved, so a new special block is refused until it is
 * known.  It does not resolve names or touch sockets.
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "netguard.h"

/* An IPv4 block: PREFIX/BITS and its class. */
struct v4_block {
    unsigned char prefix[4];
    int bits;
    enum netguard_class cls;
};

static const struct v4_block V4_BLOCKS[] = {
    {{0, 0, 0, 0}, 8, NETGUARD_UNSPECIFIED},     /* "this network" */
    {{10, 0, 0, 0}, 8, NETGUARD_PRIVATE},        /* RFC 1918 */
    {{100, 64, 0, 0}, 10, NETGUARD_SHARED},      /* RFC 6598 */
    {{127, 0, 0, 0}, 8, NETGUARD_LOOPBACK},      /* RFC 1122 */
    {{169, 254, 0, 0}, 16, NETGUARD_LINK_LOCAL}, /* RFC 3927 */
    {{172, 16, 0, 0}, 12, NETGUARD_PRIVATE},     /* RFC 1918 */
    {{192, 0, 0, 0}, 24, NETGUARD_RESERVED},     /* IETF protocol use */
    {{192, 0, 2, 0}, 24, NETGUARD_RESERVED},     /* TEST-NET-1 */
    {{192, 88, 99, 0}, 24, NETGUARD_RESERVED},   /* 6to4 relay anycast */
    {{192, 168, 0, 0}, 16, NETGUARD_PRIVATE},    /* RFC 1918 */
    {{198, 18, 0, 0}, 15, NETGUARD_RESERVED},    /* benchmarking */
    {{198, 51, 100, 0}, 24, NETGUARD_RESERVED},  /* TEST-NET-2 */
    {{203, 0, 113, 0}, 24, NETGUARD_RESERVED},   /* TEST-NET-3 */
    {{224, 0, 0, 0}, 4, NETGUARD_MULTICAST},
    {{240, 0, 0, 0}, 4, NETGUARD_RESERVED}, /* and 255.255.255.255 */
};

/* True when the first BITS bits of A and P agree. */
static bool
prefix_match(const unsigned char *a, const unsigned char *p, int bits)
{
    int whole = bits / 8, rest = bits % 8;

    if (memcmp(a, p, (size_t)whole) != 0)
        return false;
    if (rest == 0)
        return true;
    return ((a[whole] ^ p[whole]) & (0xff << (8 - rest)) & 0xff) == 0;
}

enum netguard_class
netguard_classify_v4(const unsigned char a[4])
{
    for (size_t i = 0; i < sizeof V4_BLOCKS / sizeof V4_BLOCKS[0]; i++)
        if (prefix_match(a, V4_BLOCKS[i].prefix, V4_BLOCKS[i].bits))
            return V4_BLOCKS[i].cls;
    return NETGUARD_PUBLIC;
}

/* The IPv6 blocks that embed an IPv4 address, or are not 2000::/3-wide
 * rules; checked in order. */
static enum netguard_class
classify_v6_special(const unsigned char a[16], bool *done)
{
    static const unsigned char zero[16];
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0,    0,
                                             0, 0, 0, 0, 0xff, 0xff};
    static const unsigned char nat64[12] = {0, 0x64, 0xff, 0x9b};
    static const unsigned char nat64_local[6] = {0, 0x64, 0xff, 0x9b, 0, 1};

    *done = true;
    if (memcmp(a, zero, 15) == 0)
        return a[15] == 1   ? NETGUARD_LOOPBACK
               : a[15] == 0 ? NETGUARD_UNSPECIFIED
                            : NETGUARD_RESERVED;
    if (memcmp(a, mapped, 12) == 0 || memcmp(a, nat64, 12) == 0)
        return netguard_classify_v4(a + 12);
    if (memcmp(a, nat64_local, 6) == 0)
        return NETGUARD_PRIVATE; /* RFC 8215 local-use NAT64 */
    if (a[0] == 0x20 && a[1] == 0x02)
        return netguard_classify_v4(a + 2); /* 6to4 */
    *done = false;
    return NETGUARD_PUBLIC;
}

enum netguard_class
netguard_classify_v6(const unsigned char a[16])
{
    bool done;
    enum netguard_class c = classify_v6_special(a, &done);

    if (done)
        return c;
    if (a[0] == 0xff)
        return NETGUARD_MULTICAST;
    if ((a[0] & 0xfe) == 0xfc)
        return NETGUARD_PRIVATE; /* unique local fc00::/7 */
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
        return NETGUARD_LINK_LOCAL; /* fe80::/10 */
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)
        return NETGUARD_PRIVATE; /* site-local fec0::/10, deprecated */
    if ((a[0] & 0xe0) != 0x20)
        return NETGUARD_RESERVED; /* outside global unicast 2000::/3 */
    if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8)
        return NETGUARD_RESERVED; /* documentation 2001:db8::/32 */
    if (a[0] == 0x20 && a[1] == 0x01 && (a[2] & 0xfe) == 0)
        return NETGUARD_RESERVED; /* 2001::/23, IETF use: Teredo, ... */
    return NETGUARD_PUBLIC;
}

enum netguard_class
netguard_classify(const struct sockaddr *sa, size_t len)
{
    if (sa == NULL)
        return NETGUARD_RESERVED;
    if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;

        return netguard_classify_v4((const unsigned char *)&in->sin_addr);
    }
    if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;

        return netguard_classify_v6((const unsigned char *)&in6->sin6_addr);
    }
    return NETGUARD_RESERVED;
}

const char *
netguard_class_name(enum netguard_class c)
{
    static const char *const names[] = {
        "public",     "loopback",    "private",   "shared",
        "link-local", "unspecified", "multicast", "reserved",
    };

    if ((size_t)c >= sizeof names / sizeof names[0])
        return "reserved";
    return names[c];
}

/* Adds the one test-public address in S[0..N) to G. */
static enum ac_status
add_test_public(struct netguard *g, const char *s, size_t n, struct ac_err *err)
{
    char buf[INET_ADDRSTRLEN];
    unsigned char a[4];

    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (inet_pton(AF_INET, buf, a) != 1 ||
        netguard_classify_v4(a) != NETGUARD_LOOPBACK)
        return ac_err_set(err, AC_E_USAGE,
                          "ATTRCHECK_TEST_PUBLIC \"%s\": only 127.0.0.0/8 "
                          "addresses (it is for the tests)",
                          buf);
    if (g->test_public_len == NETGUARD_TEST_MAX)
        return ac_err_set(err, AC_E_USAGE,
                          "ATTRCHECK_TEST_PUBLIC: more than %d addresses",
                          NETGUARD_TEST_MAX);
    memcpy(g->test_public[g->test_public_len++], a, 4);
    return AC_OK;
}

enum ac_status
netguard_init(struct netguard *g, bool deny, const char *test_public,
              struct ac_err *err)
{
    memset(g, 0, sizeof *g);
    g->deny_private = deny;
    if (test_public == NULL)
        return AC_OK;
    while (*test_public != '\0') {
        size_t n = strcspn(test_public, ",");

        if (n > 0 && add_test_public(g, test_public, n, err) != AC_OK)
            return err->code;
        test_public += n;
        if (*test_public == ',')
            test_public++;
    }
    return AC_OK;
}

/* True when the IPv4 address A is one the tests treat as public. */
static bool
test_public(const struct netguard *g, const unsigned char a[4])
{
    for (size_t i = 0; i < g->test_public_len; i++)
        if (memcmp(g->test_public[i], a, 4) == 0)
            return true;
    return false;
}

/* Writes SA's address as text into BUF[0..N). */
static void
address_text(const struct sockaddr *sa, char *buf, size_t n)
{
    const void *a =
        sa->sa_family == AF_INET
            ? (const void *)&((const struct sockaddr_in *)sa)->sin_addr
            : (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr;

    if (inet_ntop(sa->sa_family, a, buf, (socklen_t)n) == NULL)
        snprintf(buf, n, "an address of family %d", (int)sa->sa_family);
}

bool
netguard_refuses(const struct netguard *g, const struct sockaddr *sa,
                 size_t len, char *why, size_t n)
{
    enum netguard_class c;
    char text[INET6_ADDRSTRLEN];

    if (g == NULL || !g->deny_private)
        return false;
    c = netguard_classify(sa, len);
    if (c == NETGUARD_PUBLIC)
        return false;
    if (sa != NULL && sa->sa_family == AF_INET &&
        len >= sizeof(struct sockaddr_in) &&
        test_public(
            g,
            (const unsigned char *)&((const struct sockaddr_in *)sa)->sin_addr))
        return false;
    if (sa != NULL && (sa->sa_family == AF_INET || sa->sa_family == AF_INET6) &&
        len >= (sa->sa_family == AF_INET ? sizeof(struct sockaddr_in)
                                         : sizeof(struct sockaddr_in6)))
        address_text(sa, text, sizeof text);
    else
        snprintf(text, sizeof text, "a non-IP address");
    snprintf(why, n, "%s (%s)", text, netguard_class_name(c));
    return true;
}
