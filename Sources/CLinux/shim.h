// What Swift's Glibc module does not export on every toolchain: epoll, eventfd,
// accept4 and the flag constants that are macros or enums Swift cannot import.
// No _GNU_SOURCE here: it would change glibc's structs against Swift's Glibc
// module. The two GNU functions needed are declared by hand instead.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/signalfd.h>
#include <signal.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>

extern int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);
extern int pthread_setname_np(pthread_t thread, const char *name);
static inline int clinux_set_thread_name(const char *name) { return pthread_setname_np(pthread_self(), name); }

static inline int clinux_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }
static inline int clinux_epoll_ctl(int epfd, int op, int fd, struct epoll_event *event) { return epoll_ctl(epfd, op, fd, event); }
static inline int clinux_epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout) { return epoll_wait(epfd, events, maxevents, timeout); }
static inline int clinux_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }
static inline int clinux_accept4(int fd, struct sockaddr *addr, socklen_t *len) { return accept4(fd, addr, len, SOCK_NONBLOCK | SOCK_CLOEXEC); }
static inline int clinux_socket_stream(int domain) { return socket(domain, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0); }

static const uint32_t CLINUX_EPOLLIN = EPOLLIN;
static const uint32_t CLINUX_EPOLLOUT = EPOLLOUT;
static const uint32_t CLINUX_EPOLLERR = EPOLLERR;
static const uint32_t CLINUX_EPOLLHUP = EPOLLHUP;
static const uint32_t CLINUX_EPOLLRDHUP = EPOLLRDHUP;
static const uint32_t CLINUX_EPOLLET = EPOLLET;
static const uint32_t CLINUX_EPOLLEXCLUSIVE = EPOLLEXCLUSIVE;
static const int CLINUX_EPOLL_CTL_ADD = EPOLL_CTL_ADD;
static const int CLINUX_EPOLL_CTL_MOD = EPOLL_CTL_MOD;
static const int CLINUX_EPOLL_CTL_DEL = EPOLL_CTL_DEL;
static const int CLINUX_MSG_NOSIGNAL = MSG_NOSIGNAL;

// Signals delivered as a file descriptor, so a loop can wait for them.
static inline int clinux_signalfd_for(int a, int b, int c) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, a);
    sigaddset(&set, b);
    sigaddset(&set, c);
    if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0) return -1;
    return signalfd(-1, &set, SFD_CLOEXEC);
}
