/* ioctl requests the syscall layer knows, by the guest's numbers.
 * Contract: a guest request number is the ABI table's listed value for the host
 * request (abi->ioctls), else, for _IOC-encoded requests, the host request re-encoded
 * the ABI's way (abi->ioc: direction and size bits; argument sizes that are a long or a
 * pointer take the guest's word size), else the host number itself. ioctl() converts
 * the argument by the request's kind; unknown requests fail with ENOTTY and are logged
 * with -d unimp. */
#ifndef SYSCALL_IOCTL_H
#define SYSCALL_IOCTL_H

#include <stdint.h>

struct syscall_table;

/* "TCGETS", or NULL for a request the table does not know (-strace). */
const char *ioctl_name(const struct syscall_table *abi, uint32_t guest_req);
/* The guest's number for a host request, or the host number if the table does not
 * know it (tests). */
uint32_t ioctl_guest_number(const struct syscall_table *abi, unsigned long host_req);

#endif
