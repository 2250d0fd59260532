/* Guest memory checks on top of the page table (tcg/page.h). */
#include "syscall/guest-mem.h"

#include <errno.h>
#include <string.h>

#include "tcg/page.h"

static bool in_window(uint64_t addr, uint64_t len)
{
    return addr <= guest_addr_max && len - 1 <= guest_addr_max - addr;
}

void *guest_rd(uint64_t addr, uint64_t len)
{
    if (len == 0)
        return g2h(addr);
    if (!in_window(addr, len) || !page_check_range(addr, len, PAGE_READ))
        return NULL;
    return g2h(addr);
}

void *guest_wr(uint64_t addr, uint64_t len)
{
    if (len == 0)
        return g2h(addr);
    if (!in_window(addr, len) || !page_check_range(addr, len, PAGE_WRITE))
        return NULL;
    page_prepare_write(addr, len);
    return g2h(addr);
}

const char *guest_str(uint64_t addr, size_t max, long *len)
{
    uint64_t page = guest_page_size();
    size_t done = 0;
    /* Page by page: a string may end just before an unmapped page. */
    while (done <= max) {
        uint64_t at = addr + done;
        if (at > guest_addr_max || !page_check_range(at, 1, PAGE_READ)) {
            *len = -EFAULT;
            return NULL;
        }
        size_t chunk = (size_t)(page - (at & (page - 1)));
        const char *p = g2h(at);
        const char *nul = memchr(p, 0, chunk);
        if (nul) {
            done += (size_t)(nul - p);
            if (done > max)
                break;
            *len = (long)done;
            return g2h(addr);
        }
        done += chunk;
    }
    *len = -ENAMETOOLONG;
    return NULL;
}

long guest_strcpy(char *buf, size_t n, uint64_t addr)
{
    long len;
    const char *s = guest_str(addr, n - 1, &len);
    if (!s)
        return len;
    memcpy(buf, s, (size_t)len + 1);
    return len;
}
