/* Socket addresses between guest and host. sa_family is a 16-bit number in the guest's
 * byte order; most of the rest is bytes in network order, except the few members some
 * families keep in host order (sin6_scope_id, sockaddr_nl's pid and groups,
 * sockaddr_ll's ifindex and hatype), which a guest of the other byte order needs
 * swapped: a table says which. Family numbers are the same on every Linux ABI.
 * Contract: functions check guest memory and return 0 or -errno (-EINVAL for a length
 * over sizeof(struct sockaddr_storage), -EFAULT). put_sockaddr() does what the kernel
 * does with an address and its value-result length: copies as much as the guest's
 * buffer holds and stores the full length. */
#ifndef SYSCALL_SOCKADDR_H
#define SYSCALL_SOCKADDR_H

#include <stdint.h>
#include <sys/socket.h>

struct syscall_table;

/* Converts len bytes at g (host memory holding guest data) into ss. */
int sockaddr_from_guest(const struct syscall_table *abi, const void *g, uint64_t len,
                        struct sockaddr_storage *ss);
/* Writes n bytes of ss's guest form to g. */
void sockaddr_to_guest(const struct syscall_table *abi, const struct sockaddr_storage *ss,
                       void *g, uint32_t n);

int get_sockaddr(const struct syscall_table *abi, uint64_t addr, uint64_t len,
                 struct sockaddr_storage *ss, socklen_t *hlen);
/* addr 0: nothing to store. lenp: guest address of the guest's socklen_t. */
int put_sockaddr(const struct syscall_table *abi, uint64_t addr, uint64_t lenp,
                 const struct sockaddr_storage *ss, socklen_t hlen);

#endif
