/* Compiled with a GUEST cross compiler to assembly (-S), never run: offsets and sizes
 * of the SysV IPC and AIO structs in the guest kernel's uapi headers, as labelled
 * words (probe_NAME: .word VALUE) test_syscall_ipc_layouts.c compares with crossrun's
 * layouts. S_M is a member's offset, S_M_sz its size; sizeof_S the struct's. */
#include <stddef.h>

#include <linux/aio_abi.h>
#include <linux/ipc.h>
#include <linux/msg.h>
#include <linux/sem.h>
#include <linux/shm.h>

#define P(name, value) const int probe_##name = (int)(value);
#define SIZE(s) P(sizeof_##s, sizeof(struct s))
#define M(s, m, pm) P(s##_##pm, offsetof(struct s, m)) P(s##_##pm##_sz, sizeof(((struct s *)0)->m))
#define PERM(s, p) M(s, p.key, key) M(s, p.uid, uid) M(s, p.gid, gid) M(s, p.cuid, cuid) \
                   M(s, p.cgid, cgid) M(s, p.mode, mode) M(s, p.seq, seq)

SIZE(msqid64_ds) PERM(msqid64_ds, msg_perm)
M(msqid64_ds, msg_stime, stime) M(msqid64_ds, msg_rtime, rtime) M(msqid64_ds, msg_ctime, ctime)
M(msqid64_ds, msg_cbytes, cbytes) M(msqid64_ds, msg_qnum, qnum) M(msqid64_ds, msg_qbytes, qbytes)
M(msqid64_ds, msg_lspid, lspid) M(msqid64_ds, msg_lrpid, lrpid)
SIZE(semid64_ds) PERM(semid64_ds, sem_perm)
M(semid64_ds, sem_otime, otime) M(semid64_ds, sem_ctime, ctime) M(semid64_ds, sem_nsems, nsems)
SIZE(shmid64_ds) PERM(shmid64_ds, shm_perm)
M(shmid64_ds, shm_segsz, segsz) M(shmid64_ds, shm_atime, atime) M(shmid64_ds, shm_dtime, dtime)
M(shmid64_ds, shm_ctime, ctime) M(shmid64_ds, shm_cpid, cpid) M(shmid64_ds, shm_lpid, lpid)
M(shmid64_ds, shm_nattch, nattch)
#if __BITS_PER_LONG == 32
M(msqid64_ds, msg_stime_high, stime_hi) M(msqid64_ds, msg_rtime_high, rtime_hi)
M(msqid64_ds, msg_ctime_high, ctime_hi)
M(semid64_ds, sem_otime_high, otime_hi) M(semid64_ds, sem_ctime_high, ctime_hi)
M(shmid64_ds, shm_atime_high, atime_hi) M(shmid64_ds, shm_dtime_high, dtime_hi)
M(shmid64_ds, shm_ctime_high, ctime_hi)
#endif

SIZE(msqid_ds) PERM(msqid_ds, msg_perm)
M(msqid_ds, msg_stime, stime) M(msqid_ds, msg_rtime, rtime) M(msqid_ds, msg_ctime, ctime)
M(msqid_ds, msg_lcbytes, lcbytes) M(msqid_ds, msg_lqbytes, lqbytes)
M(msqid_ds, msg_cbytes, cbytes) M(msqid_ds, msg_qnum, qnum) M(msqid_ds, msg_qbytes, qbytes)
M(msqid_ds, msg_lspid, lspid) M(msqid_ds, msg_lrpid, lrpid)
SIZE(semid_ds) PERM(semid_ds, sem_perm)
M(semid_ds, sem_otime, otime) M(semid_ds, sem_ctime, ctime) M(semid_ds, sem_nsems, nsems)
SIZE(shmid_ds) PERM(shmid_ds, shm_perm)
M(shmid_ds, shm_segsz, segsz) M(shmid_ds, shm_atime, atime) M(shmid_ds, shm_dtime, dtime)
M(shmid_ds, shm_ctime, ctime) M(shmid_ds, shm_cpid, cpid) M(shmid_ds, shm_lpid, lpid)
M(shmid_ds, shm_nattch, nattch)

SIZE(seminfo) M(seminfo, semmap, 0) M(seminfo, semaem, 9)
SIZE(msginfo) M(msginfo, msgpool, 0) M(msginfo, msgtql, 6) M(msginfo, msgseg, 7)
SIZE(shminfo64) M(shminfo64, shmmax, 0) M(shminfo64, shmall, 4)
SIZE(shminfo) M(shminfo, shmmax, 0) M(shminfo, shmall, 4)
SIZE(shm_info) M(shm_info, used_ids, 0) M(shm_info, shm_tot, 1) M(shm_info, swap_successes, 5)
SIZE(sembuf) M(sembuf, sem_num, 0) M(sembuf, sem_op, 1) M(sembuf, sem_flg, 2)

SIZE(iocb) M(iocb, aio_data, data) M(iocb, aio_key, key) M(iocb, aio_rw_flags, rw_flags)
M(iocb, aio_lio_opcode, opcode) M(iocb, aio_reqprio, reqprio) M(iocb, aio_fildes, fildes)
M(iocb, aio_buf, buf) M(iocb, aio_nbytes, nbytes) M(iocb, aio_offset, offset)
M(iocb, aio_flags, flags) M(iocb, aio_resfd, resfd)
SIZE(io_event) M(io_event, data, 0) M(io_event, obj, 1) M(io_event, res, 2) M(io_event, res2, 3)
