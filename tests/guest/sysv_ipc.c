/* guest-test: portable, native-oracle
 * SysV IPC: message queues (struct msgbuf with the guest's long mtype, type selection,
 * truncation, msqid_ds through IPC_STAT/IPC_SET, a child's message, EINTR), semaphore
 * sets (SETALL/GETALL/SETVAL/GETVAL, semop and semtimedop, SEM_UNDO across exit, a
 * thread blocked in semop, the semid_ds), shared memory (shmat where the system picks,
 * at a fixed address, with SHM_RND, SHM_RDONLY that faults, SHM_REMAP, sharing with a
 * child, /proc/self/maps, shmid_ds, shmdt) and the old ctl structs (without IPC_64).
 * Every object is IPC_PRIVATE and removed at exit even when a check fails. Each check
 * prints one line. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failures;

#define CHECK(cond, what)                                                               \
    do {                                                                                \
        if (cond) {                                                                     \
            printf("ok   %s\n", what);                                                  \
        } else {                                                                        \
            failures++;                                                                 \
            printf("FAIL %s (line %d, errno %d)\n", what, __LINE__, errno);             \
        }                                                                               \
    } while (0)

/* Objects to remove at exit: msg, sem, shm ids (-1 once removed). */
static int msq_ids[4] = { -1, -1, -1, -1 }, sem_ids[4] = { -1, -1, -1, -1 },
           shm_ids[4] = { -1, -1, -1, -1 };

static void cleanup(void)
{
    for (int i = 0; i < 4; i++) {
        if (msq_ids[i] >= 0)
            msgctl(msq_ids[i], IPC_RMID, NULL);
        if (sem_ids[i] >= 0)
            semctl(sem_ids[i], 0, IPC_RMID);
        if (shm_ids[i] >= 0)
            shmctl(shm_ids[i], IPC_RMID, NULL);
    }
}

static void track(int *ids, int id)
{
    for (int i = 0; i < 4; i++)
        if (ids[i] < 0) {
            ids[i] = id;
            return;
        }
}

static void untrack(int *ids, int id)
{
    for (int i = 0; i < 4; i++)
        if (ids[i] == id)
            ids[i] = -1;
}

struct msg {
    long mtype;
    char text[64];
};

static int send(int q, long type, const char *s)
{
    struct msg m = { .mtype = type };
    strcpy(m.text, s);
    return msgsnd(q, &m, strlen(s), 0);
}

static time_t t_start;

static int time_ok(time_t t)
{
    return t >= t_start && t <= time(NULL) + 1;
}

static void on_alarm(int sig)
{
    (void)sig;
}

