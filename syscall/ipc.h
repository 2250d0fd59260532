/* SysV IPC for the guest: message queues (ipc-msg.c), semaphores (ipc-sem.c), shared
 * memory (ipc-shm.c) and the multiplexed ipc(2) of ABIs that have it (ipc.c). Objects
 * are the host kernel's; what crossrun does is convert structs (syscall/layouts.h keys,
 * per-ABI layouts in struct syscall_table) and map segments into the guest space.
 * Contract: each function takes the guest's arguments as the separate system call does
 * (cmd with the guest's IPC_64 bit) and returns a result or a negative host errno. */
#ifndef SYSCALL_IPC_H
#define SYSCALL_IPC_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/ipc.h>

#include "syscall/syscall.h"

int64_t ipc_msgsnd(struct sc *c, int id, uint64_t msgp, uint64_t size, int flags);
int64_t ipc_msgrcv(struct sc *c, int id, uint64_t msgp, uint64_t size, int64_t type,
                   int flags);
int64_t ipc_msgctl(struct sc *c, int id, int cmd, uint64_t buf);
int64_t ipc_semtimedop(struct sc *c, int id, uint64_t sops, uint64_t nsops,
                       uint64_t timeout, bool time64);
/* arg: union semun as the word the guest passed. */
int64_t ipc_semctl(struct sc *c, int id, int num, int cmd, uint64_t arg);
int64_t ipc_shmat(struct sc *c, int id, uint64_t addr, int flags);
int64_t ipc_shmdt(struct sc *c, uint64_t addr);
int64_t ipc_shmctl(struct sc *c, int id, int cmd, uint64_t buf);

/* The host command of a guest ctl cmd: IPC_64 dropped on ABIs with struct versions
 * (ipc_old_layouts; *old then says whether the cmd asked for the old structs), kept
 * (so unknown) on others. */
int ipc_parse_cmd(const struct syscall_table *abi, int cmd, bool *old);
/* struct ipc_perm members into the IPC_K_* keys of vals. */
void ipc_perm_to_vals(const struct ipc_perm *p, uint64_t *vals);
/* A time into its low key and the high key after it. */
void ipc_time_to_vals(uint64_t *vals, unsigned key, int64_t t);

#endif
