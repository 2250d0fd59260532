/* Control messages (the ancillary data of sendmsg/recvmsg) between the guest's layout
 * and the host's. A guest cmsghdr is a size_t length and two ints, its data aligned to
 * the guest's word; the data itself is converted by (level, type): file descriptors
 * (SCM_RIGHTS) and credentials as 32-bit ints, timestamps as the guest's longs or as
 * 64-bit values, packet info and extended errors member by member, anything else as
 * bytes (logged with -d unimp when a guest of the other byte order might need more).
 * Contract: cmsg_to_host() checks and converts the guest's buffer into a malloc'd host
 * one (-EINVAL for a malformed message, as sendmsg says). cmsg_to_guest() converts what
 * recvmsg got into the guest's buffer of room bytes and returns the length used; what
 * does not fit is cut and MSG_CTRUNC reported, and descriptors the guest will not see
 * are closed, as the kernel does. cmsg_host_room() is the host buffer size that holds
 * whatever could fit a guest buffer of room bytes. */
#ifndef SYSCALL_CMSG_H
#define SYSCALL_CMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct syscall_table;

int cmsg_to_host(const struct syscall_table *abi, const uint8_t *g, uint64_t glen,
                 void **host, size_t *hlen);
uint64_t cmsg_to_guest(const struct syscall_table *abi, const uint8_t *host, size_t hlen,
                       uint8_t *g, uint64_t room, bool *trunc);
size_t cmsg_host_room(uint64_t room);

#endif