static void msg_eintr(int q)
{
    struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = { { 0, 0 }, { 0, 50000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    struct msg m;
    errno = 0;
    ssize_t n = msgrcv(q, &m, sizeof m.text, 42, 0);
    CHECK(n < 0 && errno == EINTR, "msgrcv: a handler with SA_RESTART still gives EINTR");
}

static void msg_queue(void)
{
    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    CHECK(q >= 0, "msgget IPC_PRIVATE");
    if (q < 0)
        return;
    track(msq_ids, q);
    CHECK(send(q, 5, "hello") == 0 && send(q, 3, "world!") == 0 && send(q, 7, "seven") == 0,
          "msgsnd three messages");
    struct msg bad = { .mtype = 0 };
    CHECK(msgsnd(q, &bad, 1, 0) < 0 && errno == EINVAL, "msgsnd mtype 0: EINVAL");
    bad.mtype = 1;
    CHECK(msgsnd(q, &bad, 1 << 20, 0) < 0 && errno == EINVAL,
          "msgsnd past msgmax from a small buffer: EINVAL before EFAULT");
    struct msqid_ds ds;
    memset(&ds, 0, sizeof ds);
    CHECK(msgctl(q, IPC_STAT, &ds) == 0, "msgctl IPC_STAT");
    printf("qnum %lu cbytes %lu mode %o\n", (unsigned long)ds.msg_qnum,
           (unsigned long)ds.__msg_cbytes, (unsigned)ds.msg_perm.mode & 0777);
    CHECK(ds.msg_perm.uid == getuid() && ds.msg_perm.cuid == getuid() &&
          ds.msg_perm.gid == getgid() && ds.msg_perm.__key == IPC_PRIVATE,
          "msqid_ds: owner, creator and key");
    CHECK(ds.msg_lspid == getpid() && ds.msg_lrpid == 0, "msqid_ds: last sender pid");
    CHECK(time_ok(ds.msg_stime) && ds.msg_rtime == 0 && time_ok(ds.msg_ctime),
          "msqid_ds: times");
    CHECK(ds.msg_qbytes > 16, "msqid_ds: qbytes");

    struct msg m;
    memset(&m, 0, sizeof m);
    ssize_t n = msgrcv(q, &m, sizeof m.text, 0, 0);
    printf("type 0 -> %ld '%.*s' (%zd)\n", m.mtype, (int)(n > 0 ? n : 0), m.text, n);
    memset(&m, 0, sizeof m);
    n = msgrcv(q, &m, sizeof m.text, -4, 0);
    printf("type -4 -> %ld '%.*s' (%zd)\n", m.mtype, (int)(n > 0 ? n : 0), m.text, n);
    memset(&m, 0, sizeof m);
    n = msgrcv(q, &m, 2, 7, 0);
    CHECK(n < 0 && errno == E2BIG, "msgrcv into a short buffer: E2BIG");
    n = msgrcv(q, &m, 2, 7, MSG_NOERROR);
    printf("MSG_NOERROR -> %ld '%.*s' (%zd)\n", m.mtype, (int)(n > 0 ? n : 0), m.text, n);
    n = msgrcv(q, &m, sizeof m.text, 0, IPC_NOWAIT);
    CHECK(n < 0 && errno == ENOMSG, "msgrcv IPC_NOWAIT on an empty queue: ENOMSG");
    CHECK(msgctl(q, IPC_STAT, &ds) == 0 && ds.msg_lrpid == getpid() && time_ok(ds.msg_rtime)
          && ds.msg_qnum == 0, "msqid_ds after receiving");

    /* A big type survives the guest's long. */
    CHECK(send(q, 0x7fffffffL, "max") == 0, "msgsnd LONG_MAX-ish type");
    n = msgrcv(q, &m, sizeof m.text, 0x7fffffffL, 0);
    CHECK(n == 3 && m.mtype == 0x7fffffffL && memcmp(m.text, "max", 3) == 0,
          "msgrcv by that type");

    ds.msg_perm.mode = 0640;
    ds.msg_qbytes = 4096;
    CHECK(msgctl(q, IPC_SET, &ds) == 0, "msgctl IPC_SET");
    memset(&ds, 0, sizeof ds);
    CHECK(msgctl(q, IPC_STAT, &ds) == 0 && (ds.msg_perm.mode & 0777) == 0640 &&
          ds.msg_qbytes == 4096, "IPC_SET changed mode and qbytes");

    pid_t pid = fork();
    if (pid == 0) {
        usleep(20000);
        _exit(send(q, 9, "from the child") == 0 ? 0 : 1);
    }
    memset(&m, 0, sizeof m);
    n = msgrcv(q, &m, sizeof m.text, 9, 0);
    int st = -1;
    waitpid(pid, &st, 0);
    printf("child -> %ld '%.*s' status %d\n", m.mtype, (int)(n > 0 ? n : 0), m.text,
           WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    msg_eintr(q);

    /* Only the message must fit: a buffer claiming 8000 bytes at the end of a page. */
    long pg = sysconf(_SC_PAGESIZE);
    char *two = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(two + pg, pg);
    struct msg *tail = (struct msg *)(two + pg - sizeof(long) - 8);
    send(q, 4, "fits");
    n = msgrcv(q, tail, 8000, 0, 0);
    CHECK(n == 4 && tail->mtype == 4 && memcmp(tail->text, "fits", 4) == 0,
          "msgrcv: a short message fits at the end of the mapping");
    send(q, 4, "a message longer than the room left");
    n = msgrcv(q, tail, 8000, 0, 0);
    CHECK(n < 0 && errno == EFAULT && msgctl(q, IPC_STAT, &ds) == 0 && ds.msg_qnum == 0,
          "msgrcv: one that does not fit is consumed, EFAULT");
    munmap(two, pg);

    struct msginfo mi;
    CHECK(msgctl(0, IPC_INFO, (struct msqid_ds *)&mi) >= 0 && mi.msgmax > 0 &&
          mi.msgmnb > 0 && mi.msgmni > 0, "msgctl IPC_INFO");
    CHECK(msgctl(q, IPC_RMID, NULL) == 0, "msgctl IPC_RMID");
    untrack(msq_ids, q);
    CHECK(msgsnd(q, &m, 1, IPC_NOWAIT) < 0 && (errno == EINVAL || errno == EIDRM),
          "msgsnd after IPC_RMID fails");
}

static void print_sems(int s, const char *what)
{
    unsigned short v[3] = { 99, 99, 99 };
    int r = semctl(s, 0, GETALL, v);
    printf("%s: %d -> %u %u %u\n", what, r, v[0], v[1], v[2]);
}

static int waiter_result = -1;

static void *sem_waiter(void *arg)
{
    struct sembuf take = { 1, -20, 0 };
    waiter_result = semop(*(int *)arg, &take, 1);
    return NULL;
}

/* A thread blocks in semop until the main thread adds enough. */
static void sem_blocking(int s)
{
    pthread_t t;
    CHECK(pthread_create(&t, NULL, sem_waiter, &s) == 0, "a thread waits in semop");
    int n = 0;
    for (int i = 0; i < 2000 && (n = semctl(s, 1, GETNCNT)) != 1; i++)
        usleep(1000);
    CHECK(n == 1 && waiter_result == -1, "GETNCNT counts the waiter");
    struct sembuf give = { 1, 10, 0 };
    CHECK(semop(s, &give, 1) == 0, "semop +10 wakes it");
    pthread_join(t, NULL);
    CHECK(waiter_result == 0 && semctl(s, 1, GETVAL) == 0 && semctl(s, 1, GETNCNT) == 0,
          "the waiter took 20");
}

static void semaphores(void)
{
    int s = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
    CHECK(s >= 0, "semget 3 semaphores");
    if (s < 0)
        return;
    track(sem_ids, s);
    print_sems(s, "new set");
    unsigned short init[3] = { 1, 2, 3 };
    CHECK(semctl(s, 0, SETALL, init) == 0, "SETALL");
    print_sems(s, "after SETALL");
    CHECK(semctl(s, 1, SETVAL, 10) == 0 && semctl(s, 1, GETVAL) == 10, "SETVAL/GETVAL");
    struct sembuf ops[2] = { { 0, -1, 0 }, { 2, 2, 0 } };
    CHECK(semop(s, ops, 2) == 0, "semop -1 and +2");
    print_sems(s, "after semop");
    CHECK(semctl(s, 0, GETPID) == getpid(), "GETPID is ours");
    struct sembuf take = { 0, -1, IPC_NOWAIT };
    CHECK(semop(s, &take, 1) < 0 && errno == EAGAIN, "semop IPC_NOWAIT would block: EAGAIN");
    struct timespec ts = { 0, 30000000 };
    take.sem_flg = 0;
    CHECK(semtimedop(s, &take, 1, &ts) < 0 && errno == EAGAIN, "semtimedop times out");
    struct sembuf zero = { 0, 0, 0 };
    CHECK(semtimedop(s, &zero, 1, &ts) == 0, "semtimedop waiting for zero");
    CHECK(semctl(s, 0, GETNCNT) == 0 && semctl(s, 0, GETZCNT) == 0, "GETNCNT/GETZCNT");

    pid_t pid = fork();
    if (pid == 0) {
        struct sembuf up = { 0, 5, SEM_UNDO };
        _exit(semop(s, &up, 1) == 0 && semctl(s, 0, GETVAL) == 5 ? 0 : 1);
    }
    int st = -1;
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child semop with SEM_UNDO");
    CHECK(semctl(s, 0, GETVAL) == 0, "SEM_UNDO undone at the child's exit");
    sem_blocking(s);

    struct semid_ds ds;
    memset(&ds, 0, sizeof ds);
    CHECK(semctl(s, 0, IPC_STAT, &ds) == 0, "semctl IPC_STAT");
    printf("nsems %lu mode %o\n", (unsigned long)ds.sem_nsems, (unsigned)ds.sem_perm.mode & 0777);
    CHECK(ds.sem_perm.uid == getuid() && ds.sem_perm.cuid == getuid() &&
          ds.sem_perm.__key == IPC_PRIVATE, "semid_ds: owner and key");
    CHECK(time_ok(ds.sem_otime) && time_ok(ds.sem_ctime), "semid_ds: times");
    ds.sem_perm.mode = 0604;
    CHECK(semctl(s, 0, IPC_SET, &ds) == 0, "semctl IPC_SET");
    memset(&ds, 0, sizeof ds);
    CHECK(semctl(s, 0, IPC_STAT, &ds) == 0 && (ds.sem_perm.mode & 0777) == 0604,
          "IPC_SET changed the mode");
    struct seminfo si;
    CHECK(semctl(0, 0, IPC_INFO, &si) >= 0 && si.semmsl > 0 && si.semopm > 0 &&
          si.semvmx > 0, "semctl IPC_INFO");
    CHECK(semctl(s, 3, GETVAL) < 0 && errno == EINVAL, "GETVAL past the set: EINVAL");
    CHECK(semctl(s, 0, IPC_RMID) == 0, "semctl IPC_RMID");
    untrack(sem_ids, s);
    CHECK(semop(s, ops, 1) < 0 && (errno == EINVAL || errno == EIDRM),
          "semop after IPC_RMID fails");
}

static sigjmp_buf fault_jmp;

static void on_segv(int sig)
{
    (void)sig;
    siglongjmp(fault_jmp, 1);
}

/* Does writing to p fault? */
static int write_faults(volatile char *p)
{
    struct sigaction sa = { .sa_handler = on_segv }, old;
    sigaction(SIGSEGV, &sa, &old);
    int faulted = 1;
    if (sigsetjmp(fault_jmp, 1) == 0) {
        p[0] = 'X';
        faulted = 0;
    }
    sigaction(SIGSEGV, &old, NULL);
    return faulted;
}

/* The permissions and name /proc/self/maps shows for the mapping at p. */
static void maps_line(const void *p, const char *what)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512], perms[8] = "?";
    const char *name = "?";
    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) == 3 && lo == (uintptr_t)p) {
            char *n = strchr(line, '/');
            if (n) {
                n[strcspn(n, "\n")] = 0;
                name = n;
            }
            break;
        }
        strcpy(perms, "?");
    }
    printf("maps %s: %s %s\n", what, perms, name);
    if (f)
        fclose(f);
}

