/* Netlink data is in the CPU's byte order: for a guest of the other order, NETLINK_ROUTE
 * sockets carry this converter (fdtrans.h). It swaps the message headers, the family
 * headers of link, address, route and neighbour messages, attribute headers (nested
 * ones of the link and route messages too) and the attribute payloads known to be
 * 32- or 64-bit numbers; names and addresses are bytes and stay as they are. Other
 * netlink protocols go through unconverted. */
#ifndef SYSCALL_NETLINK_H
#define SYSCALL_NETLINK_H

#include "syscall/fdtrans.h"

extern const struct fd_trans netlink_route_trans;

#endif
