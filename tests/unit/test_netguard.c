/* SPDX-License-Identifier: MIT */
/* Unit tests for netguard: the address classes and the --deny-private
 * guard, with its test-only exemptions. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "../tap.h"
#include "netguard.h"

/* The class of the textual address S (IPv4 or IPv6). */
static const char *
class_of(const char *s)
{
    struct sockaddr_in in;
    struct sockaddr_in6 in6;

    memset(&in, 0, sizeof in);
    memset(&in6, 0, sizeof in6);
    if (inet_pton(AF_INET, s, &in.sin_addr) == 1) {
        in.sin_family = AF_INET;
        return netguard_class_name(
            netguard_classify((struct sockaddr *)&in, sizeof in));
    }
    if (inet_pton(AF_INET6, s, &in6.sin6_addr) == 1) {
        in6.sin6_family = AF_INET6;
        return netguard_class_name(
            netguard_classify((struct sockaddr *)&in6, sizeof in6));
    }
    return "bad test address";
}

static void
test_classes(void)
{
    static const char *const cases[][2] = {
        {"127.0.0.1", "loopback"},
        {"127.255.255.254", "loopback"},
        {"10.1.2.3", "private"},
        {"172.16.0.1", "private"},
        {"172.31.255.255", "private"},
        {"172.32.0.1", "public"},
        {"172.15.255.255", "public"},
        {"192.168.1.1", "private"},
        {"100.64.0.1", "shared"},
        {"100.127.255.255", "shared"},
        {"100.128.0.1", "public"},
        {"100.63.255.255", "public"},
        {"169.254.169.254", "link-local"},
        {"0.0.0.0", "unspecified"},
        {"0.1.2.3", "unspecified"},
        {"224.0.0.1", "multicast"},
        {"239.255.255.250", "multicast"},
        {"240.0.0.1", "reserved"},
        {"255.255.255.255", "reserved"},
        {"192.0.2.1", "reserved"},
        {"198.18.0.1", "reserved"},
        {"198.19.255.255", "reserved"},
        {"198.20.0.1", "public"},
        {"203.0.113.9", "reserved"},
        {"8.8.8.8", "public"},
        {"93.184.216.34", "public"},
        {"::1", "loopback"},
        {"::", "unspecified"},
        {"::ffff:127.0.0.1", "loopback"},
        {"::ffff:10.0.0.1", "private"},
        {"::ffff:169.254.169.254", "link-local"},
        {"::ffff:8.8.8.8", "public"},
        {"64:ff9b::a9fe:a9fe", "link-local"},
        {"64:ff9b::808:808", "public"},
        {"64:ff9b:1::1", "private"},
        {"2002:7f00:1::1", "loopback"},
        {"2002:808:808::1", "public"},
        {"::7f00:1", "reserved"},
        {"fc00::1", "private"},
        {"fd12:3456::1", "private"},
        {"fe80::1", "link-local"},
        {"febf::1", "link-local"},
        {"fec0::1", "private"},
        {"ff02::1", "multicast"},
        {"2001:db8::1", "reserved"},
        {"2001::1", "reserved"},
        {"2001:1ff::1", "reserved"},
        {"2001:200::1", "public"},
        {"2606:4700::1111", "public"},
        {"3fff:ffff::1", "public"},
        {"4000::1", "reserved"},
        {"100::1", "reserved"},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        is_str(class_of(cases[i][0]), cases[i][1], cases[i][0]);
}

static void
test_guard(void)
{
    struct netguard g;
    struct ac_err err;
    struct sockaddr_in in;
    struct sockaddr_in6 in6;
    char why[96] = "";

    memset(&in, 0, sizeof in);
    in.sin_family = AF_INET;
    inet_pton(AF_INET, "127.0.0.2", &in.sin_addr);
    ok(netguard_init(&g, false, NULL, &err) == AC_OK, "guard off");
    ok(!netguard_refuses(&g, (struct sockaddr *)&in, sizeof in, why,
                         sizeof why),
       "an unguarded engine connects anywhere");
    ok(netguard_init(&g, true, NULL, &err) == AC_OK, "guard on");
    ok(netguard_refuses(&g, (struct sockaddr *)&in, sizeof in, why, sizeof why),
       "loopback refused");
    is_str(why, "127.0.0.2 (loopback)", "the message names the address");
    ok(netguard_init(&g, true, "127.0.0.3,127.0.0.2", &err) == AC_OK,
       "two test-public addresses");
    ok(!netguard_refuses(&g, (struct sockaddr *)&in, sizeof in, why,
                         sizeof why),
       "a test-public address passes");
    inet_pton(AF_INET, "127.0.0.1", &in.sin_addr);
    ok(netguard_refuses(&g, (struct sockaddr *)&in, sizeof in, why, sizeof why),
       "another loopback address is still refused");
    ok(netguard_init(&g, true, "169.254.169.254", &err) == AC_E_USAGE,
       "the test hook cannot open link-local");
    ok(strstr(err.msg, "169.254.169.254") != NULL, "its error names it");
    ok(netguard_init(&g, true, "10.0.0.1", &err) == AC_E_USAGE, "nor RFC 1918");
    ok(netguard_init(&g, true, "nonsense", &err) == AC_E_USAGE,
       "nor a non-address");
    memset(&in6, 0, sizeof in6);
    in6.sin6_family = AF_INET6;
    inet_pton(AF_INET6, "::ffff:127.0.0.1", &in6.sin6_addr);
    ok(netguard_refuses(&g, (struct sockaddr *)&in6, sizeof in6, why,
                        sizeof why),
       "a v4-mapped loopback refused");
    is_str(why, "::ffff:127.0.0.1 (loopback)", "named as connected to");
    ok(netguard_refuses(&g, (struct sockaddr *)&in6, 4, why, sizeof why),
       "a truncated socket address is refused");
    in.sin_family = AF_UNIX;
    ok(netguard_refuses(&g, (struct sockaddr *)&in, sizeof in, why, sizeof why),
       "a non-IP family is refused");
}

int
main(void)
{
    test_classes();
    test_guard();
    return tap_done();
}