static size_t shm_nattch(int id)
{
    struct shmid_ds ds;
    return shmctl(id, IPC_STAT, &ds) == 0 ? (size_t)ds.shm_nattch : (size_t)-1;
}

static void shm_fixed(int id)
{
    long lba = SHMLBA;
    /* Free space aligned to SHMLBA: reserve, then give back. */
    char *area = mmap(NULL, 4 * lba, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(area != MAP_FAILED, "mmap a scratch area");
    if (area == MAP_FAILED)
        return;
    char *want = (char *)(((uintptr_t)area + lba - 1) & ~(uintptr_t)(lba - 1));
    munmap(area, 4 * lba);
    char *p = shmat(id, want, 0);
    CHECK(p == want, "shmat at a chosen SHMLBA-aligned address");
    CHECK(p == want && strcmp(p, "shared bytes") == 0, "the data is there");
    CHECK(shmat(id, want, 0) == (void *)-1 && errno == EINVAL,
          "shmat over an attachment without SHM_REMAP: EINVAL");
    char *q = shmat(id, want, SHM_REMAP);
    CHECK(q == want, "shmat SHM_REMAP over it");
    CHECK(shmat(id, NULL, SHM_REMAP) == (void *)-1 && errno == EINVAL,
          "SHM_REMAP without an address: EINVAL");
    CHECK(shmdt(want) == 0, "shmdt the fixed attachment");
    char *r = shmat(id, want + 100, SHM_RND);
    CHECK(r == want, "SHM_RND rounds down to SHMLBA");
    CHECK(shmat(id, want + 100, 0) == (void *)-1 && errno == EINVAL,
          "an unaligned address without SHM_RND: EINVAL");
    if (r == want)
        shmdt(r);
}

static void shared_memory(void)
{
    int id = shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600);
    CHECK(id >= 0, "shmget 10000 bytes");
    if (id < 0)
        return;
    track(shm_ids, id);
    struct shmid_ds ds;
    memset(&ds, 0, sizeof ds);
    CHECK(shmctl(id, IPC_STAT, &ds) == 0, "shmctl IPC_STAT");
    printf("segsz %lu nattch %lu mode %o\n", (unsigned long)ds.shm_segsz,
           (unsigned long)ds.shm_nattch, (unsigned)ds.shm_perm.mode & 0777);
    CHECK(ds.shm_cpid == getpid() && ds.shm_perm.uid == getuid() && time_ok(ds.shm_ctime)
          && ds.shm_atime == 0, "shmid_ds: creator, owner, times");

    char *p = shmat(id, NULL, 0);
    CHECK(p != (void *)-1, "shmat where the system picks");
    if (p == (void *)-1)
        return;
    CHECK((uintptr_t)p % (uintptr_t)SHMLBA == 0, "the address is SHMLBA-aligned");
    CHECK(p[0] == 0 && p[9999] == 0, "a new segment reads as zeros");
    strcpy(p, "shared bytes");
    char *ro = shmat(id, NULL, SHM_RDONLY);
    CHECK(ro != (void *)-1 && ro != p && strcmp(ro, "shared bytes") == 0,
          "a read-only second attachment sees the data");
    CHECK(shm_nattch(id) == 2, "nattch 2");
    maps_line(p, "read-write");
    maps_line(ro, "read-only");
    CHECK(write_faults(ro), "writing through SHM_RDONLY faults");
    CHECK(!write_faults(p + 8192), "writing through the other one does not");
    p[8192] = 0;

    pid_t pid = fork();
    if (pid == 0) {
        strcpy(p + 100, "written by the child");
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    CHECK(strcmp(ro + 100, "written by the child") == 0, "a child's write is seen");
    memset(&ds, 0, sizeof ds);
    CHECK(shmctl(id, IPC_STAT, &ds) == 0 && time_ok(ds.shm_atime) && ds.shm_lpid != 0,
          "shmid_ds after attaching");

    CHECK(shmdt(ro) == 0, "shmdt the read-only attachment");
    CHECK(shm_nattch(id) == 1, "nattch 1");
    CHECK(shmdt(ro) < 0 && errno == EINVAL, "shmdt again: EINVAL");
    CHECK(shmdt(p + 4096) < 0 && errno == EINVAL, "shmdt inside an attachment: EINVAL");
    maps_line(ro, "after shmdt");
    shm_fixed(id);

    ds.shm_perm.mode = 0640;
    CHECK(shmctl(id, IPC_SET, &ds) == 0, "shmctl IPC_SET");
    memset(&ds, 0, sizeof ds);
    CHECK(shmctl(id, IPC_STAT, &ds) == 0 && (ds.shm_perm.mode & 0777) == 0640,
          "IPC_SET changed the mode");
    struct shminfo si;
    CHECK(shmctl(0, IPC_INFO, (struct shmid_ds *)&si) >= 0 && si.shmmax > 0 && si.shmmni > 0,
          "shmctl IPC_INFO");
    struct shm_info sinfo;
    CHECK(shmctl(0, SHM_INFO, (struct shmid_ds *)&sinfo) >= 0 && sinfo.used_ids >= 1,
          "shmctl SHM_INFO");

    CHECK(shmctl(id, IPC_RMID, NULL) == 0, "shmctl IPC_RMID while attached");
    memset(&ds, 0, sizeof ds);
    CHECK(shmctl(id, IPC_STAT, &ds) == 0 && (ds.shm_perm.mode & SHM_DEST),
          "the segment is marked SHM_DEST");
    CHECK(strcmp(p, "shared bytes") == 0, "still readable until detached");
    CHECK(shmdt(p) == 0, "the last shmdt");
    untrack(shm_ids, id);
    CHECK(shmctl(id, IPC_STAT, &ds) < 0 && (errno == EINVAL || errno == EIDRM),
          "the segment is gone");
}

/* The old structs of ctl calls without IPC_64, on the ABIs whose kernels have them
 * (the modern ones elsewhere: the lines are the same). */
#if defined(__arm__) || defined(__mips__)
#ifdef __arm__
typedef unsigned short old_id;
typedef unsigned short old_pid;
#else
typedef unsigned int old_id;
typedef int old_pid;
#endif
struct old_perm {
    int key;
    old_id uid, gid, cuid, cgid, mode;
    unsigned short seq;
};
struct old_msqid {
    struct old_perm perm;
    void *first, *last;
    long stime, rtime, ctime;
    unsigned long lcbytes, lqbytes;
    unsigned short cbytes, qnum, qbytes;
    old_pid lspid, lrpid;
};
struct old_semid {
    struct old_perm perm;
    long otime, ctime;
    void *base, *pending, *pending_last, *undo;
    unsigned short nsems;
};
struct old_shmid {
    struct old_perm perm;
    int segsz;
    long atime, dtime, ctime;
    old_pid cpid, lpid;
    unsigned short nattch, unused;
    void *unused2, *unused3;
};

static void old_structs(int q, int s, int m)
{
    struct old_msqid mq;
    memset(&mq, 0xff, sizeof mq);
    long r = syscall(SYS_msgctl, q, IPC_STAT, &mq);
    printf("old msqid_ds: %ld qnum %u cbytes %u/%lu qbytes %s mode %o pids %d %d times %d\n",
           r, mq.qnum, mq.cbytes, mq.lcbytes, mq.lqbytes > 0 && mq.qbytes > 0 ? "ok" : "bad",
           (unsigned)mq.perm.mode & 0777, mq.lspid == (old_pid)getpid(), mq.lrpid == 0,
           time_ok(mq.stime) && mq.rtime == 0 && time_ok(mq.ctime));
    mq.perm.mode = 0644;
    mq.qbytes = 0;
    mq.lqbytes = 5000;
    r = syscall(SYS_msgctl, q, IPC_SET, &mq);
    struct msqid_ds ds;
    msgctl(q, IPC_STAT, &ds);
    printf("old IPC_SET: %ld mode %o qbytes %lu\n", r, (unsigned)ds.msg_perm.mode & 0777,
           (unsigned long)ds.msg_qbytes);
    struct old_semid sd;
    memset(&sd, 0xff, sizeof sd);
    r = syscall(SYS_semctl, s, 0, IPC_STAT, &sd);
    printf("old semid_ds: %ld nsems %u mode %o uid %d\n", r, sd.nsems,
           (unsigned)sd.perm.mode & 0777, sd.perm.uid == (old_id)getuid());
    struct old_shmid sh;
    memset(&sh, 0xff, sizeof sh);
    r = syscall(SYS_shmctl, m, IPC_STAT, &sh);
    printf("old shmid_ds: %ld segsz %d nattch %u cpid %d\n", r, sh.segsz, sh.nattch,
           sh.cpid == (old_pid)getpid());
}
#else
static void old_structs(int q, int s, int m)
{
    struct msqid_ds mq;
    long r = msgctl(q, IPC_STAT, &mq);
    printf("old msqid_ds: %ld qnum %u cbytes %u/%lu qbytes %s mode %o pids %d %d times %d\n",
           r, (unsigned)mq.msg_qnum, (unsigned)mq.__msg_cbytes, (unsigned long)mq.__msg_cbytes,
           mq.msg_qbytes > 0 ? "ok" : "bad", (unsigned)mq.msg_perm.mode & 0777,
           mq.msg_lspid == getpid(), mq.msg_lrpid == 0,
           time_ok(mq.msg_stime) && mq.msg_rtime == 0 && time_ok(mq.msg_ctime));
    mq.msg_perm.mode = 0644;
    mq.msg_qbytes = 5000;
    r = msgctl(q, IPC_SET, &mq);
    struct msqid_ds ds;
    msgctl(q, IPC_STAT, &ds);
    printf("old IPC_SET: %ld mode %o qbytes %lu\n", r, (unsigned)ds.msg_perm.mode & 0777,
           (unsigned long)ds.msg_qbytes);
    struct semid_ds sd;
    r = semctl(s, 0, IPC_STAT, &sd);
    printf("old semid_ds: %ld nsems %u mode %o uid %d\n", r, (unsigned)sd.sem_nsems,
           (unsigned)sd.sem_perm.mode & 0777, sd.sem_perm.uid == getuid());
    struct shmid_ds sh;
    r = shmctl(m, IPC_STAT, &sh);
    printf("old shmid_ds: %ld segsz %d nattch %u cpid %d\n", r, (int)sh.shm_segsz,
           (unsigned)sh.shm_nattch, sh.shm_cpid == getpid());
}
#endif

static void old_ctl(void)
{
    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    int s = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    int m = shmget(IPC_PRIVATE, 5000, IPC_CREAT | 0600);
    CHECK(q >= 0 && s >= 0 && m >= 0, "objects for the old ctl structs");
    if (q >= 0)
        track(msq_ids, q);
    if (s >= 0)
        track(sem_ids, s);
    if (m >= 0)
        track(shm_ids, m);
    if (q < 0 || s < 0 || m < 0)
        return;
    send(q, 1, "hello");
    old_structs(q, s, m);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    t_start = time(NULL);
    atexit(cleanup);
    msg_queue();
    semaphores();
    shared_memory();
    old_ctl();
    printf("%s\n", failures ? "FAILURES" : "all ok");
    return failures ? 1 : 0;
}
